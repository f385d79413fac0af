package dev.crossmesh.ui.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.cli.CliRunner;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanWriter;
import dev.crossmesh.render.HelmRelease;
import dev.crossmesh.render.HelmValues;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.render.RenderedMesh;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.core.ImmediateTaskExecutor;
import dev.crossmesh.ui.core.PlanModel;

class PreviewStepViewModelTest {
    private static final MeshPlan PLAN = MeshPlan.of("shop", List.of(new ClusterSpec("east", "ctx-east", "vpc-1"), new ClusterSpec("west", "ctx-west", "vpc-2")));

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final List<String> clipboard = new ArrayList<>();

    @Test
    void showsEveryManifestPerClusterInApplyOrderAsPreviewed(@TempDir Path dir) throws Exception {
        PreviewStepViewModel vm = vm(dir, new PlanModel(PLAN), LiveDiffService.notAvailable());
        assertFalse(vm.validProperty().get());
        vm.entered();
        assertEquals(PreviewStepViewModel.State.READY, vm.stateProperty().get());
        assertTrue(vm.validProperty().get());

        RenderedMesh expected = ManifestRenderer.render(PLAN, CertStore.forPlan(PLAN, dir.resolve("certs/shop"), KeyType.EC_P256));
        assertEquals(List.of("east", "west"), vm.clusters().stream().map(ClusterPreview::cluster).toList());
        List<String> names = new ArrayList<>(expected.manifests("east").stream().map(Manifest::fileName).toList());
        names.addAll(List.of("helm/base-values.yaml", "helm/istiod-values.yaml", "helm/eastwest-gateway-values.yaml"));
        assertEquals(names, vm.clusters().get(0).files().stream().map(PreviewFile::fileName).toList(), "the objects, then the Helm path's values");

        PreviewFile values = vm.clusters().get(1).files().stream().filter(f -> f.fileName().equals("helm/istiod-values.yaml")).findFirst().orElseThrow();
        vm.selectedFileProperty().set(values);
        assertEquals(HelmValues.render(PLAN).release("west", HelmRelease.Step.CONTROL_PLANE).orElseThrow().yaml(), vm.selectedYamlProperty().get(),
                "the values file as the export writes it and helm gets it");
        assertEquals("Helm values of istiod (chart istiod)", values.displayName());
        assertTrue(values.note().startsWith("Values of Istio's istiod chart for the Helm path"), values.note());
        assertEquals(expected.all(), vm.renderedProperty().get().all(), "the preview renders what export and apply use");

        PreviewFile service = vm.clusters().get(0).files().stream().filter(f -> f.fileName().equals("07-service-istio-eastwestgateway.yaml")).findFirst().orElseThrow();
        vm.selectedFileProperty().set(service);
        assertEquals(service.manifest().yaml(), vm.selectedYamlProperty().get(), "byte for byte what is applied");

        PreviewFile cacerts = vm.clusters().get(0).files().get(1);
        vm.selectedFileProperty().set(cacerts);
        assertEquals("02-secret-cacerts.yaml", cacerts.fileName());
        assertFalse(vm.selectedYamlProperty().get().contains("PRIVATE KEY"), "the CA key never shows");
        assertTrue(vm.selectedYamlProperty().get().contains("<hidden: secret value, shown only in exported files>"));
        assertTrue(vm.selectedYamlProperty().get().contains("BEGIN CERTIFICATE"), "public certificates show");
        assertTrue(vm.statusProperty().get().startsWith(expected.all().size() + " objects for 2 clusters"), vm.statusProperty().get());
    }

    @Test
    void exportWritesWhatTheCliExportWrites(@TempDir Path dir) throws Exception {
        PreviewStepViewModel vm = vm(dir, new PlanModel(PLAN), LiveDiffService.notAvailable());
        vm.entered();
        Path wizardOut = dir.resolve("wizard-export");
        dialogs.folders.add(Optional.of(wizardOut));
        vm.export();
        assertTrue(vm.messageProperty().get().startsWith("Exported 24 files to " + wizardOut + ": a folder per cluster (with its Helm values in helm/), apply.sh and apply-helm.sh."), vm.messageProperty().get());

        Path planFile = dir.resolve("plan.yaml");
        PlanWriter.write(PLAN, planFile);
        Path cliOut = dir.resolve("cli-export");
        CliRunner.Result cli = CliRunner.run("export", "--plan", planFile.toString(), "--out", cliOut.toString(),
                "--certs", dir.resolve("certs/shop").toString());
        assertEquals(0, cli.code(), cli.all());
        assertEquals(tree(cliOut), tree(wizardOut), "same files, same bytes as crossmesh export");
    }

    @Test
    void exportIntoAFolderWithFilesAsksFirst(@TempDir Path dir) throws Exception {
        PreviewStepViewModel vm = vm(dir, new PlanModel(PLAN), LiveDiffService.notAvailable());
        vm.entered();
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "x");
        dialogs.confirmations.add(false);
        vm.exportTo(out);
        assertEquals(List.of("confirm: Export into a folder with files?"), dialogs.asked);
        assertFalse(Files.exists(out.resolve("apply.sh")));
        dialogs.confirmations.add(true);
        vm.exportTo(out);
        assertTrue(Files.exists(out.resolve("apply.sh")));
        assertFalse(vm.exportingProperty().get());
    }

    @Test
    void copyPutsThePreviewedTextOnTheClipboard(@TempDir Path dir) throws Exception {
        PreviewStepViewModel vm = vm(dir, new PlanModel(PLAN), LiveDiffService.notAvailable());
        vm.entered();
        vm.selectedFileProperty().set(vm.clusters().get(1).files().get(1));
        vm.copySelected();
        assertEquals(List.of(vm.clusters().get(1).files().get(1).previewYaml()), clipboard);
        assertEquals("Copied 02-secret-cacerts.yaml to the clipboard (secret values hidden).", vm.messageProperty().get());
    }

    @Test
    void aCaThatCannotBeWrittenIsAFailureInWords(@TempDir Path dir) throws Exception {
        MeshCaProvider broken = new MeshCaProvider() {
            @Override
            public Map<String, ClusterCerts> certificates(MeshPlan plan, KeyType keyType) throws IOException {
                throw new java.nio.file.AccessDeniedException(dir.resolve("ca").toString());
            }

            @Override
            public Path folder(MeshPlan plan) {
                return dir.resolve("ca");
            }

            @Override
            public boolean hasRoot(MeshPlan plan) {
                return false;
            }
        };
        PreviewStepViewModel vm = new PreviewStepViewModel(new PlanModel(PLAN), new ImmediateTaskExecutor(), dialogs, clipboard::add, broken,
                LiveDiffService.notAvailable(), new SimpleObjectProperty<>(KeyType.EC_P256), new SimpleObjectProperty<>(Kubeconfigs.of(List.of())));
        vm.entered();
        assertEquals(PreviewStepViewModel.State.FAILED, vm.stateProperty().get());
        assertFalse(vm.validProperty().get());
        assertEquals("Cannot read or write the mesh CA in " + dir.resolve("ca") + ": no permission to write or read " + dir.resolve("ca")
                + ": pick a folder you own. Check the folder's permissions, or choose 'existing' as the CA.", vm.blockerProperty().get());
    }

    @Test
    void aPlanChangeRendersAgainWhileShown(@TempDir Path dir) throws Exception {
        PlanModel plan = new PlanModel(PLAN);
        PreviewStepViewModel vm = vm(dir, plan, LiveDiffService.notAvailable());
        vm.entered();
        plan.update(p -> p.withMeshId("shop2"));
        assertTrue(vm.selectedYamlProperty().get().contains("shop2") || vm.renderedProperty().get().plan().meshId().equals("shop2"));
        vm.left();
        plan.update(p -> p.withMeshId("shop3"));
        assertEquals("shop2", vm.renderedProperty().get().plan().meshId(), "not rendered while not shown");
        vm.entered();
        assertEquals("shop3", vm.renderedProperty().get().plan().meshId());
    }

    @Test
    void theLiveDiffSlotTakesADiffEngine(@TempDir Path dir) throws Exception {
        PreviewStepViewModel without = vm(dir, new PlanModel(PLAN), LiveDiffService.notAvailable());
        assertFalse(without.diffAvailable());
        assertEquals("What apply would create, update or leave unchanged: arrives with the apply engine.", without.diffStatusProperty().get());

        LiveDiffService engine = new LiveDiffService() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Result diff(Rendering rendering, Kubeconfigs kubeconfigs) {
                return new Result(List.of(new ObjectDiff("east", "Namespace", "", "istio-system", ObjectDiff.Change.UNCHANGED, ""),
                        new ObjectDiff("east", "Service", "istio-system", "istio-eastwestgateway", ObjectDiff.Change.UPDATE, "spec.type"),
                        new ObjectDiff("west", "Namespace", "", "istio-system", ObjectDiff.Change.CREATE, "")), List.of(), "");
            }
        };
        PreviewStepViewModel vm = vm(dir, new PlanModel(PLAN), engine);
        vm.entered();
        vm.compareWithClusters();
        String steps = String.valueOf(vm.renderingProperty().get().count().steps());
        assertTrue(vm.diffStatusProperty().get().matches("Of the " + steps + " steps, applying would create 1, update 1 and leave 1 unchanged; "
                + (Integer.parseInt(steps) - 3) + " not compared\\. Compared at \\d\\d:\\d\\d:\\d\\d\\."), vm.diffStatusProperty().get());
        PreviewFile service = vm.clusters().get(0).files().stream().filter(f -> f.manifest().kind().equals("Service")).findFirst().orElseThrow();
        assertEquals(ObjectDiff.Change.UPDATE, vm.diffs().get(service.key()).change());
    }

    private PreviewStepViewModel vm(Path dir, PlanModel plan, LiveDiffService diff) {
        return new PreviewStepViewModel(plan, new ImmediateTaskExecutor(), dialogs, clipboard::add,
                MeshCaProvider.certStore(meshId -> dir.resolve("certs").resolve("shop")), diff,
                new SimpleObjectProperty<>(KeyType.EC_P256), new SimpleObjectProperty<>(Kubeconfigs.of(List.of())));
    }

    /** Every file under a folder with its bytes, by relative path. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
