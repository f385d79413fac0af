package dev.crossmesh.ui.clusters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Dns1123;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.Topology;

/**
 * How picking a context changes the plan: a cluster entry with a name, network and role prefilled so that the
 * plan is valid from the start, and edits the user already made kept when other contexts come and go.
 */
public final class ClusterSelection {
    /** {@code gke_PROJECT_LOCATION_NAME}, as {@code gcloud container clusters get-credentials} names contexts. */
    private static final Pattern GKE = Pattern.compile("gke_[^_]+_[^_]+_(.+)");
    /** {@code arn:aws:eks:REGION:ACCOUNT:cluster/NAME}, as {@code aws eks update-kubeconfig} names them. */
    private static final Pattern EKS = Pattern.compile("arn:aws[^:]*:eks:[^:]*:[^:]*:cluster/(.+)");

    private ClusterSelection() {
    }

    /** Adds a cluster for {@code context} unless the plan has one; {@code region} may be "" when not known yet. */
    public static MeshPlan add(MeshPlan plan, String context, String region) {
        if (plan.clusters().stream().anyMatch(c -> c.context().equals(context))) {
            return plan;
        }
        Set<String> names = new HashSet<>();
        Set<String> networks = new HashSet<>();
        plan.clusters().forEach(c -> {
            names.add(c.name());
            networks.add(c.network());
        });
        Role role = plan.topology() == Topology.PRIMARY_REMOTE && plan.clusters().stream().anyMatch(ClusterSpec::isPrimary)
                ? Role.REMOTE : Role.PRIMARY;
        List<ClusterSpec> clusters = new ArrayList<>(plan.clusters());
        clusters.add(new ClusterSpec(suggestName(context, names), context, suggestNetwork(networks), region, role, ""));
        return plan.withClusters(clusters);
    }

    public static MeshPlan remove(MeshPlan plan, String context) {
        return plan.withClusters(plan.clusters().stream().filter(c -> !c.context().equals(context)).toList());
    }

    /** Takes the region a cluster reported, unless the user already gave one. */
    public static MeshPlan fillRegion(MeshPlan plan, String context, String region) {
        if (region == null || region.isEmpty()) {
            return plan;
        }
        return plan.withClusters(plan.clusters().stream()
                .map(c -> c.context().equals(context) && c.region().isEmpty() ? c.withRegion(region) : c)
                .toList());
    }

    /**
     * A cluster name from a context: the cluster's own name for GKE and EKS contexts (their contexts carry project
     * and zone too), else the whole context, made a DNS-1123 label and unique.
     */
    public static String suggestName(String context, Set<String> taken) {
        String base = context;
        for (Pattern p : List.of(GKE, EKS)) {
            Matcher m = p.matcher(context);
            if (m.matches()) {
                base = m.group(1);
                break;
            }
        }
        String name = Dns1123.sanitize(base);
        String candidate = name;
        for (int i = 2; taken.contains(candidate); i++) {
            String suffix = "-" + i;
            candidate = (name.length() + suffix.length() > Dns1123.MAX_LABEL ? name.substring(0, Dns1123.MAX_LABEL - suffix.length()) : name) + suffix;
        }
        return candidate;
    }

    /** {@code network-N}, the first N not taken: every cluster starts on a network of its own. */
    public static String suggestNetwork(Set<String> taken) {
        for (int i = 1; ; i++) {
            String candidate = "network-" + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
