package dev.crossmesh.cli;

import java.io.PrintWriter;

/** Where a command writes: results to out, progress and problems to err, so that `--json > file` stays clean. */
public record Terminal(PrintWriter out, PrintWriter err) {
    public void println(String line) {
        out.println(line);
        out.flush();
    }

    public void problem(String line) {
        err.println(line);
        err.flush();
    }
}
