package dev.crossmesh.ui.mesh;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import dev.crossmesh.certs.KeyType;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.Flavor;
import dev.crossmesh.plan.ServiceType;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.ui.core.FormGrid;
import dev.crossmesh.ui.core.StepPage;
import dev.crossmesh.ui.core.TabMovesFocus;
import dev.crossmesh.ui.core.WizardStep;

/** Step 2's screen: a form bound to {@link MeshStepViewModel}, each field with one line of help. */
public final class MeshStepView extends StepPage {
    /** From this page width on, the form takes three columns. */
    private static final double WIDE_LAYOUT = 1200;

    private final TextField meshId = new TextField();

    public MeshStepView(MeshStepViewModel vm) {
        super(WizardStep.MESH.title(), WizardStep.MESH.purpose());
        getStyleClass().add("mesh-step");

        meshId.setId("meshId");
        meshId.setPromptText("mesh1");
        meshId.textProperty().bindBidirectional(vm.meshIdProperty());
        TextField trustDomain = new TextField();
        trustDomain.setId("trustDomain");
        trustDomain.setPromptText("cluster.local");
        trustDomain.textProperty().bindBidirectional(vm.trustDomainProperty());

        FormGrid identity = new FormGrid("Identity");
        identity.add("_Mesh ID", meshId,
                "The meshID of every istiod; the same on all clusters.", vm.meshIdProblemProperty());
        identity.add("_Trust domain", trustDomain,
                "Workload identity domain; usually cluster.local.", vm.trustDomainProblemProperty());

        ToggleGroup topologyGroup = new ToggleGroup();
        RadioButton multiPrimary = radio("Multi-primary: every cluster runs istiod", Topology.MULTI_PRIMARY, topologyGroup, "multiPrimary");
        RadioButton primaryRemote = radio("Primary-remote: a primary serves remotes", Topology.PRIMARY_REMOTE, topologyGroup, "primaryRemote");
        bindToggle(topologyGroup, vm.topologyProperty());
        VBox topologies = new VBox(6, multiPrimary, primaryRemote);
        FormGrid topology = new FormGrid("Control planes");
        topology.addGroup("To_pology", topologies, multiPrimary,
                "Multi-primary survives losing any one cluster.");

        ComboBox<CaMode> ca = combo(CaMode.values(), vm.caProperty(), MeshStepView::describe, "caMode");
        ComboBox<KeyType> keyType = combo(KeyType.values(), vm.caKeyTypeProperty(), MeshStepView::describe, "caKeyType");
        keyType.visibleProperty().bind(vm.caProperty().isEqualTo(CaMode.SHARED_ROOT));
        keyType.managedProperty().bind(keyType.visibleProperty());
        FormGrid trust = new FormGrid("Root of trust");
        trust.add("_Certificates", ca,
                "One common root lets the clusters trust each other.", vm.caProblemProperty());
        trust.add("_Key type", keyType, "Only for a new root; EC is fast, RSA is Istio's default.", null);

        ComboBox<Flavor> flavor = combo(Flavor.values(), vm.flavorProperty(), MeshStepView::describe, "flavor");
        ComboBox<String> version = versionChoice(vm);
        TextField revision = new TextField();
        revision.setId("revision");
        revision.setPromptText("none");
        revision.textProperty().bindBidirectional(vm.revisionProperty());
        FormGrid istio = new FormGrid("Istio");
        istio.add("F_lavor", flavor, "Istio, or Google's Anthos Service Mesh (in-cluster).", null);
        istio.add("V_ersion", version, "The release the clusters run (pick one or type it); the output follows it.",
                vm.versionProblemProperty());
        istio.add("_Revision", revision, "Optional, for canary upgrades, e.g. asm-1243-1.", vm.revisionProblemProperty());

        ToggleGroup typeGroup = new ToggleGroup();
        RadioButton loadBalancer = radio("LoadBalancer", ServiceType.LOAD_BALANCER, typeGroup, "serviceLoadBalancer");
        RadioButton nodePort = radio("NodePort", ServiceType.NODE_PORT, typeGroup, "serviceNodePort");
        bindToggle(typeGroup, vm.serviceTypeProperty());
        TextArea annotations = new TextArea();
        annotations.setId("annotations");
        annotations.setPrefRowCount(2);
        annotations.setPromptText("name=value");
        annotations.textProperty().bindBidirectional(vm.annotationsProperty());
        TabMovesFocus.install(annotations);
        FormGrid gateway = new FormGrid("East-west gateway");
        gateway.addGroup("_Service type", new HBox(16, loadBalancer, nodePort), loadBalancer,
                "Other networks reach it on 15443; NodePort if no LB IP.");
        gateway.add("_Annotations", annotations,
                "One name=value per line, copied onto the Service.", vm.annotationsProblemProperty());

        // three columns where the window is wide enough for the whole form to show without scrolling, else two
        GridPane columns = new GridPane();
        columns.setHgap(16);
        columns.setPadding(new Insets(0, 4, 4, 0));
        VBox first = new VBox(14);
        VBox second = new VBox(14);
        VBox third = new VBox(14);
        Runnable arrange = () -> {
            boolean wide = getWidth() >= WIDE_LAYOUT;
            first.getChildren().setAll(wide ? List.of(identity, topology) : List.of(identity, topology, trust));
            second.getChildren().setAll(wide ? List.of(istio) : List.of(istio, gateway));
            third.getChildren().setAll(wide ? List.of(trust, gateway) : List.of());
            columns.getChildren().clear();
            columns.getColumnConstraints().clear();
            List<VBox> used = wide ? List.of(first, second, third) : List.of(first, second);
            for (int i = 0; i < used.size(); i++) {
                ColumnConstraints c = new ColumnConstraints();
                c.setPercentWidth(100.0 / used.size());
                c.setHgrow(Priority.ALWAYS);
                columns.getColumnConstraints().add(c);
                columns.add(used.get(i), i, 0);
            }
        };
        arrange.run();
        widthProperty().addListener((obs, o, n) -> {
            if ((o.doubleValue() >= WIDE_LAYOUT) != (n.doubleValue() >= WIDE_LAYOUT)) {
                arrange.run();
            }
        });

        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setContent(scroll);
    }

    public void focusFirst() {
        meshId.requestFocus();
    }

    static String describe(CaMode mode) {
        return switch (mode) {
            case SHARED_ROOT -> "Shared root made by crossmesh";
            case MESH_CA -> "Google Mesh CA (ASM on GKE)";
            case EXISTING -> "Existing: certificates already plugged in";
        };
    }

    static String describe(KeyType type) {
        return switch (type) {
            case RSA_4096 -> "RSA 4096, as Istio's tools make it";
            case RSA_2048 -> "RSA 2048";
            case EC_P256 -> "EC P-256, quick to make";
        };
    }

    static String describe(Flavor flavor) {
        return switch (flavor) {
            case ISTIO -> "Istio";
            case ASM -> "Anthos Service Mesh";
        };
    }

    private static RadioButton radio(String text, Object value, ToggleGroup group, String id) {
        RadioButton button = new RadioButton(text);
        button.setUserData(value);
        button.setToggleGroup(group);
        button.setId(id);
        button.setWrapText(true);
        return button;
    }

    private static <T> void bindToggle(ToggleGroup group, ObjectProperty<T> property) {
        Runnable select = () -> group.getToggles().stream().filter(t -> t.getUserData() == property.get()).findFirst().ifPresent(group::selectToggle);
        select.run();
        property.addListener((obs, o, n) -> select.run());
        group.selectedToggleProperty().addListener((obs, o, toggle) -> {
            if (toggle == null) {
                select.run();
                return;
            }
            @SuppressWarnings("unchecked")
            T value = (T) ((Toggle) toggle).getUserData();
            property.set(value);
        });
    }

    /** The known releases with a note each; the editor is the plan's version, so any text can still be typed. */
    private static ComboBox<String> versionChoice(MeshStepViewModel vm) {
        List<MeshStepViewModel.ReleaseChoice> choices = MeshStepViewModel.releaseChoices();
        ComboBox<String> box = new ComboBox<>();
        box.setId("istioVersion");
        box.setEditable(true);
        box.setMaxWidth(Double.MAX_VALUE);
        box.getItems().setAll(choices.stream().map(MeshStepViewModel.ReleaseChoice::version).toList());
        box.getEditor().setPromptText(choices.get(0).version());
        box.getEditor().textProperty().bindBidirectional(vm.versionProperty());
        box.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                String note = empty || item == null ? "" : choices.stream().filter(c -> c.version().equals(item)).findFirst()
                        .map(MeshStepViewModel.ReleaseChoice::note).orElse("");
                setText(empty || item == null ? null : item + (note.isEmpty() ? "" : "  \u2014 " + note));
            }
        });
        box.valueProperty().addListener((obs, old, picked) -> {
            if (picked != null && !picked.equals(vm.versionProperty().get())) {
                vm.versionProperty().set(picked);
            }
        });
        return box;
    }

    private static <T> ComboBox<T> combo(T[] values, ObjectProperty<T> property, Function<T, String> describe, String id) {
        ComboBox<T> box = new ComboBox<>();
        box.getItems().setAll(values);
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : describe.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        });
        box.valueProperty().bindBidirectional(property);
        return box;
    }
}
