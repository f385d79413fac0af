package dev.crossmesh.ui.networks;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.Role;
import dev.crossmesh.ui.clusters.Reachability;
import dev.crossmesh.ui.core.FieldMessages;
import dev.crossmesh.ui.core.Icons;
import dev.crossmesh.ui.core.StepPage;
import dev.crossmesh.ui.core.WizardStep;

/** Step 3's screen: one card per cluster, bound to {@link ClusterCardViewModel}s. */
public final class NetworksStepView extends StepPage {
    private final VBox cardsBox = new VBox(12);

    public NetworksStepView(NetworksStepViewModel vm) {
        super(WizardStep.NETWORKS.title(), WizardStep.NETWORKS.purpose());
        getStyleClass().add("networks-step");

        VBox meshFindings = new VBox(4);
        meshFindings.setId("networkFindings");
        Runnable showFindings = () -> meshFindings.getChildren().setAll(vm.meshFindings().stream().map(NetworksStepView::findingLabel).toList());
        vm.meshFindings().addListener((ListChangeListener<Finding>) c -> showFindings.run());
        showFindings.run();
        meshFindings.managedProperty().bind(Bindings.isNotEmpty(meshFindings.getChildren()));

        Runnable showCards = () -> cardsBox.getChildren().setAll(vm.cards().stream().map(c -> card(c, vm)).toList());
        vm.cards().addListener((ListChangeListener<ClusterCardViewModel>) c -> showCards.run());
        showCards.run();
        cardsBox.setPadding(new Insets(0, 6, 6, 0));

        ScrollPane scroll = new ScrollPane(cardsBox);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        Label legend = new Label("Cluster name: its clusterName and the name of its remote secrets.  Network: clusters whose pods reach "
                + "each other directly share one.  Region: shown in the topology.  API server for peers: where the other clusters' istiod "
                + "reach this API server, if not at the context's address (leave empty for that).");
        legend.getStyleClass().addAll("field-help", Styles.TEXT_MUTED);
        legend.setWrapText(true);
        legend.setMinHeight(Label.USE_PREF_SIZE);
        VBox content = new VBox(10, legend, meshFindings, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        setContent(content);
    }

    public void focusFirst() {
        cardsBox.lookupAll(".text-field").stream().findFirst().ifPresent(Node::requestFocus);
    }

    private static Node card(ClusterCardViewModel card, NetworksStepViewModel vm) {
        String prefix = "cluster" + card.index() + "-";

        Label number = new Label(card.label());
        number.getStyleClass().addAll("card-number", Styles.TEXT_MUTED);
        Label context = new Label(card.context(), Icons.of(MaterialDesignK.KUBERNETES));
        context.getStyleClass().addAll(Styles.TEXT_BOLD, "card-context");
        context.setMinWidth(Label.USE_PREF_SIZE);
        Label server = new Label(card.server());
        server.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        server.setMinWidth(0);
        Label reach = new Label();
        reach.setMinWidth(Label.USE_PREF_SIZE);
        reach.setId(prefix + "reachability");
        showReachability(reach, card.reachabilityProperty().get());
        card.reachabilityProperty().addListener((obs, o, n) -> showReachability(reach, n));

        ComboBox<Role> role = new ComboBox<>();
        role.setId(prefix + "role");
        role.getItems().setAll(Role.values());
        role.setConverter(new StringConverter<>() {
            @Override
            public String toString(Role r) {
                return r == null ? "" : r == Role.PRIMARY ? "Primary: runs istiod" : "Remote: served by a primary";
            }

            @Override
            public Role fromString(String s) {
                return null;
            }
        });
        role.valueProperty().bindBidirectional(card.roleProperty());
        role.visibleProperty().bind(vm.showRolesProperty());
        role.managedProperty().bind(role.visibleProperty());
        role.setTooltip(new javafx.scene.control.Tooltip("Primary-remote: remotes run no istiod; at least one cluster is a primary"));
        FieldMessages.bind(role, card.roleProblemProperty());

        HBox header = new HBox(10, context, server, new Spacer(), role, reach, number);
        header.setAlignment(Pos.CENTER_LEFT);
        Label contextProblem = FieldMessages.messageOnly(card.contextProblemProperty());
        Label roleProblem = FieldMessages.messageOnly(card.roleProblemProperty());

        TextField name = field(card.nameProperty(), prefix + "name", "cluster-1");
        TextField network = field(card.networkProperty(), prefix + "network", "vpc-1");
        TextField region = field(card.regionProperty(), prefix + "region", "e.g. europe-west1");
        TextField apiServer = field(card.apiServerProperty(), prefix + "apiServer", "the context's server");

        Label regionHint = new Label();
        regionHint.getStyleClass().addAll("field-help", Styles.TEXT_MUTED);
        regionHint.setWrapText(true);
        regionHint.textProperty().bind(card.regionHintProperty());
        regionHint.managedProperty().bind(regionHint.textProperty().isNotEmpty());
        regionHint.visibleProperty().bind(regionHint.managedProperty());

        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(8);
        // the API server's field holds a URL and the longest label: it gets the widest column
        for (double percent : new double[] {23, 22, 25, 30}) {
            ColumnConstraints col = new ColumnConstraints();
            col.setHgrow(Priority.ALWAYS);
            col.setPercentWidth(percent);
            grid.getColumnConstraints().add(col);
        }
        // each field's problems under it, where the eye is when fixing them
        VBox nameCell = cell("Cluster name", name);
        nameCell.getChildren().add(FieldMessages.bind(name, card.nameProblemProperty()));
        grid.add(nameCell, 0, 0);
        VBox networkCell = cell("Network", network);
        // the choices right under the field, where a click fixes what the message below explains
        networkCell.getChildren().addAll(usedNetworks(card, vm, prefix), FieldMessages.bind(network, card.networkProblemProperty()));
        grid.add(networkCell, 1, 0);
        VBox regionCell = cell("Region", region);
        regionCell.getChildren().addAll(regionHint, FieldMessages.bind(region, card.regionProblemProperty()));
        grid.add(regionCell, 2, 0);
        VBox apiServerCell = cell("API server for peers", apiServer);
        apiServerCell.getChildren().add(FieldMessages.bind(apiServer, card.apiServerProblemProperty()));
        grid.add(apiServerCell, 3, 0);
        for (VBox cell : java.util.List.of(nameCell, networkCell, regionCell, apiServerCell)) {
            GridPane.setValignment(cell, javafx.geometry.VPos.TOP);
        }
        alignFields(grid);

        VBox box = new VBox(8, header, contextProblem, roleProblem, grid);
        box.getStyleClass().add("cluster-card");
        box.setId(prefix + "card");
        box.setPadding(new Insets(10, 16, 12, 16));
        return box;
    }

    /** The fields of a row stay on one line when a label wraps: every label is as tall as the tallest. */
    private static void alignFields(GridPane grid) {
        grid.needsLayoutProperty().addListener((obs, was, needs) -> {
            if (needs) {
                return;
            }
            double tallest = 0;
            java.util.List<Label> titles = new java.util.ArrayList<>();
            for (javafx.scene.Node cell : grid.getChildren()) {
                if (cell instanceof VBox box && !box.getChildren().isEmpty() && box.getChildren().get(0) instanceof Label title) {
                    titles.add(title);
                    tallest = Math.max(tallest, title.prefHeight(box.getWidth()));
                }
            }
            for (Label title : titles) {
                if (Math.abs(title.getMinHeight() - tallest) > 0.5) {
                    title.setMinHeight(tallest);
                }
            }
        });
    }

    /**
     * The networks the other clusters use, as choices: clusters whose pods reach each other directly share one, and a
     * click (or Space) puts it into this cluster's field instead of typing it again.
     */
    private static Node usedNetworks(ClusterCardViewModel card, NetworksStepViewModel vm, String prefix) {
        javafx.scene.layout.FlowPane choices = new javafx.scene.layout.FlowPane(4, 4);
        choices.setId(prefix + "usedNetworks");
        Runnable fill = () -> {
            java.util.List<String> used = vm.cards().stream().filter(c -> c != card).map(c -> c.networkProperty().get())
                    .filter(n -> n != null && !n.isBlank() && dev.crossmesh.plan.Dns1123.labelProblem(n).isEmpty())
                    .filter(n -> !n.equals(card.networkProperty().get())).distinct().sorted().toList();
            choices.getChildren().clear();
            if (used.isEmpty()) {
                return;
            }
            Label title = new Label("In use:");
            title.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            choices.getChildren().add(title);
            for (String n : used) {
                javafx.scene.control.Button choice = new javafx.scene.control.Button(n);
                choice.setMnemonicParsing(false);
                choice.setId(prefix + "use-" + n);
                choice.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, "network-choice");
                choice.setTooltip(new javafx.scene.control.Tooltip("Put " + n + " into this cluster's network: for clusters whose pods reach each other directly"));
                choice.setOnAction(e -> card.networkProperty().set(n));
                choices.getChildren().add(choice);
            }
        };
        vm.cards().forEach(c -> c.networkProperty().addListener((obs, o, n) -> fill.run()));
        fill.run();
        choices.managedProperty().bind(Bindings.isNotEmpty(choices.getChildren()));
        choices.visibleProperty().bind(choices.managedProperty());
        return choices;
    }

    private static VBox cell(String label, Control control) {
        Label title = new Label(label);
        title.getStyleClass().add("form-label");
        title.setLabelFor(control);
        title.setWrapText(true);
        return new VBox(4, title, control);
    }

    private static TextField field(javafx.beans.property.StringProperty property, String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        field.setMaxWidth(Double.MAX_VALUE);
        return field;
    }

    private static void showReachability(Label label, Reachability r) {
        label.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
        switch (r.state()) {
            case REACHABLE -> {
                label.setText("Kubernetes " + r.version());
                label.setGraphic(Icons.of(MaterialDesignC.CHECK_CIRCLE));
                label.getStyleClass().add(Styles.SUCCESS);
            }
            case CHECKING -> {
                label.setText("Checking…");
                label.setGraphic(Icons.of(MaterialDesignT.TIMER_SAND));
                label.getStyleClass().add(Styles.TEXT_MUTED);
            }
            case UNREACHABLE, NOT_IN_KUBECONFIG -> {
                label.setText("Not reachable");
                label.setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE));
                label.getStyleClass().add(Styles.DANGER);
                label.setTooltip(new javafx.scene.control.Tooltip(r.problem()));
            }
            default -> {
                label.setText("");
                label.setGraphic(null);
            }
        }
    }

    private static Label findingLabel(Finding f) {
        Label label = new Label(f.message(), Icons.of(f.isError() ? MaterialDesignA.ALERT_CIRCLE : MaterialDesignA.ALERT));
        label.getStyleClass().add(f.isError() ? Styles.DANGER : Styles.WARNING);
        label.setWrapText(true);
        return label;
    }
}
