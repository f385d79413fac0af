package dev.crossmesh.ui.networks;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.ui.clusters.ClustersStepViewModel;
import dev.crossmesh.ui.core.Findings;
import dev.crossmesh.ui.core.PlanModel;
import dev.crossmesh.ui.core.BaseStepViewModel;

/**
 * Step 3: per picked cluster, its name in the mesh, its network, region and role. Cards follow the plan's
 * cluster list; every field shows the validator's finding for its path, word for word as {@code crossmesh validate}.
 */
public final class NetworksStepViewModel extends BaseStepViewModel {
    private final PlanModel planModel;
    private final ClustersStepViewModel clustersStep;

    private final ObservableList<ClusterCardViewModel> cards = FXCollections.observableArrayList();
    /** Handed out as one instance: a new unmodifiable wrapper per call would lose its listeners once collected. */
    private final ObservableList<ClusterCardViewModel> cardsView = FXCollections.unmodifiableObservableList(cards);
    private final ObservableList<Finding> meshFindings = FXCollections.observableArrayList();
    private final ObservableList<Finding> meshFindingsView = FXCollections.unmodifiableObservableList(meshFindings);
    private final ReadOnlyBooleanWrapper showRoles = new ReadOnlyBooleanWrapper(this, "showRoles");
    private List<String> shownContexts = List.of();

    public NetworksStepViewModel(PlanModel planModel, ClustersStepViewModel clustersStep) {
        this.planModel = planModel;
        this.clustersStep = clustersStep;
        planModel.planProperty().addListener((obs, old, plan) -> syncFromPlan(plan));
        planModel.findingsProperty().addListener((obs, old, findings) -> updateProblems(findings));
        // rows appear when the kubeconfig has been read: cards made before then pick them up
        clustersStep.rows().addListener((javafx.collections.ListChangeListener<Object>) change -> {
            if (cards.stream().anyMatch(c -> !c.shows(clustersStep.row(c.context()).orElse(null)))) {
                shownContexts = List.of();
                syncFromPlan(planModel.plan());
            }
        });
        syncFromPlan(planModel.plan());
        updateProblems(planModel.findings());
    }

    // Properties

    public ObservableList<ClusterCardViewModel> cards() {
        return cardsView;
    }

    /** Findings about the clusters as a whole: too few, all on one network, no primary. */
    public ObservableList<Finding> meshFindings() {
        return meshFindingsView;
    }

    /** Roles matter only in a primary-remote mesh. */
    public ReadOnlyBooleanProperty showRolesProperty() {
        return showRoles.getReadOnlyProperty();
    }


    // internals

    private void syncFromPlan(MeshPlan plan) {
        showRoles.set(plan.topology() == Topology.PRIMARY_REMOTE);
        List<String> contexts = plan.clusters().stream().map(ClusterSpec::context).toList();
        if (!contexts.equals(shownContexts)) {
            List<ClusterCardViewModel> fresh = new ArrayList<>();
            for (int i = 0; i < plan.clusters().size(); i++) {
                ClusterSpec c = plan.clusters().get(i);
                fresh.add(new ClusterCardViewModel(planModel, i, c, clustersStep.row(c.context()).orElse(null)));
            }
            shownContexts = contexts;
            cards.setAll(fresh);
            updateProblems(planModel.findings());
        } else {
            for (int i = 0; i < cards.size(); i++) {
                cards.get(i).sync(plan.clusters().get(i));
            }
        }
    }

    private void updateProblems(List<Finding> findings) {
        cards.forEach(c -> c.updateProblems(findings));
        meshFindings.setAll(findings.stream().filter(f -> f.path().equals("clusters")).toList());
        List<String> broken = new ArrayList<>();
        for (ClusterCardViewModel card : cards) {
            if (Findings.anyErrorUnder(findings, "clusters[" + card.index() + "]")) {
                broken.add(card.label() + (card.nameProperty().get().isEmpty() ? "" : " (" + card.nameProperty().get() + ")"));
            }
        }
        boolean meshError = meshFindings.stream().anyMatch(Finding::isError);
        valid.set(broken.isEmpty() && !meshError && !cards.isEmpty());
        if (cards.isEmpty()) {
            blocker.set("Pick the clusters first, in the Clusters step.");
        } else if (!broken.isEmpty()) {
            blocker.set("Fix the fields marked in red for " + String.join(", ", broken) + " to continue.");
        } else if (meshError) {
            blocker.set(meshFindings.stream().filter(Finding::isError).findFirst().map(Finding::message).orElse(""));
        } else {
            blocker.set("");
        }
    }
}
