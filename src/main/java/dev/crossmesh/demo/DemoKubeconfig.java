package dev.crossmesh.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crossmesh.AppDirs;
import dev.crossmesh.PrivateFiles;
import dev.crossmesh.kube.KubeContext;
import dev.crossmesh.kube.KubeconfigException;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.render.KubeYaml;

/**
 * Writes the kubeconfig of the demo clusters: one context per cluster, each cluster marked as a demo, each user the
 * cluster's admin with that cluster's own token (a demo API server refuses requests without it).
 */
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
            users.add(Map.of("name", s.name() + "-admin", "user", Map.of("token", s.adminToken())));
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

    /** The kubeconfig of the user's real clusters, which the demo never writes. */
    public static Path userKubeconfig() {
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    /**
     * Refuses a path the demo must not write: {@code ~/.kube/config}, or an existing file that is not a demo
     * kubeconfig (it may hold someone's real clusters). An empty file or an earlier demo's kubeconfig is fine.
     *
     * @throws IllegalArgumentException saying why and what to do instead
     */
    public static void checkWritable(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path user = userKubeconfig().toAbsolutePath().normalize();
        boolean same = absolute.equals(user);
        try {
            same = same || (Files.exists(absolute) && Files.exists(user) && Files.isSameFile(absolute, user));
        } catch (IOException e) {
            // cannot tell: the name check above stands
        }
        if (same) {
            throw new IllegalArgumentException(file + " is your own kubeconfig (~/.kube/config): the demo never writes it. "
                    + "Leave out --kubeconfig to use " + AppDirs.demoKubeconfig() + ", or name a file of its own");
        }
        if (!Files.isRegularFile(absolute)) {
            if (Files.exists(absolute)) {
                throw new IllegalArgumentException(file + " exists and is not a file; name a kubeconfig file for the demo clusters");
            }
            return;
        }
        try {
            if (Files.size(absolute) == 0) {
                return;
            }
            List<KubeContext> contexts = Kubeconfigs.of(List.of(absolute)).contexts();
            if (!contexts.isEmpty() && contexts.stream().allMatch(KubeContext::demo)) {
                return;
            }
        } catch (IOException | KubeconfigException | RuntimeException e) {
            // unreadable as a kubeconfig: not ours either
        }
        throw new IllegalArgumentException(file + " exists and is not a crossmesh demo kubeconfig; the demo will not overwrite it. "
                + "Name a new file with --kubeconfig, or leave it out to use " + AppDirs.demoKubeconfig());
    }

    /**
     * When the file is a demo kubeconfig whose API servers still answer, the first such server: another demo is
     * running on it, and writing over its kubeconfig would strand that demo's users.
     */
    public static Optional<String> liveServer(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            for (KubeContext context : Kubeconfigs.of(List.of(file)).contexts()) {
                if (context.demo() && answers(context.server())) {
                    return Optional.of(context.name() + " at " + context.server());
                }
            }
        } catch (KubeconfigException | RuntimeException e) {
            // not readable: nobody is using it
        }
        return Optional.empty();
    }

    private static boolean answers(String url) {
        try {
            URI uri = URI.create(url);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 300);
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static void write(List<DemoApiServer> servers, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        PrivateFiles.write(file, yaml(servers));
    }
}
