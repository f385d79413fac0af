package dev.crossmesh.demo;

import java.util.List;

/**
 * The region each demo cluster pretends to run in: distinct per cluster, real cloud region names, so that the
 * wizard prefills something that looks like a user's own setup. Google Cloud's regions come first, then AWS's: a
 * mesh across 50 networks is, in practice, across clouds.
 */
public final class DemoRegions {
    private static final List<String> REGIONS = List.of(
            "europe-west1", "us-east1", "asia-south1", "us-west1", "europe-north1",
            "southamerica-east1", "australia-southeast1", "asia-northeast1", "northamerica-northeast1", "me-west1",
            "europe-west3", "us-central1", "asia-southeast1", "africa-south1", "europe-southwest1",
            "asia-east1", "us-south1", "europe-central2", "asia-northeast3", "australia-southeast2",
            "europe-west2", "europe-west4", "europe-west6", "europe-west8", "europe-west9",
            "europe-west10", "europe-west12", "europe-north2", "us-east4", "us-east5",
            "us-west2", "us-west3", "us-west4", "northamerica-northeast2", "northamerica-south1",
            "southamerica-west1", "asia-east2", "asia-northeast2", "asia-south2", "asia-southeast2",
            "me-central1", "me-central2",
            "eu-west-1", "eu-central-1", "us-east-2", "us-west-2", "ap-southeast-2",
            "ap-northeast-1", "sa-east-1", "ca-central-1");

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
