package dev.crossmesh.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.demo.DemoApiServer;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanWriter;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.Topology;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** For tests: demo clusters with a plan over them, its mesh CA, and load balancers that hand out addresses. */
final class DemoMesh implements AutoCloseable {
    final DemoClusters demo;
    final MeshPlan plan;
    final Path planFile;
    final Path certDir;
    final Map<String, ClusterCerts> certs;
    final ClusterClients clients;
    private final List<LoadBalancerSimulator> balancers = new ArrayList<>();

    private DemoMesh(DemoClusters demo, MeshPlan plan, Path dir) throws IOException {
        this.demo = demo;
        this.plan = plan;
        this.planFile = dir.resolve("plan.yaml");
        PlanWriter.write(plan, planFile);
        this.certDir = dir.resolve("certs");
        this.certs = CertStore.forPlan(plan, certDir, KeyType.EC_P256);
        this.clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())));
    }

    /** A multi-primary mesh over {@code n} demo clusters, cluster-i on network net-i. */
    static DemoMesh multiPrimary(int n, Path dir) throws IOException {
        DemoClusters demo = DemoClusters.builder().clusters(n).kubeconfig(dir.resolve("kubeconfig")).withoutSimulation().start();
        List<ClusterSpec> clusters = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            clusters.add(new ClusterSpec("cluster-" + i, "demo-cluster-" + i, "net-" + i));
        }
        return new DemoMesh(demo, MeshPlan.of("mesh1", clusters), dir);
    }

    /** cluster-1 primary, cluster-2 remote, on two networks. */
    static DemoMesh primaryRemote(Path dir) throws IOException {
        DemoClusters demo = DemoClusters.builder().clusters(2).kubeconfig(dir.resolve("kubeconfig")).withoutSimulation().start();
        List<ClusterSpec> clusters = List.of(new ClusterSpec("cluster-1", "demo-cluster-1", "net-1"),
                new ClusterSpec("cluster-2", "demo-cluster-2", "net-2").withRole(Role.REMOTE));
        return new DemoMesh(demo, MeshPlan.of("mesh1", clusters).withTopology(Topology.PRIMARY_REMOTE), dir);
    }

    /** Starts a load balancer in every cluster: cluster-i's gateway gets 172.18.0.(10+i). */
    DemoMesh withLoadBalancers() {
        for (int i = 0; i < demo.servers().size(); i++) {
            balancers.add(new LoadBalancerSimulator(demo.servers().get(i).adminClient(), "172.18.0." + (11 + i)));
        }
        return this;
    }

    DemoApiServer server(int i) {
        return demo.server("demo-cluster-" + i);
    }

    Path kubeconfig() {
        return demo.kubeconfig();
    }

    long requests() {
        return demo.servers().stream().mapToLong(DemoApiServer::requestCount).sum();
    }

    /**
     * The writes crossmesh sent to cluster-i since the last call (not its dry runs): "METHOD path" of every request
     * with crossmesh's field manager that is not a dry run.
     */
    List<String> takeWrites(int i) throws InterruptedException {
        List<String> writes = new ArrayList<>();
        for (RecordedRequest r; (r = server(i).mockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null; ) {
            String path = r.getPath();
            if (!r.getMethod().equals("GET") && path.contains("fieldManager=" + ClusterObjects.FIELD_MANAGER) && !path.contains("dryRun=")) {
                writes.add(r.getMethod() + " " + path);
            }
        }
        return writes;
    }

    /** The plan file with some text replaced, for variants (NodePort, other meshId...). */
    Path planVariant(String from, String to) throws IOException {
        Path file = planFile.resolveSibling("plan-" + Integer.toHexString((from + to).hashCode()) + ".yaml");
        Files.writeString(file, Files.readString(planFile).replace(from, to));
        return file;
    }

    @Override
    public void close() {
        balancers.forEach(LoadBalancerSimulator::close);
        clients.close();
        demo.close();
    }
}
