package dev.crossmesh.ui.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AnnotationLinesTest {
    @Test
    void parsesNameValueLinesAndFormatsThemBack() {
        AnnotationLines.Parsed parsed = AnnotationLines.parse("  a.io/x = 1 \n\n# note\nb=has=equals\nc=");
        assertTrue(parsed.ok());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a.io/x", "1");
        expected.put("b", "has=equals");
        expected.put("c", "");
        assertEquals(expected, parsed.annotations());
        assertEquals("a.io/x=1\nb=has=equals\nc=", AnnotationLines.format(parsed.annotations()));
    }

    @Test
    void namesTheLineThatIsWrong() {
        assertEquals("Line 1 has no name before '=': write one annotation per line as name=value", AnnotationLines.parse("=x").problem());
    }
}
