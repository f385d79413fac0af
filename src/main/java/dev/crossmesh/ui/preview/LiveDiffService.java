package dev.crossmesh.ui.preview;

import java.util.List;

import dev.crossmesh.kube.Kubeconfigs;

/**
 * The live diff: compares the previewed objects with what the clusters hold (create / update / unchanged /
 * not-owned per object). {@link #diffEngine()} is the kube package's diff engine; {@link #notAvailable()} keeps the
 * slot empty.
 */
public interface LiveDiffService {

    /** False while no diff engine is wired in; the preview then shows the slot as "not available yet". */
    boolean available();

    /**
     * Blocking (it reads every object from every cluster); the preview runs it in the background.
     * Objects of unreachable clusters are left out; the result's problems say which and why.
     */
    Result diff(Rendering rendering, Kubeconfigs kubeconfigs) throws Exception;

    /**
     * @param objects  per previewed object, what applying it would do
     * @param problems a sentence per cluster that could not be compared (unknown context, unreachable)
     * @param summary  the closing line, as {@code crossmesh diff} prints it
     * @param steps    per step of the apply the engine compared (files of the preview or not, such as the reader's
     *                 token), what applying would do: the counts the summary gives
     */
    record Result(List<ObjectDiff> objects, List<String> problems, String summary, List<ObjectDiff.Change> steps) {
        public Result {
            objects = List.copyOf(objects);
            problems = List.copyOf(problems);
            summary = summary == null ? "" : summary;
            steps = List.copyOf(steps);
        }

        /** A result whose every step is a previewed object. */
        public Result(List<ObjectDiff> objects, List<String> problems, String summary) {
            this(objects, problems, summary, objects.stream().map(ObjectDiff::change).toList());
        }

        /** Previewed objects with this change, for the badges. */
        public long count(ObjectDiff.Change change) {
            return objects.stream().filter(d -> d.change() == change).count();
        }

        /** Steps with this change, previewed objects or not. */
        public long steps(ObjectDiff.Change change) {
            return steps.stream().filter(c -> c == change).count();
        }
    }

    static LiveDiffService diffEngine() {
        return new DiffEngineService();
    }

    static LiveDiffService notAvailable() {
        return new LiveDiffService() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public Result diff(Rendering rendering, Kubeconfigs kubeconfigs) {
                return new Result(List.of(), List.of(), "");
            }
        };
    }
}
