package dev.crossmesh.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The key lists of Istio's APIs at release tags, under src/test/resources/istio-api/&lt;api&gt;/&lt;tag&gt;.txt (one key path
 * a line; {@code node.*} marks a free-form map; {@code #} starts a comment): which keys a file crossmesh writes may hold.
 */
final class KeyLists {
    private static final Path ROOT = Path.of("src", "test", "resources", "istio-api");
    private static final Map<Path, Set<String>> LOADED = new ConcurrentHashMap<>();

    private KeyLists() {
    }

    /**
     * The keys of {@code api} (e.g. {@code iop-keys}, {@code helm-keys/istiod}) at {@code tag}: the list of that tag, else
     * the one of the newest patch of its minor before it (else its minor's oldest); {@code null} when the minor has none.
     */
    static Set<String> at(String api, String tag) {
        Path dir = ROOT.resolve(api);
        Path exact = dir.resolve(tag + ".txt");
        if (Files.exists(exact)) {
            return load(exact);
        }
        String minor = tag.replaceAll("^(\\d+\\.\\d+)\\..*", "$1");
        List<String> sameMinor = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString().replaceAll("\\.txt$", "")).filter(t -> t.startsWith(minor + ".")).forEach(sameMinor::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sameMinor.sort(Comparator.comparingInt(KeyLists::patch));
        String best = sameMinor.stream().filter(t -> patch(t) <= patch(tag)).reduce((a, b) -> b)
                .orElse(sameMinor.isEmpty() ? null : sameMinor.get(0));
        return best == null ? null : load(dir.resolve(best + ".txt"));
    }

    private static Set<String> load(Path file) {
        return LOADED.computeIfAbsent(file, f -> {
            try {
                Set<String> keys = new HashSet<>();
                for (String line : Files.readString(f, StandardCharsets.UTF_8).split("\n")) {
                    String key = line.replaceAll("\\s+#.*$", "").trim();
                    if (!key.isEmpty() && !key.startsWith("#")) {
                        keys.add(key);
                    }
                }
                return keys;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static int patch(String tag) {
        return Integer.parseInt(tag.replaceAll("^\\d+\\.\\d+\\.(\\d+).*", "$1"));
    }

    /** The leaf paths of nested maps under {@code prefix}, {@code []} for list elements. */
    static List<String> leaves(String prefix, Object value) {
        List<String> out = new ArrayList<>();
        collect(prefix, value, out);
        return out;
    }

    private static void collect(String prefix, Object value, List<String> out) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> collect(prefix.isEmpty() ? (String) k : prefix + "." + k, v, out));
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
            list.forEach(v -> collect(prefix + "[]", v, out));
        } else if (value != null && !prefix.isEmpty()) {
            out.add(prefix);
        }
    }

    /** A path is known when listed, or when an ancestor is a free-form map ({@code parent.*}). */
    static boolean known(Set<String> keys, String path) {
        if (keys.contains(path)) {
            return true;
        }
        for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
            if (keys.contains(path.substring(0, dot) + ".*")) {
                return true;
            }
        }
        return false;
    }
}
