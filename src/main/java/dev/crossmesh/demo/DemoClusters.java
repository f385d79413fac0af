package dev.crossmesh.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * N demo clusters named {@code demo-cluster-1...N}, their kubeconfig, and what makes them behave like clusters.
 * Closing stops them all.
 */
public final class DemoClusters implements AutoCloseable {
    public static final String NAME_PREFIX = "demo-cluster-";

    private final List<DemoApiServer> servers = new ArrayList<>();
    private final List<AutoCloseable> controllers = new ArrayList<>();
    private final Path kubeconfig;

    private DemoClusters(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    public static DemoClusters start(int count, Path kubeconfig) throws IOException {
        DemoClusters demo = new DemoClusters(kubeconfig);
        try {
            for (int i = 1; i <= count; i++) {
                DemoApiServer server = new DemoApiServer(NAME_PREFIX + i).start();
                demo.servers.add(server);
                demo.controllers.add(new TokenController(server).start());
            }
            DemoKubeconfig.write(demo.servers, kubeconfig);
            return demo;
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    public List<DemoApiServer> servers() {
        return List.copyOf(servers);
    }

    public DemoApiServer server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo cluster " + name));
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        for (AutoCloseable c : controllers) {
            try {
                c.close();
            } catch (Exception e) {
                // closing everything matters more than one failure
            }
        }
        servers.forEach(DemoApiServer::close);
    }
}
