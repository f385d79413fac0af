package dev.crossmesh.ui.verify;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

import dev.crossmesh.plan.Finding;
import dev.crossmesh.verify.VerifyReport;

/**
 * The traffic check beside the topology: progress while it runs, then the answer matrix (row: the client's cluster;
 * column: the cluster that answered), the verdict of each client and the findings with their fixes. Only binds and
 * draws; {@link VerifyViewModel} runs the check.
 */
public final class VerifyPanel extends VBox {
    private final VerifyViewModel vm;
    private final GridPane matrix = new GridPane();
    private final VBox findings = new VBox(6);

    /** @param onClose hides the panel (the live view decides where it goes) */
    public VerifyPanel(VerifyViewModel vm, Runnable onClose) {
        this.vm = vm;
        getStyleClass().add("verify-panel");
        setId("verify-panel");
        setSpacing(8);
        setPadding(new Insets(10));
        setMinWidth(260);

        Label title = new Label("Traffic check");
        title.getStyleClass().add("panel-title");
        Button again = new Button("Run again", new FontIcon(MaterialDesignR.REFRESH));
        again.setId("verify-run");
        again.setTooltip(new Tooltip("Deploy helloworld and curl again, send 20 requests from every cluster and count who answers (crossmesh verify)"));
        again.setOnAction(e -> vm.verify());
        again.disableProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("verify-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.setId("verify-close");
        close.setTooltip(new Tooltip("Close the traffic check"));
        close.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, spacer, again, cancel, close);

        ProgressBar bar = new ProgressBar();
        bar.setId("verify-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label status = new Label();
        status.setId("verify-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.progressTextProperty());
        Label problem = new Label();
        problem.setId("verify-problem");
        problem.getStyleClass().add("verify-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        matrix.setId("verify-matrix");
        matrix.getStyleClass().add("verify-matrix");
        matrix.setHgap(10);
        matrix.setVgap(4);
        findings.setId("verify-findings");
        Label legend = new Label("Row: where the requests came from; column: which cluster answered. Red: a cluster the topology says it must "
                + "reach gave no answer; grey: not expected.");
        legend.getStyleClass().add("verify-legend");
        legend.setWrapText(true);
        VBox body = new VBox(10, matrix, legend, findings);
        body.visibleProperty().bind(vm.reportProperty().isNotNull());
        body.managedProperty().bind(body.visibleProperty());
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        getChildren().addAll(header, bar, status, problem, scroll);
        vm.reportProperty().addListener((obs, was, now) -> draw(now));
        draw(vm.reportProperty().get());
    }

    public VerifyViewModel viewModel() {
        return vm;
    }

    private void draw(VerifyReport report) {
        matrix.getChildren().clear();
        findings.getChildren().clear();
        if (report == null) {
            return;
        }
        matrix.add(styled(new Label("from \\ answered by"), "verify-corner"), 0, 0);
        int column = 1;
        for (String to : vm.clusters()) {
            matrix.add(styled(new Label(to), "verify-column"), column++, 0);
        }
        matrix.add(styled(new Label("failed"), "verify-column"), column, 0);
        matrix.add(styled(new Label("verdict"), "verify-column"), column + 1, 0);
        int row = 1;
        for (VerifyViewModel.Row r : vm.rows()) {
            matrix.add(styled(new Label(r.from()), "verify-row"), 0, row);
            int c = 1;
            for (VerifyViewModel.Cell cell : r.cells()) {
                Label count = new Label(r.sent() ? String.valueOf(cell.count()) : "–");
                count.setId("verify-cell-" + r.from() + "-" + cell.to());
                count.getStyleClass().addAll("verify-cell", "verify-" + cell.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                matrix.add(count, c++, row);
            }
            matrix.add(styled(new Label(r.sent() ? String.valueOf(r.failed()) : "not sent"), "verify-failed"), c, row);
            Label verdict = styled(new Label(r.verdict()), "verify-verdict-" + r.verdict());
            verdict.setId("verify-verdict-" + r.from());
            if (!r.errors().isEmpty()) {
                verdict.setTooltip(new Tooltip(String.join("\n", r.errors())));
            }
            matrix.add(verdict, c + 1, row);
            row++;
        }
        for (Finding f : report.findings()) {
            Label line = new Label(f.toLine());
            line.setWrapText(true);
            line.getStyleClass().addAll("verify-finding", f.isError() ? "verify-finding-error" : "verify-finding-warning");
            findings.getChildren().add(line);
        }
    }

    private static Label styled(Label label, String styleClass) {
        label.getStyleClass().add(styleClass);
        return label;
    }
}
