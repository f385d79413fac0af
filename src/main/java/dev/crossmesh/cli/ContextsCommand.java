package dev.crossmesh.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.GsonBuilder;

import dev.crossmesh.kube.KubeContext;
import dev.crossmesh.kube.KubeconfigException;
import dev.crossmesh.kube.Kubeconfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "contexts", description = "List the kubeconfig contexts with their API server, user and namespace.")
class ContextsCommand implements Callable<Integer> {
    @Mixin
    KubeconfigOption kubeconfig;

    @Option(names = "--json", description = "print a JSON array of {name, server, user, namespace, current, demo}")
    boolean json;

    private final Terminal terminal;

    ContextsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Kubeconfigs kubeconfigs = kubeconfig.kubeconfigs();
        List<KubeContext> contexts;
        try {
            contexts = kubeconfigs.contexts();
        } catch (KubeconfigException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (KubeContext c : contexts) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", c.name());
                row.put("server", c.server());
                row.put("user", c.user());
                row.put("namespace", c.namespace());
                row.put("current", c.current());
                row.put("demo", c.demo());
                rows.add(row);
            }
            terminal.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(rows));
            return ExitCodes.OK;
        }
        if (contexts.isEmpty()) {
            terminal.problem(!kubeconfigs.anyFileExists()
                    ? "no contexts: " + kubeconfigs.describeFiles() + " does not exist; point at a kubeconfig with --kubeconfig FILE or KUBECONFIG,"
                            + " or start demo clusters with `crossmesh demo --headless`"
                    : "no contexts in " + kubeconfigs.describeFiles());
            return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CURRENT", "NAME", "SERVER", "USER", "NAMESPACE", "DEMO"});
        for (KubeContext c : contexts) {
            rows.add(new String[] {c.current() ? "*" : "", c.name(), c.server(), c.user(), c.namespace(), c.demo() ? "demo" : ""});
        }
        Table.print(terminal, rows);
        return ExitCodes.OK;
    }
}
