package dev.crossmesh.kube;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;

/**
 * The kubeconfig files in effect, found the way kubectl finds them: an explicit file, else every file in
 * {@code KUBECONFIG} merged in order (the first definition of a name wins), else {@code ~/.kube/config}.
 * Connection settings for a context come from fabric8's own kubeconfig loading; exec credential plugins such as
 * gke-gcloud-auth-plugin are run by {@link LoginPlugin}, bounded in time and never echoing what they print.
 */
public final class Kubeconfigs {
    /** The extension a demo kubeconfig puts on its clusters, so that every screen can say "demo". */
    public static final String DEMO_EXTENSION = "crossmesh.dev/demo";

    private final List<Path> files;

    private Kubeconfigs(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /** @param explicit the file given with --kubeconfig, or null to use KUBECONFIG / ~/.kube/config */
    public static Kubeconfigs locate(Path explicit) {
        if (explicit != null) {
            return new Kubeconfigs(List.of(explicit));
        }
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            List<Path> paths = new ArrayList<>();
            for (String part : env.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    paths.add(Path.of(part));
                }
            }
            return new Kubeconfigs(paths);
        }
        return new Kubeconfigs(List.of(Path.of(System.getProperty("user.home"), ".kube", "config")));
    }

    public static Kubeconfigs of(List<Path> files) {
        return new Kubeconfigs(files);
    }

    /** Whether any of the files exists; with none there is nothing to read, and kubectl shows no contexts. */
    public boolean anyFileExists() {
        return files.stream().anyMatch(Files::isRegularFile);
    }

    public List<Path> files() {
        return files;
    }

    /** Every context of every file, in kubectl's merge order; files that do not exist are skipped as kubectl does. */
    public List<KubeContext> contexts() throws KubeconfigException {
        Map<Path, KubeconfigDocument> parsed = new LinkedHashMap<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                parsed.put(file, KubeconfigDocument.read(file));
            }
        }
        // merged as kubectl merges: the first definition of each name wins, and the first current-context set
        String current = parsed.values().stream().map(KubeconfigDocument::currentContext).filter(c -> c != null && !c.isEmpty())
                .findFirst().orElse(null);
        Map<String, KubeconfigDocument.Cluster> clusters = new LinkedHashMap<>();
        Map<String, Map.Entry<Path, KubeconfigDocument.Context>> contexts = new LinkedHashMap<>();
        parsed.forEach((file, doc) -> {
            doc.clusters().forEach(c -> clusters.putIfAbsent(c.name(), c));
            doc.contexts().forEach(c -> contexts.putIfAbsent(c.name(), Map.entry(file, c)));
        });
        List<KubeContext> result = new ArrayList<>();
        for (Map.Entry<Path, KubeconfigDocument.Context> entry : contexts.values()) {
            KubeconfigDocument.Context ctx = entry.getValue();
            String clusterName = Objects.toString(ctx.cluster(), "");
            Optional<KubeconfigDocument.Cluster> cluster = Optional.ofNullable(clusters.get(clusterName));
            result.add(new KubeContext(ctx.name(), clusterName, cluster.map(c -> Objects.toString(c.server(), "")).orElse(""),
                    Objects.toString(ctx.user(), ""), Objects.toString(ctx.namespace(), ""), entry.getKey(), ctx.name().equals(current),
                    cluster.map(KubeconfigDocument.Cluster::demo).orElse(false)));
        }
        return result;
    }

    public KubeContext context(String name) throws KubeconfigException {
        return contexts().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new KubeconfigException(
                "context '" + name + "' is not in " + describeFiles() + "; list the contexts with `crossmesh contexts`"
                        + " or point at another file with --kubeconfig"));
    }

    /**
     * fabric8 client settings for a context. The name is checked first: fabric8 on its own silently falls
     * back to another context when the name is unknown, which would apply a mesh to the wrong cluster.
     */
    public io.fabric8.kubernetes.client.Config clientConfig(String contextName) throws KubeconfigException {
        return clientConfig(contextName, LoginPlugin.TIMEOUT);
    }

    /**
     * As {@link #clientConfig(String)}; a context whose user logs in with an exec plugin gets the plugin's credentials
     * from {@link LoginPlugin} (run now, within {@code loginTimeout}), and fabric8 sees the user without its exec.
     */
    io.fabric8.kubernetes.client.Config clientConfig(String contextName, java.time.Duration loginTimeout) throws KubeconfigException {
        KubeContext ctx = context(contextName);
        Map<Path, Config> files = parseAll();
        List<Config> parsed = new ArrayList<>(files.values());
        Optional<LoginPlugin> login = takeLoginPlugin(files, ctx, loginTimeout);
        io.fabric8.kubernetes.client.Config config;
        try {
            if (login.isEmpty() && isSelfContained(ctx)) {
                config = io.fabric8.kubernetes.client.Config.fromKubeconfig(contextName, ctx.source().toFile());
            } else {
                // what fromKubeconfig does, from the files as parsed here (each part knows its file, for relative paths)
                config = io.fabric8.kubernetes.client.Config.empty();
                KubeConfigUtils.merge(config, contextName, parsed.toArray(Config[]::new));
                io.fabric8.kubernetes.client.Config.configFromSysPropsOrEnvVars(config);
            }
        } catch (RuntimeException e) {
            throw new KubeconfigException("cannot load context '" + contextName + "' from " + ctx.source() + ": " + e.getMessage(), e);
        }
        if (login.isPresent()) {
            login.get().configure(config);
        }
        return config;
    }

    /**
     * The exec plugin of the context's user as kubectl picks it (the first file that defines the user), removed from
     * every definition of that user so that fabric8 does not run it as well.
     */
    private static Optional<LoginPlugin> takeLoginPlugin(Map<Path, Config> files, KubeContext ctx, java.time.Duration timeout) {
        ExecConfig exec = null;
        Path source = ctx.source();
        for (Map.Entry<Path, Config> file : files.entrySet()) {
            for (NamedAuthInfo user : nullSafe(file.getValue().getUsers())) {
                if (Objects.equals(ctx.user(), user.getName()) && user.getUser() != null) {
                    if (exec == null && user.getUser().getExec() != null) {
                        exec = user.getUser().getExec();
                        source = file.getKey();
                    }
                    user.getUser().setExec(null);
                }
            }
        }
        if (exec == null) {
            return Optional.empty();
        }
        Cluster cluster = files.values().stream().flatMap(f -> nullSafe(f.getClusters()).stream()).filter(c -> Objects.equals(ctx.cluster(), c.getName()))
                .map(NamedCluster::getCluster).filter(Objects::nonNull).findFirst().orElse(null);
        return Optional.of(new LoginPlugin(ctx.name(), exec, source, cluster, timeout));
    }

    public String describeFiles() {
        return files.size() == 1 ? "kubeconfig " + files.get(0) : "kubeconfig files " + files;
    }

    private static boolean isSelfContained(KubeContext ctx) throws KubeconfigException {
        KubeconfigDocument own = KubeconfigDocument.read(ctx.source());
        KubeconfigDocument.Context named = own.contexts().stream().filter(c -> ctx.name().equals(c.name())).findFirst().orElse(null);
        if (named == null) {
            return false;
        }
        boolean hasCluster = own.clusters().stream().anyMatch(c -> Objects.equals(c.name(), named.cluster()));
        boolean hasUser = named.user() == null || own.users().stream().anyMatch(u -> Objects.equals(u, named.user()));
        return hasCluster && hasUser;
    }

    /** With fabric8's reader: only for connecting through a context whose parts are spread over several files. */
    private Map<Path, Config> parseAll() throws KubeconfigException {
        Map<Path, Config> parsed = new LinkedHashMap<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                parsed.put(file, parse(file));
            }
        }
        return parsed;
    }

    private static Config parse(Path file) throws KubeconfigException {
        try {
            return KubeConfigUtils.parseConfig(file.toFile());
        } catch (RuntimeException e) {
            throw new KubeconfigException("cannot read kubeconfig " + file + ": " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
