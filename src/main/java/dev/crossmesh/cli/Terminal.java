package dev.crossmesh.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Where a command writes: results to out, progress and problems to err, so that `--json > file` stays clean.
 * Questions (apply's confirmation) are asked on err and answered on in; {@code in} is null when there is no input.
 */
public record Terminal(PrintWriter out, PrintWriter err, BufferedReader in) {
    public Terminal(PrintWriter out, PrintWriter err) {
        this(out, err, null);
    }

    public void println(String line) {
        out.println(line);
        out.flush();
    }

    public void problem(String line) {
        err.println(line);
        err.flush();
    }

    /** Asks on err and reads one line; empty when there is no input to read (no terminal, stdin closed). */
    public Optional<String> ask(String question) {
        out.flush();
        err.print(question);
        err.flush();
        if (in == null) {
            err.println();
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(in.readLine());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
