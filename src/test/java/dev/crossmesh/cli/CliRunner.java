package dev.crossmesh.cli;

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

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), request -> {
            throw new AssertionError("the GUI must not open from this test");
        });
        return new Result(code, out.toString(), err.toString());
    }
}
