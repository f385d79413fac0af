package dev.crossmesh.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.plan.PlanWriter;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.core.DialogService.UnsavedChoice;
import dev.crossmesh.ui.core.ImmediateTaskExecutor;
import dev.crossmesh.ui.core.PlanModel;

class DocumentViewModelTest {
    private final PlanModel plan = new PlanModel();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final PreferencesStore store = PreferencesStore.inMemory();
    private final UiPreferences preferences = new UiPreferences(store, new ImmediateTaskExecutor());
    private final AtomicInteger restarts = new AtomicInteger();
    private final DocumentViewModel vm = new DocumentViewModel(plan, new ImmediateTaskExecutor(), dialogs, preferences, restarts::incrementAndGet);

    @Test
    void titleShowsTheFileAndUnsavedChanges(@TempDir Path dir) throws Exception {
        assertEquals("Untitled plan — crossmesh", vm.titleProperty().get());
        assertFalse(vm.dirtyProperty().get());
        plan.update(p -> p.withMeshId("shop"));
        assertTrue(vm.dirtyProperty().get());
        assertEquals("*Untitled plan — crossmesh", vm.titleProperty().get());

        Path file = dir.resolve("shop.yaml");
        dialogs.files.add(Optional.of(file));
        vm.save();
        assertEquals(List.of("save: Save the plan [shop.yaml]"), dialogs.asked, "a new plan is saved under its mesh ID");
        assertEquals("shop.yaml — crossmesh", vm.titleProperty().get());
        assertFalse(vm.dirtyProperty().get());
        assertEquals(PlanWriter.toYaml(plan.plan()), Files.readString(file), "the same YAML as the CLI writes");
        assertEquals(plan.plan(), PlanReader.read(file).plan());

        plan.update(p -> p.withMeshId("shop2"));
        vm.save();
        assertEquals(1, dialogs.asked.size(), "a saved plan saves to its file without asking");
        assertEquals("shop2", PlanReader.read(file).plan().meshId());
        assertEquals(List.of(file.toAbsolutePath()), preferences.recentPlans());
    }

    @Test
    void openReadsTheCliFormatAndShowsReadFindings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, "meshId: m\nclusters:\n  - name: a\n    context: ctx-a\n    netwrok: vpc-1\n  - name: b\n    context: ctx-b\n    network: vpc-2\n");
        dialogs.files.add(Optional.of(file));
        vm.open();
        assertEquals("m", plan.plan().meshId());
        assertEquals(List.of("ctx-a", "ctx-b"), plan.plan().clusters().stream().map(ClusterSpec::context).toList());
        assertEquals(1, vm.readFindings().size());
        assertEquals("unknown key 'netwrok' (line 5, column 5); did you mean 'network'?", vm.readFindings().get(0).message());
        assertEquals("plan.yaml — crossmesh", vm.titleProperty().get());
        assertFalse(vm.dirtyProperty().get());
        assertEquals(1, restarts.get(), "the wizard starts over on an opened plan");
    }

    @Test
    void unsavedChangesAreNeverLostWithoutAsking(@TempDir Path dir) throws Exception {
        plan.update(p -> p.withMeshId("work"));
        dialogs.unsavedChoices.add(UnsavedChoice.CANCEL);
        vm.newPlan();
        assertEquals("work", plan.plan().meshId(), "cancel keeps the plan");

        dialogs.unsavedChoices.add(UnsavedChoice.SAVE);
        dialogs.files.add(Optional.empty());
        vm.newPlan();
        assertEquals("work", plan.plan().meshId(), "a cancelled save keeps the plan");

        Path file = dir.resolve("work.yaml");
        dialogs.unsavedChoices.add(UnsavedChoice.SAVE);
        dialogs.files.add(Optional.of(file));
        vm.newPlan();
        assertEquals("work", PlanReader.read(file).plan().meshId(), "saved first");
        assertEquals(PlanModel.newPlan(), plan.plan(), "then a new plan");
        assertNull(vm.fileProperty().get());

        plan.update(p -> p.withMeshId("scratch"));
        dialogs.unsavedChoices.add(UnsavedChoice.DISCARD);
        AtomicInteger closed = new AtomicInteger();
        vm.whenChangesHandled(closed::incrementAndGet);
        assertEquals(1, closed.get());
    }

    @Test
    void unreadablePlansAreErrorsInWordsAndMissingOnesLeaveTheRecentList(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "meshId: [unclosed\n");
        vm.openRecent(broken);
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).startsWith("Cannot open the plan: " + broken + " is not valid YAML at line"), dialogs.errors.get(0));

        Path gone = dir.resolve("gone.yaml");
        preferences.rememberPlan(gone);
        vm.openRecent(gone);
        assertTrue(dialogs.errors.get(1).contains("does not exist; pick another file"), dialogs.errors.get(1));
        assertFalse(preferences.recentPlans().contains(gone.toAbsolutePath()));
    }

    @Test
    void recentPlansAreRememberedAcrossRuns(@TempDir Path dir) throws Exception {
        PreferencesStore file = PreferencesStore.file(dir.resolve("gui.json"));
        UiPreferences first = new UiPreferences(file, new ImmediateTaskExecutor());
        for (int i = 0; i < 10; i++) {
            first.rememberPlan(dir.resolve("p" + i + ".yaml"));
        }
        first.darkProperty().set(true);
        first.largerText();
        UiPreferences second = new UiPreferences(file, new ImmediateTaskExecutor());
        assertEquals(UiPreferences.MAX_RECENT, second.recentPlans().size());
        assertEquals(dir.resolve("p9.yaml").toAbsolutePath(), second.recentPlans().get(0));
        assertTrue(second.darkProperty().get());
        assertEquals(16, second.textSizeProperty().get());
    }

    @Test
    void openedPlanKeepsItsContentAfterReplace() throws Exception {
        MeshPlan p = MeshPlan.of("x", List.of(new ClusterSpec("a", "c", "n")));
        plan.replace(p);
        assertEquals(p, plan.plan());
    }
}
