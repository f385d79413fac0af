package dev.crossmesh.demo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Failures to show on purpose, for trainers and for tests of the status findings.
 *
 * @param noLoadBalancer clusters whose east-west gateway Service stays pending (no {@code status.loadBalancer.ingress})
 * @param brokenRootCa   clusters whose istiod ignores the plugged-in {@code cacerts} and makes its own root, so that their
 *                       {@code istio-ca-root-cert} differs from the others' (as when cacerts was missing at install)
 * @param offline        API servers that stop, and maybe come back, at set times after the demo is ready
 */
public record DemoFaults(Set<String> noLoadBalancer, Set<String> brokenRootCa, List<OfflineFault> offline) {
    public DemoFaults {
        noLoadBalancer = Set.copyOf(noLoadBalancer);
        brokenRootCa = Set.copyOf(brokenRootCa);
        offline = List.copyOf(offline);
    }

    public static DemoFaults none() {
        return new DemoFaults(Set.of(), Set.of(), List.of());
    }

    public DemoFaults withNoLoadBalancer(String... clusters) {
        return new DemoFaults(union(noLoadBalancer, List.of(clusters)), brokenRootCa, offline);
    }

    public DemoFaults withBrokenRootCa(String... clusters) {
        return new DemoFaults(noLoadBalancer, union(brokenRootCa, List.of(clusters)), offline);
    }

    public DemoFaults withOffline(OfflineFault fault) {
        List<OfflineFault> more = new ArrayList<>(offline);
        more.add(fault);
        return new DemoFaults(noLoadBalancer, brokenRootCa, more);
    }

    public boolean isEmpty() {
        return noLoadBalancer.isEmpty() && brokenRootCa.isEmpty() && offline.isEmpty();
    }

    /**
     * The faults as the command line gives them. An option given without a cluster ("") means: every cluster for
     * {@code --no-load-balancer}, the last cluster for {@code --break-root-ca}.
     *
     * @throws IllegalArgumentException naming the option and value that is wrong
     */
    public static DemoFaults parse(int clusterCount, Collection<String> noLoadBalancer, Collection<String> breakRootCa,
            Collection<String> offline) {
        Set<String> noLb = new LinkedHashSet<>();
        for (String c : noLoadBalancer) {
            if (c == null || c.isBlank()) {
                for (int i = 1; i <= clusterCount; i++) {
                    noLb.add(DemoClusters.NAME_PREFIX + i);
                }
            } else {
                noLb.add(clusterName(c, clusterCount, "--no-load-balancer=" + c));
            }
        }
        Set<String> broken = new LinkedHashSet<>();
        for (String c : breakRootCa) {
            broken.add(c == null || c.isBlank() ? DemoClusters.NAME_PREFIX + clusterCount : clusterName(c, clusterCount, "--break-root-ca=" + c));
        }
        List<OfflineFault> off = new ArrayList<>();
        for (String spec : offline) {
            off.add(OfflineFault.parse(spec, clusterCount));
        }
        return new DemoFaults(noLb, broken, off);
    }

    /** A demo cluster's name from its name or number; an unknown one is an error that lists the valid names. */
    static String clusterName(String nameOrNumber, int clusterCount, String where) {
        String name = nameOrNumber.chars().allMatch(Character::isDigit) ? DemoClusters.NAME_PREFIX + nameOrNumber : nameOrNumber;
        for (int i = 1; i <= clusterCount; i++) {
            if (name.equals(DemoClusters.NAME_PREFIX + i)) {
                return name;
            }
        }
        throw new IllegalArgumentException(where + ": there is no demo cluster '" + nameOrNumber + "'; this demo has "
                + (clusterCount == 1 ? DemoClusters.NAME_PREFIX + "1" : DemoClusters.NAME_PREFIX + "1.." + clusterCount)
                + " (a name or its number)");
    }

    private static Set<String> union(Set<String> a, Collection<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
