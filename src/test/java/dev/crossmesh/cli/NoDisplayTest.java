package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Support staff run crossmesh over ssh: where no window can open, the GUI commands say so in a sentence, not a stack trace. */
class NoDisplayTest {
    @Test
    @EnabledOnOs(OS.LINUX) // elsewhere a window opens without DISPLAY
    void theWizardWithoutADisplaySaysWhatToUseInstead() throws Exception {
        Map<String, String> noDisplay = new HashMap<>();
        noDisplay.put("DISPLAY", null);
        noDisplay.put("WAYLAND_DISPLAY", null);
        LauncherProcess.Result r = LauncherProcess.run(noDisplay);
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().startsWith("crossmesh: cannot open a window here: "), r.output());
        assertTrue(r.output().contains("crossmesh --help"), r.output());
        assertFalse(r.output().contains("\tat "), "no stack trace:\n" + r.output());
        assertFalse(r.output().contains("Unsupported JavaFX configuration"), "no JavaFX warning about the class path:\n" + r.output());
    }
}
