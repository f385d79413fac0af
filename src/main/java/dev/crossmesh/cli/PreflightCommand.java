package dev.crossmesh.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.crossmesh.kube.ClusterCheck;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Preflight;
import dev.crossmesh.kube.PreflightReport;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.PlanDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "preflight", description = "Check every cluster of a plan before applying: reachable, version, permissions, CRDs,"
        + " conflicting labels or installs, shared root. Exit 0 no errors, 1 errors, 2 could not run.")
class PreflightCommand implements Callable<Integer> {
    @Mixin
    PlanOption plan;

    @Mixin
    KubeconfigOption kubeconfig;

    @Mixin
    ControlPlaneOption controlPlane;

    @Mixin
    CaFolderOption ca;

    private final Terminal terminal;

    PreflightCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PlanDocument doc = plan.read();
        PreflightReport report;
        try (ClusterClients clients = new ClusterClients(kubeconfig.readable())) {
            report = new Preflight(clients).run(doc.plan(), controlPlane.mode(), controlPlane.charts(), ca.existingRoot(doc.plan()));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CLUSTER", "CONTEXT", "SERVER", "STATUS", "CONTROL PLANE"});
        for (ClusterCheck c : report.clusters()) {
            rows.add(new String[] {c.cluster(), c.context(), c.server().isEmpty() ? "-" : c.server(),
                    c.reachable() ? "reachable, Kubernetes " + c.kubernetesVersion() : "not reachable: " + c.error(),
                    c.controlPlane().isEmpty() ? "-" : c.controlPlane()});
        }
        if (rows.size() > 1) {
            Table.print(terminal, rows);
        }
        for (ClusterCheck c : report.clusters()) {
            c.notes().forEach(n -> terminal.println("note [" + c.cluster() + "]: " + n));
        }
        // the plan's reading and validation findings first, then the clusters'
        List<Finding> findings = new ArrayList<>(doc.readFindings());
        findings.addAll(report.findings());
        findings.forEach(f -> terminal.println(f.toLine()));
        long errors = findings.stream().filter(Finding::isError).count();
        long warnings = findings.size() - errors;
        terminal.println("preflight: " + report.clusters().stream().filter(ClusterCheck::reachable).count() + " of " + doc.plan().clusters().size()
                + " cluster(s) reachable, " + errors + " error(s), " + warnings + " warning(s)"
                + (errors == 0 ? "; ready to apply (crossmesh diff --plan " + plan.file + " shows what would change)" : ""));
        return errors > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
