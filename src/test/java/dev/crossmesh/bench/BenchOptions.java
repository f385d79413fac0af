package dev.crossmesh.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What {@link Bench} is asked to do.
 *
 * @param parts        which parts, in the order they run
 * @param quick        one small round of each: checks that everything works, its numbers mean little
 * @param startupRuns  start-up pairs measured (after one discarded pair)
 * @param applyRuns    apply runs per size
 * @param changes      status changes per row
 * @param watched      clusters the memory part watches
 * @param out          where the JSON goes
 * @param compare      an earlier JSON to compare with, or null
 * @param app          how child processes run crossmesh: auto, jar or classes
 * @param target       the build directory (the jar, the classes, the work files)
 * @param cds          on (children use target/crossmesh.jsa when it is there), off, or both (start-up and cli measure
 *                     each with and without it, taking turns)
 */
record BenchOptions(List<String> parts, boolean quick, int startupRuns, int applyRuns, int changes, int watched, Path out, Path compare, String app,
        Path target, String cds) {
    static final List<String> ALL_PARTS = List.of("startup", "render", "apply", "status", "memory", "ca", "cli", "scale");
    static final String USAGE = String.join("\n",
            "usage: Bench [--parts startup,render,apply,status,memory,ca,cli,scale] [--runs N] [--apply-runs N] [--changes N] [--watched N]",
            "             [--out FILE] [--compare FILE] [--app auto|jar|classes] [--cds on|off|both] [--target DIR] [--quick]",
            "  --parts       which parts to run (default all)",
            "  --runs        start-up runs of the wizard and of the minimal window, after one discarded pair (default 7)",
            "  --apply-runs  apply runs per size, fresh servers each (default 3)",
            "  --changes     status changes per row (default 100)",
            "  --watched     clusters the memory part watches (default 10)",
            "  --out         the JSON file to write (default target/bench/results.json; a dated copy goes beside it)",
            "  --compare     a results JSON of an earlier run: the table shows each number's change",
            "  --app         child processes run target/crossmesh.jar (jar), this JVM's class path (classes), or the jar when",
            "                it is up to date (auto, the default)",
            "  --cds         children use the jar's AppCDS archive target/crossmesh.jsa when it is there (on, the default), never",
            "                (off), or start-up and cli measure both, taking turns (both: keys with _no_cds are without it)",
            "  --quick       one small round of everything, to check that it works (numbers mean little)");

    BenchOptions {
        parts = List.copyOf(parts);
    }

    static BenchOptions parse(String... args) {
        List<String> parts = ALL_PARTS;
        boolean quick = false;
        Integer runs = null;
        Integer applyRuns = null;
        Integer changes = null;
        Integer watched = null;
        Path target = Path.of("target");
        Path out = null;
        Path compare = null;
        String app = "auto";
        String cds = "on";
        // Maven passes -Dbench.args as one argument: split it
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            words.addAll(Arrays.stream(arg.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList());
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--quick" -> quick = true;
                case "--parts" -> parts = parts(value(words, ++i, word));
                case "--runs" -> runs = positive(value(words, ++i, word), word);
                case "--apply-runs" -> applyRuns = positive(value(words, ++i, word), word);
                case "--changes" -> changes = positive(value(words, ++i, word), word);
                case "--watched" -> watched = positive(value(words, ++i, word), word);
                case "--out" -> out = Path.of(value(words, ++i, word));
                case "--compare" -> compare = Path.of(value(words, ++i, word));
                case "--target" -> target = Path.of(value(words, ++i, word));
                case "--app" -> {
                    app = value(words, ++i, word);
                    if (!Set.of("auto", "jar", "classes").contains(app)) {
                        throw new IllegalArgumentException("--app " + app + ": give auto, jar or classes");
                    }
                }
                case "--cds" -> {
                    cds = value(words, ++i, word);
                    if (!Set.of("on", "off", "both").contains(cds)) {
                        throw new IllegalArgumentException("--cds " + cds + ": give on, off or both");
                    }
                }
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown argument " + word + "\n" + USAGE);
            }
        }
        return new BenchOptions(parts, quick, runs != null ? runs : quick ? 1 : 7, applyRuns != null ? applyRuns : quick ? 1 : 3,
                changes != null ? changes : quick ? 4 : 100, watched != null ? watched : quick ? 2 : 10,
                out != null ? out : target.resolve("bench").resolve("results.json"), compare, app, target, cds);
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    int[] renderSizes() {
        return quick ? new int[] {2, 10} : RenderBench.SIZES;
    }

    int[] applySizes() {
        return quick ? new int[] {2} : new int[] {2, 10};
    }

    int[] caSizes() {
        return quick ? new int[] {3} : CaBench.SIZES;
    }

    /** EC P-256 only in a quick round: an RSA 4096 CA takes seconds even for 3 clusters. */
    String[] caKeyTypes() {
        return quick ? new String[] {"ec-p256"} : CaBench.KEY_TYPES;
    }

    int cliRuns() {
        return quick ? 1 : 5;
    }

    int[] scaleClusters() {
        return quick ? new int[] {3} : ScaleBench.CLUSTERS;
    }

    int[] statusSizes() {
        return quick ? new int[] {2} : new int[] {2, 10};
    }

    private static List<String> parts(String value) {
        List<String> chosen = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String part : chosen) {
            if (!ALL_PARTS.contains(part)) {
                throw new IllegalArgumentException("--parts: unknown part " + part + "; the parts are " + String.join(",", ALL_PARTS));
            }
        }
        return ALL_PARTS.stream().filter(chosen::contains).toList();
    }

    private static String value(List<String> words, int i, String option) {
        if (i >= words.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.get(i);
    }

    private static int positive(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new IllegalArgumentException(option + " " + value + ": give a whole number above 0");
    }
}
