package dev.crossmesh.cli;

import java.util.Map;
import java.util.function.Consumer;

import dev.crossmesh.kube.ApplyEvent;
import dev.crossmesh.kube.ApplyResult;
import dev.crossmesh.kube.ClusterDiff;
import dev.crossmesh.kube.MeshDiff;
import dev.crossmesh.kube.ObjectChange;
import dev.crossmesh.kube.StepOutcome;

/** How diff, apply and uninstall print: the diff grouped by cluster, progress as one line per event, the account at the end. */
final class ApplyPrinter {
    private ApplyPrinter() {
    }

    static void diff(Terminal terminal, MeshDiff diff) {
        for (ClusterDiff c : diff.clusters()) {
            terminal.println(c.cluster() + " (context " + c.context() + (c.server().isEmpty() ? "" : ", " + c.server()) + (c.demo() ? ", demo cluster" : "") + ")");
            if (!c.reachable()) {
                terminal.println("  x not compared: " + c.error());
            }
            for (ObjectChange change : c.changes()) {
                terminal.println("  " + change.toLine());
            }
        }
        terminal.println("diff: " + diff.summary());
    }

    /** Prints events as they come, leaving out the noise of "applying" and per-object "unchanged" (the diff listed those). */
    static Consumer<ApplyEvent> events(Terminal terminal) {
        return event -> {
            boolean objectStart = event.kind() == ApplyEvent.Kind.STARTED && !event.step().isEmpty()
                    && !(event.detail() instanceof ApplyEvent.ToolStarted);
            if (objectStart || event.kind() == ApplyEvent.Kind.UNCHANGED) {
                return;
            }
            terminal.println(event.toLine());
        };
    }

    static void result(Terminal terminal, ApplyResult result, String planFile) {
        if (!result.gatewayAddresses().isEmpty()) {
            StringBuilder line = new StringBuilder("east-west gateway addresses:");
            for (Map.Entry<String, String> e : result.gatewayAddresses().entrySet()) {
                line.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
            terminal.println(line.toString());
        }
        for (ApplyResult.ClusterResult c : result.clusters().values()) {
            if (!c.succeeded()) {
                terminal.println(c.cluster() + ": " + c.failed().size() + " failed or refused, " + c.notAttempted().size() + " not attempted");
                for (StepOutcome s : c.steps()) {
                    if (s.status() == StepOutcome.Status.FAILED || s.status() == StepOutcome.Status.REFUSED) {
                        terminal.println("  " + s.step() + ": " + s.message());
                    }
                }
            }
        }
        String verb = result.dryRun() ? "apply --dry-run" : "apply";
        if (!result.changedAnything() && result.succeeded()) {
            terminal.println(verb + ": no changes, every object already matches the plan (" + result.summary() + ")");
        } else {
            terminal.println(verb + ": " + result.summary());
        }
        if (!result.succeeded()) {
            terminal.println("What was applied stays. Fix the problems above and run `crossmesh apply --plan " + planFile
                    + "` again: it completes the rest" + (result.count(StepOutcome.Status.REFUSED) > 0
                            ? "; objects crossmesh did not create, and fields another tool set, are only overwritten with --force" : "") + ".");
        }
    }
}
