package dev.crossmesh;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import dev.crossmesh.cli.Cli;

/**
 * The main class. A plain class, not a JavaFX Application, so that the jar starts with JavaFX on the class path.
 * No arguments open the wizard; anything else is a CLI command.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.exit(dev.crossmesh.ui.CrossmeshApp.open(GuiRequest.wizard()));
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(Cli.run(args, System.in, out, err, dev.crossmesh.ui.CrossmeshApp::open));
    }
}
