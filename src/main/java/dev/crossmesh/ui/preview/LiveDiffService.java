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
     * @param objects  per previewed object, what applying would do
     * @param problems a sentence per cluster that could not be compared (unknown context, unreachable)
     * @param summary  the closing line, as {@code crossmesh diff} prints it
     */
    record Result(List<ObjectDiff> objects, List<String> problems, String summary) {
        public Result {
            objects = List.copyOf(objects);
            problems = List.copyOf(problems);
            summary = summary == null ? "" : summary;
        }

        public long count(ObjectDiff.Change change) {
            return objects.stream().filter(d -> d.change() == change).count();
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
