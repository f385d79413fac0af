package dev.crossmesh.ui.networks;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Role;
import dev.crossmesh.ui.clusters.ContextRow;
import dev.crossmesh.ui.clusters.Reachability;
import dev.crossmesh.ui.core.Findings;
import dev.crossmesh.ui.core.PlanModel;

/** One cluster of the plan in the Networks step: {@code clusters[index]}, its fields and their findings. */
public final class ClusterCardViewModel {
    private final PlanModel planModel;
    private final int index;
    private final String context;
    private final ContextRow row;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty network = new SimpleStringProperty(this, "network", "");
    private final StringProperty region = new SimpleStringProperty(this, "region", "");
    private final StringProperty apiServer = new SimpleStringProperty(this, "apiServer", "");
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>(this, "role", Role.PRIMARY);

    private final ReadOnlyObjectWrapper<Finding> nameProblem = new ReadOnlyObjectWrapper<>(this, "nameProblem");
    private final ReadOnlyObjectWrapper<Finding> networkProblem = new ReadOnlyObjectWrapper<>(this, "networkProblem");
    private final ReadOnlyObjectWrapper<Finding> regionProblem = new ReadOnlyObjectWrapper<>(this, "regionProblem");
    private final ReadOnlyObjectWrapper<Finding> roleProblem = new ReadOnlyObjectWrapper<>(this, "roleProblem");
    private final ReadOnlyObjectWrapper<Finding> apiServerProblem = new ReadOnlyObjectWrapper<>(this, "apiServerProblem");
    private final ReadOnlyObjectWrapper<Finding> contextProblem = new ReadOnlyObjectWrapper<>(this, "contextProblem");
    private final ReadOnlyObjectWrapper<Reachability> reachability = new ReadOnlyObjectWrapper<>(this, "reachability", Reachability.NOT_CHECKED);
    private final ReadOnlyStringWrapper regionHint = new ReadOnlyStringWrapper(this, "regionHint", "");

    private boolean syncing;

    ClusterCardViewModel(PlanModel planModel, int index, ClusterSpec cluster, ContextRow row) {
        this.planModel = planModel;
        this.index = index;
        this.context = cluster.context();
        this.row = row;
        sync(cluster);
        if (row != null) {
            reachability.bind(row.reachabilityProperty());
        }
        regionHint.bind(Bindings.createStringBinding(this::describeRegion, reachability, region));
        writeBack(name, (c, v) -> c.withName(v.strip()));
        writeBack(network, (c, v) -> c.withNetwork(v.strip()));
        writeBack(region, (c, v) -> c.withRegion(v.strip()));
        writeBack(apiServer, (c, v) -> c.withApiServer(v.strip()));
        writeBack(role, ClusterSpec::withRole);
    }

    public int index() {
        return index;
    }

    /** "Cluster 2": how the validator counts clusters, from one. */
    public String label() {
        return "Cluster " + (index + 1);
    }

    public String context() {
        return context;
    }

    public String server() {
        return row == null ? "" : row.server();
    }

    public boolean isDemo() {
        return row != null && row.isDemo();
    }

    // Properties

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty networkProperty() {
        return network;
    }

    public StringProperty regionProperty() {
        return region;
    }

    /** The API server address other clusters use in their remote secret for this one; "" for the context's server. */
    public StringProperty apiServerProperty() {
        return apiServer;
    }

    public ObjectProperty<Role> roleProperty() {
        return role;
    }

    public ReadOnlyObjectProperty<Finding> nameProblemProperty() {
        return nameProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> networkProblemProperty() {
        return networkProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> regionProblemProperty() {
        return regionProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> roleProblemProperty() {
        return roleProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> apiServerProblemProperty() {
        return apiServerProblem.getReadOnlyProperty();
    }

    /** The context missing or used twice (an opened plan can have either). */
    public ReadOnlyObjectProperty<Finding> contextProblemProperty() {
        return contextProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Reachability> reachabilityProperty() {
        return reachability.getReadOnlyProperty();
    }

    /** Where the region comes from, or that the cluster is being asked. */
    public ReadOnlyStringProperty regionHintProperty() {
        return regionHint.getReadOnlyProperty();
    }

    // internals

    boolean shows(ContextRow candidate) {
        return row == candidate;
    }

    void sync(ClusterSpec cluster) {
        syncing = true;
        try {
            setIfDifferent(name, cluster.name());
            setIfDifferent(network, cluster.network());
            setIfDifferent(region, cluster.region());
            setIfDifferent(apiServer, cluster.apiServer());
            role.set(cluster.role());
        } finally {
            syncing = false;
        }
    }

    void updateProblems(List<Finding> findings) {
        String path = "clusters[" + index + "]";
        nameProblem.set(Findings.at(findings, path + ".name"));
        networkProblem.set(Findings.at(findings, path + ".network"));
        regionProblem.set(Findings.at(findings, path + ".region"));
        roleProblem.set(Findings.at(findings, path + ".role"));
        apiServerProblem.set(Findings.at(findings, path + ".apiServer"));
        contextProblem.set(Findings.at(findings, path + ".context"));
    }

    private String describeRegion() {
        Reachability r = reachability.get();
        return switch (r.state()) {
            case CHECKING -> "Asking the cluster for its region…";
            case REACHABLE -> r.region().isEmpty() ? "The cluster's nodes carry no region label; type one if you like."
                    : r.region().equals(region.get()) ? "From the nodes' region label." : "";
            default -> "";
        };
    }

    private <T> void writeBack(Property<T> property, BiFunction<ClusterSpec, T, ClusterSpec> edit) {
        property.addListener((obs, old, value) -> {
            if (!syncing && value != null) {
                planModel.update(p -> edited(p, value, edit));
            }
        });
    }

    private <T> MeshPlan edited(MeshPlan plan, T value, BiFunction<ClusterSpec, T, ClusterSpec> edit) {
        if (index >= plan.clusters().size() || !plan.clusters().get(index).context().equals(context)) {
            return plan;
        }
        List<ClusterSpec> clusters = new java.util.ArrayList<>(plan.clusters());
        clusters.set(index, edit.apply(clusters.get(index), value));
        return plan.withClusters(clusters);
    }

    /** Keeps what the user typed (e.g. a trailing space) when it means the same as the plan's value. */
    private static void setIfDifferent(StringProperty property, String value) {
        if (!Objects.equals(property.get() == null ? "" : property.get().strip(), value)) {
            property.set(value);
        }
    }
}
