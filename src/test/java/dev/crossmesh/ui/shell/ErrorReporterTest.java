package dev.crossmesh.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.core.ImmediateTaskExecutor;

class ErrorReporterTest {
    @Test
    void theUserReadsWordsAndTheTraceGoesToStderr() {
        ScriptedDialogs dialogs = new ScriptedDialogs();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ErrorReporter reporter = new ErrorReporter(dialogs, new ImmediateTaskExecutor(), new PrintStream(err, true, StandardCharsets.UTF_8));
        reporter.uncaughtException(Thread.currentThread(), new IllegalStateException("the table lost its rows\n\tat somewhere"));

        assertEquals(1, dialogs.errors.size());
        String shown = dialogs.errors.get(0);
        assertTrue(shown.startsWith("Something went wrong: crossmesh ran into an unexpected problem: the table lost its rows."), shown);
        assertTrue(shown.contains("Your plan is still open: save it if it has changes."), shown);
        assertFalse(shown.contains("\tat "), "never a stack trace in a dialog");
        assertFalse(shown.contains("IllegalStateException"), shown);
        String trace = err.toString(StandardCharsets.UTF_8);
        assertTrue(trace.contains("java.lang.IllegalStateException: the table lost its rows"), trace);
        assertTrue(trace.contains("at dev.crossmesh.ui.shell.ErrorReporterTest"), "the details go to stderr");
    }
}
