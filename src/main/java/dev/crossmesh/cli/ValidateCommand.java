package dev.crossmesh.cli;

import java.util.List;
import java.util.concurrent.Callable;

import com.google.gson.GsonBuilder;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.PlanDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", description = "Check a plan file without touching any cluster. Exit 0 valid, 1 errors, 2 unreadable.")
class ValidateCommand implements Callable<Integer> {
    @Mixin
    PlanOption plan;

    @Option(names = "--json", description = "print the findings as JSON")
    boolean json;

    private final Terminal terminal;

    ValidateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PlanDocument doc = plan.read();
        List<Finding> findings = doc.allFindings();
        boolean errors = Finding.anyError(findings);
        if (json) {
            terminal.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create()
                    .toJson(new ValidationReport(plan.file.toString(), !errors, findings.stream().map(JsonFinding::of).toList())));
        } else {
            findings.forEach(f -> terminal.println(f.toLine()));
            long errorCount = findings.stream().filter(Finding::isError).count();
            long warningCount = findings.size() - errorCount;
            if (errors) {
                terminal.println(plan.file + ": " + errorCount + " error(s), " + warningCount + " warning(s)");
            } else {
                long networks = doc.plan().clusters().stream().map(ClusterSpec::network).distinct().count();
                terminal.println(plan.file + ": valid, mesh " + doc.plan().meshId() + " with " + doc.plan().clusters().size()
                        + " clusters on " + networks + " network(s)" + (warningCount > 0 ? ", " + warningCount + " warning(s)" : ""));
            }
        }
        return errors ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    record ValidationReport(String plan, boolean valid, List<JsonFinding> findings) {
    }

    /** Written as {@code status --json} writes findings: severity {@code error|warning}, null where there is no path or cluster. */
    record JsonFinding(String severity, String code, String path, String cluster, String message) {
        static JsonFinding of(Finding f) {
            return new JsonFinding(f.severity().label(), f.code(), f.path().isEmpty() ? null : f.path(), f.cluster().isEmpty() ? null : f.cluster(),
                    f.message());
        }
    }
}
