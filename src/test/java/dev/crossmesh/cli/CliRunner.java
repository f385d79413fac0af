package dev.crossmesh.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process as `crossmesh ARGS...` would, capturing output and exit code. */
public final class CliRunner {
    public record Result(int code, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private CliRunner() {
    }

    /** With no input, as when stdin is not a terminal: commands that ask need --yes. */
    public static Result run(String... args) {
        return run(null, args);
    }

    /** With {@code input} as what the user types (e.g. "yes\n"). */
    public static Result runWithInput(String input, String... args) {
        return run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
    }

    private static Result run(InputStream in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, in, new PrintWriter(out), new PrintWriter(err), request -> {
            throw new AssertionError("the GUI must not open from this test");
        });
        return new Result(code, out.toString(), err.toString());
    }
}
