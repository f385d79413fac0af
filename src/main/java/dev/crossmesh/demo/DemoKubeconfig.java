package dev.crossmesh.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.PrivateFiles;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.render.KubeYaml;

/** Writes the kubeconfig of the demo clusters: one context per cluster, each cluster marked as a demo. */
public final class DemoKubeconfig {
    private DemoKubeconfig() {
    }

    public static String yaml(List<DemoApiServer> servers) {
        List<Object> clusters = new ArrayList<>();
        List<Object> contexts = new ArrayList<>();
        List<Object> users = new ArrayList<>();
        for (DemoApiServer s : servers) {
            Map<String, Object> cluster = new LinkedHashMap<>();
            cluster.put("server", s.url());
            // the demo API servers use a self-signed certificate made at start; there is nothing to verify it against
            cluster.put("insecure-skip-tls-verify", true);
            cluster.put("extensions", List.of(Map.of("name", Kubeconfigs.DEMO_EXTENSION,
                    "extension", Map.of("cluster", s.name(), "note", "crossmesh demo cluster, not a real Kubernetes cluster"))));
            clusters.add(Map.of("name", s.name(), "cluster", cluster));
            contexts.add(Map.of("name", s.name(), "context", Map.of("cluster", s.name(), "user", s.name() + "-admin")));
            users.add(Map.of("name", s.name() + "-admin", "user", Map.of("token", "demo-admin")));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", clusters);
        config.put("contexts", contexts);
        config.put("users", users);
        config.put("current-context", servers.isEmpty() ? "" : servers.get(0).name());
        return "# crossmesh demo clusters: in-process API servers, gone when `crossmesh demo` stops\n" + KubeYaml.dump(config);
    }

    public static void write(List<DemoApiServer> servers, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        PrivateFiles.write(file, yaml(servers));
    }
}
