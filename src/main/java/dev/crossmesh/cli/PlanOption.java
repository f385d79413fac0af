package dev.crossmesh.cli;

import java.nio.file.Path;
import java.util.List;

import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.PlanDocument;
import dev.crossmesh.plan.PlanFileException;
import dev.crossmesh.plan.PlanReader;
import picocli.CommandLine.Option;

/** The {@code --plan FILE} option every plan command shares, and reading it. */
public class PlanOption {
    @Option(names = {"-p", "--plan"}, required = true, paramLabel = "FILE", description = "the mesh plan (YAML)")
    Path file;

    public PlanDocument read() {
        try {
            return PlanReader.read(file);
        } catch (PlanFileException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /** Reads and validates; prints the findings and stops with exit 1 when there is an error. */
    public PlanDocument readValid(Terminal terminal) {
        PlanDocument doc = read();
        List<Finding> findings = doc.allFindings();
        findings.stream().filter(f -> !f.isError()).forEach(f -> terminal.problem(f.toLine()));
        if (Finding.anyError(findings)) {
            findings.stream().filter(Finding::isError).forEach(f -> terminal.problem(f.toLine()));
            throw new CliException(ExitCodes.FINDINGS, file + " has errors; fix them (crossmesh validate --plan " + file + ") and run again");
        }
        return doc;
    }
}
