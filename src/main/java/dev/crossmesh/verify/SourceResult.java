package dev.crossmesh.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The requests sent from one cluster's client: which cluster answered how many, how many failed and with which errors.
 *
 * @param from       the plan's name of the cluster the requests came from
 * @param answeredBy answers per cluster: every cluster of the plan (0 when it never answered), then any other name a
 *                   helloworld pod answered with
 * @param failed     requests that got no answer from a helloworld pod
 * @param errors     the distinct errors, in the order they first came
 * @param sent       requests sent (answered + failed); 0 when the client could not send any
 */
public record SourceResult(String from, Map<String, Integer> answeredBy, int failed, List<String> errors, int sent) {
    public SourceResult {
        answeredBy = Collections.unmodifiableMap(new LinkedHashMap<>(answeredBy));
        errors = List.copyOf(errors);
    }

    /** Tallies outcomes, listing the plan's clusters first. */
    public static SourceResult of(String from, List<String> clusters, List<RequestOutcome> outcomes) {
        Map<String, Integer> answeredBy = new LinkedHashMap<>();
        clusters.forEach(c -> answeredBy.put(c, 0));
        int failed = 0;
        LinkedHashSet<String> errors = new LinkedHashSet<>();
        for (RequestOutcome o : outcomes) {
            if (o instanceof RequestOutcome.Answered a) {
                answeredBy.merge(a.cluster(), 1, Integer::sum);
            } else {
                failed++;
                errors.add(((RequestOutcome.Failed) o).error());
            }
        }
        return new SourceResult(from, answeredBy, failed, new ArrayList<>(errors), outcomes.size());
    }

    /** No request could be sent from this cluster (its client never became ready, or the cluster did not answer). */
    public static SourceResult notSent(String from, List<String> clusters, String why) {
        Map<String, Integer> answeredBy = new LinkedHashMap<>();
        clusters.forEach(c -> answeredBy.put(c, 0));
        return new SourceResult(from, answeredBy, 0, List.of(why), 0);
    }

    public int answers(String cluster) {
        return answeredBy.getOrDefault(cluster, 0);
    }
}
