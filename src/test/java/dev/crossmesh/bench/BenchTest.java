package dev.crossmesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The benchmark gives well-formed results: one quick round of every part (tiny sizes, one run each) yields every
 * number under its key, a JSON file that reads back, and a table that compares. Nothing here looks at how fast
 * anything was: the numbers of a quick round on a busy machine mean nothing, and a test must not fail on time.
 */
class BenchTest {
    @Test
    void aQuickRoundOfEveryPartGivesEveryNumberAndAReadableFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results.json");
        BenchOptions options = BenchOptions.parse("--quick", "--app", "classes", "--target", dir.toString(), "--out", out.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BenchReport report = Bench.run(options, List.of("--quick"), new PrintStream(log, true, StandardCharsets.UTF_8));
        Bench.write(report, out);

        assertEquals(BenchOptions.ALL_PARTS, report.parts().stream().map(PartRun::part).toList());
        Map<String, Metric> metrics = report.byKey();
        Set<String> expected = Set.of(
                "startup.wizard.first_frame_ms", "startup.minimal.first_frame_ms", "startup.ratio",
                "render.clusters_2.median_us", "render.clusters_2.p95_us", "render.clusters_2.manifests",
                "render.clusters_10.median_us", "render.clusters_10.manifests",
                "apply.clusters_2.first_ms", "apply.clusters_2.first_requests", "apply.clusters_2.reapply_ms",
                "apply.clusters_2.reapply_requests", "apply.clusters_2.diff_ms", "apply.clusters_2.diff_requests",
                "status.clusters_2.idle.median_ms", "status.clusters_2.idle.p95_ms", "status.clusters_2.busy.median_ms",
                "status.clusters_2.busy.p95_ms",
                "memory.wizard.rss_mb", "memory.minimal.rss_mb", "memory.watch_2.rss_mb", "memory.watch_2.heap_mb",
                "memory.watch_2.threads", "memory.watch_none.rss_mb");
        for (String key : expected) {
            assertTrue(metrics.containsKey(key), key + " is missing; the keys are " + metrics.keySet() + "\nlog:\n" + log);
        }
        metrics.values().forEach(m -> assertTrue(m.value() >= 0, m.key() + " = " + m.value()));
        assertTrue(metrics.get("startup.ratio").value() > 0);
        // what rendering and apply do is fixed by the plan: these are counts, not timings
        assertEquals(18, metrics.get("render.clusters_2.manifests").value());
        assertEquals(170, metrics.get("render.clusters_10.manifests").value());
        assertTrue(metrics.get("apply.clusters_2.first_requests").value() > metrics.get("apply.clusters_2.reapply_requests").value());
        assertEquals(1, metrics.get("memory.watch_2.healthy").value(), "the watched demo mesh is healthy\nlog:\n" + log);
        assertEquals(List.of(1), metrics.get("startup.wizard.first_frame_ms").samples().stream().map(s -> 1).toList());

        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(BenchReport.SCHEMA, json.get("schema").getAsInt());
        assertFalse(json.get("date").getAsString().isEmpty());
        JsonObject machine = json.getAsJsonObject("machine");
        assertTrue(machine.get("cores").getAsInt() > 0);
        assertFalse(machine.get("jvm").getAsString().isEmpty());
        assertFalse(machine.get("os").getAsString().isEmpty());
        assertEquals(metrics.keySet(), BenchReport.read(out).byKey().keySet());
        assertTrue(Files.list(dir).anyMatch(f -> f.getFileName().toString().matches("results-\\d{8}-\\d{6}\\.json")));

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        report.printTable(new PrintStream(table, true, StandardCharsets.UTF_8), BenchReport.read(out));
        String text = table.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("previous") && text.contains("+0%"), text);
    }

    @Test
    void optionsAreCheckedAndSaySoInWords() {
        BenchOptions defaults = BenchOptions.parse();
        assertEquals(BenchOptions.ALL_PARTS, defaults.parts());
        assertEquals(7, defaults.startupRuns());
        assertEquals(Path.of("target", "bench", "results.json"), defaults.out());
        // Maven hands -Dbench.args over as one argument
        BenchOptions some = BenchOptions.parse("--parts render,startup  --runs 3");
        assertEquals(List.of("startup", "render"), some.parts());
        assertEquals(3, some.startupRuns());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--parts", "speed")).getMessage().contains("unknown part speed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs", "0")).getMessage().contains("above 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--fast")).getMessage().startsWith("unknown argument --fast"));
        assertEquals("on", defaults.cds());
        assertEquals("both", BenchOptions.parse("--cds both").cds());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--cds", "yes")).getMessage().contains("give on, off or both"));
    }

    @Test
    void percentilesAreNearestRank() {
        assertEquals(2.5, Stats.median(List.of(4, 1, 3, 2)));
        assertEquals(3.0, Stats.median(List.of(5, 1, 3)));
        assertEquals(95.0, Stats.percentile(java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList(), 95));
    }
}
