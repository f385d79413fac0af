package dev.crossmesh.ui.shell;

import java.io.PrintStream;

import dev.crossmesh.ui.core.DialogService;
import dev.crossmesh.ui.core.TaskExecutor;
import dev.crossmesh.ui.core.UserMessages;

/**
 * The last line of defence: an exception nobody caught (a bug) is written with its stack trace to stderr, and the
 * user sees a dialog in words, never the trace. One dialog at a time, so a failing loop cannot flood the screen.
 */
public final class ErrorReporter implements Thread.UncaughtExceptionHandler {
    private final DialogService dialogs;
    private final TaskExecutor executor;
    private final PrintStream err;
    private boolean showing;

    public ErrorReporter(DialogService dialogs, TaskExecutor executor, PrintStream err) {
        this.dialogs = dialogs;
        this.executor = executor;
        this.err = err;
    }

    /** Becomes the handler of every thread, the UI thread included. */
    public void install() {
        Thread.setDefaultUncaughtExceptionHandler(this);
        Thread.currentThread().setUncaughtExceptionHandler(this);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        err.println("crossmesh: unexpected error on thread " + thread.getName() + ":");
        error.printStackTrace(err);
        executor.onUiThread(() -> {
            if (showing) {
                return;
            }
            showing = true;
            try {
                dialogs.showError("Something went wrong", userMessage(error));
            } finally {
                showing = false;
            }
        });
    }

    /** What the dialog says: what happened in one line, that the plan is safe, where the details went. */
    public static String userMessage(Throwable error) {
        return "crossmesh ran into an unexpected problem: " + UserMessages.describe(error)
                + ".\n\nWhat you just did may not have finished. Your plan is still open: save it if it has changes."
                + " The technical details were written to the error output (stderr); please include them if you report this.";
    }
}
