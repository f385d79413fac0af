package dev.crossmesh.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.render.RenderedMesh;

/**
 * A plan of the examples folder pointed at demo clusters (cluster i of the plan on demo-cluster-i), rendered with
 * real certificates, and applied the way crossmesh applies it on a demo cluster: plain objects through the API,
 * the IstioOperator as a resource (the operator path). Tests of the demo only; the real applier lives in kube.
 */
record DemoMesh(MeshPlan plan, RenderedMesh rendered, Map<String, ClusterCerts> certs) {

    static DemoMesh of(Path example, Path certDir) throws Exception {
        MeshPlan plan = PlanReader.read(example).plan();
        List<ClusterSpec> onDemo = new ArrayList<>();
        for (int i = 0; i < plan.clusters().size(); i++) {
            ClusterSpec c = plan.clusters().get(i);
            onDemo.add(new ClusterSpec(c.name(), DemoClusters.NAME_PREFIX + (i + 1), c.network(), c.region(), c.role(), c.apiServer()));
        }
        plan = plan.withClusters(onDemo);
        Map<String, ClusterCerts> certs = CertStore.forPlan(plan, certDir, KeyType.EC_P256);
        return new DemoMesh(plan, ManifestRenderer.render(plan, certs), certs);
    }

    static DemoMesh twoClusters(Path certDir) throws Exception {
        return of(Path.of("examples/two-clusters.yaml"), certDir);
    }

    /** The demo context the plan's cluster runs on. */
    String context(String cluster) {
        return plan.cluster(cluster).orElseThrow().context();
    }

    String rootPem() {
        return certs.values().iterator().next().rootCertPem();
    }

    List<Manifest> applied(String cluster) {
        return rendered.manifests(cluster).stream()
                .filter(m -> Set.of(ApplyMethod.API, ApplyMethod.ISTIOCTL, ApplyMethod.REMOTE_SECRET).contains(m.method())).toList();
    }

    void applyAll(DemoClusters demo) {
        for (ClusterSpec c : plan.clusters()) {
            apply(demo, c.name(), m -> true);
        }
    }

    void apply(DemoClusters demo, String cluster, Predicate<Manifest> which) {
        var client = demo.server(context(cluster)).adminClient();
        for (Manifest m : applied(cluster)) {
            if (which.test(m)) {
                client.resource(m.yaml()).create();
            } else if (m.kind().equals("Namespace") && client.resource(m.yaml()).get() == null) {
                client.resource(m.yaml()).create(); // what is applied lands in a namespace that exists, as a real API server demands
            }
        }
    }

    static Predicate<Manifest> kind(String kind) {
        return m -> m.kind().equals(kind);
    }

    @Override
    public String toString() {
        return "DemoMesh " + plan.meshId();
    }

    static Path certDir(Path tempDir) throws IOException {
        return java.nio.file.Files.createDirectories(tempDir.resolve("certs"));
    }
}
