package dev.crossmesh.ui.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/** Reads and writes the wizard's preferences as JSON, by default {@code ~/.crossmesh/gui.json}. */
public interface PreferencesStore {

    /** What is kept. A file from an older or newer version may lack fields: they read as their defaults. */
    record Saved(boolean dark, int textSize, List<String> recentPlans) {
        public Saved {
            recentPlans = recentPlans == null ? List.of() : List.copyOf(recentPlans);
        }

        static Saved defaults() {
            return new Saved(false, UiPreferences.DEFAULT_TEXT_SIZE, List.of());
        }
    }

    /** Never fails: a missing or unreadable file gives the defaults. */
    Saved load();

    void save(Saved saved) throws IOException;

    static PreferencesStore file(Path file) {
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        return new PreferencesStore() {
            @Override
            public Saved load() {
                try {
                    Saved saved = gson.fromJson(Files.readString(file, StandardCharsets.UTF_8), Saved.class);
                    return saved == null ? Saved.defaults() : new Saved(saved.dark(), saved.textSize(), saved.recentPlans());
                } catch (IOException | JsonParseException e) {
                    return Saved.defaults();
                }
            }

            @Override
            public void save(Saved saved) throws IOException {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, gson.toJson(saved), StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        };
    }

    static PreferencesStore inMemory() {
        return new PreferencesStore() {
            private Saved saved = Saved.defaults();

            @Override
            public Saved load() {
                return saved;
            }

            @Override
            public void save(Saved value) {
                saved = value;
            }
        };
    }
}
