package dev.crossmesh.demo;

import java.util.List;

/**
 * The region each demo cluster pretends to run in: distinct per cluster, real cloud region names, so that the
 * wizard prefills something that looks like a user's own setup.
 */
public final class DemoRegions {
    private static final List<String> REGIONS = List.of(
            "europe-west1", "us-east1", "asia-south1", "us-west1", "europe-north1",
            "southamerica-east1", "australia-southeast1", "asia-northeast1", "northamerica-northeast1", "me-west1",
            "europe-west3", "us-central1", "asia-southeast1", "africa-south1", "europe-southwest1",
            "asia-east1", "us-south1", "europe-central2", "asia-northeast3", "australia-southeast2");

    /** As many clusters as there are distinct regions (and loopback gateway addresses to spare). */
    public static final int MAX_CLUSTERS = REGIONS.size();

    private DemoRegions() {
    }

    /** @param index 1 for demo-cluster-1 */
    public static String region(int index) {
        if (index < 1 || index > MAX_CLUSTERS) {
            throw new IllegalArgumentException("demo clusters are numbered 1.." + MAX_CLUSTERS + ", not " + index);
        }
        return REGIONS.get(index - 1);
    }

    /** The zones of a demo cluster's nodes: two per cluster, as a regional cluster would spread them. */
    public static List<String> zones(int index) {
        String region = region(index);
        return List.of(region + "-b", region + "-c");
    }
}
