package dev.crossmesh.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.verify.SourceResult;
import dev.crossmesh.verify.SourceVerdict;
import dev.crossmesh.verify.VerifyReport;
import dev.crossmesh.verify.VerifyWorkload;

/** The text of {@code crossmesh verify}: the answer matrix, a verdict per client with the networks it reached, the findings. */
final class VerifyPrinter {
    private VerifyPrinter() {
    }

    static void print(Terminal terminal, MeshPlan plan, VerifyReport report, boolean demo) {
        terminal.println("answers (row: the cluster the requests came from; column: the cluster that answered; " + report.requests() + " requests each)");
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("FROM"));
        header.addAll(report.clusters());
        header.add("FAILED");
        rows.add(header.toArray(String[]::new));
        for (SourceResult r : report.results()) {
            List<String> row = new ArrayList<>(List.of(r.from()));
            report.clusters().forEach(c -> row.add(r.sent() == 0 ? "-" : String.valueOf(r.answers(c))));
            row.add(r.sent() == 0 ? "not sent" : String.valueOf(r.failed()));
            rows.add(row.toArray(String[]::new));
        }
        Table.print(terminal, rows);
        for (SourceResult r : report.results()) {
            r.answeredBy().keySet().stream().filter(c -> !report.clusters().contains(c) && r.answers(c) > 0).forEach(c -> terminal.println(
                    "  " + r.from() + ": " + r.answers(c) + " answer(s) from '" + c + "', not a cluster of the plan (another helloworld?)"));
            r.errors().forEach(e -> terminal.println("  " + r.from() + (r.sent() == 0 ? ": " : " got: ") + e));
        }
        terminal.println("");
        List<String[]> verdicts = new ArrayList<>();
        for (SourceVerdict v : report.sources()) {
            verdicts.add(new String[] {v.from(), v.verdict().label(), reach(plan, v)});
        }
        Table.print(terminal, verdicts);
        if (!report.findings().isEmpty()) {
            terminal.println("");
            report.findings().forEach(f -> terminal.println(f.toLine()));
        }
        if (report.kept()) {
            terminal.println("kept: namespace " + VerifyWorkload.NAMESPACE + " stays in every cluster (--keep); run verify again without --keep to remove it");
        }
        long ok = report.sources().stream().filter(v -> v.verdict() == dev.crossmesh.verify.Verdict.OK).count();
        terminal.println("verdict: " + report.verdict().label() + " (" + ok + " of " + report.sources().size()
                + " clusters reached every cluster they must; " + report.findings().stream().filter(Finding::isError).count() + " error(s), "
                + report.findings().stream().filter(f -> !f.isError()).count() + " warning(s))"
                + (demo ? " [demo]" : ""));
    }

    /** {@code reached net-a (eu-west, us-east); not reached: net-b (asia-south)} */
    private static String reach(MeshPlan plan, SourceVerdict v) {
        String reached = byNetwork(plan, v.reached());
        String missing = byNetwork(plan, v.missing());
        return (reached.isEmpty() ? "reached nothing" : "reached " + reached) + (missing.isEmpty() ? "" : "; not reached: " + missing);
    }

    private static String byNetwork(MeshPlan plan, List<String> clusters) {
        Map<String, List<String>> networks = new LinkedHashMap<>();
        for (String c : clusters) {
            String network = plan.cluster(c).map(ClusterSpec::network).orElse("?");
            networks.computeIfAbsent(network, k -> new ArrayList<>()).add(c);
        }
        List<String> parts = new ArrayList<>();
        networks.forEach((n, cs) -> parts.add(n + " (" + String.join(", ", cs) + ")"));
        return String.join(", ", parts);
    }
}
