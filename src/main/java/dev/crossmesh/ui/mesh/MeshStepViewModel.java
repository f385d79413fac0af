package dev.crossmesh.ui.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import dev.crossmesh.certs.KeyType;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.Flavor;
import dev.crossmesh.plan.GatewaySpec;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.IstioSpec;
import dev.crossmesh.plan.ReleaseFacts;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.ServiceType;
import dev.crossmesh.plan.Severity;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.ui.core.Findings;
import dev.crossmesh.ui.core.PlanModel;
import dev.crossmesh.ui.core.BaseStepViewModel;

/**
 * Step 2: what the mesh is: its ID and trust domain, which Istio, how control planes are spread, where trust
 * comes from, and how the east-west gateway is exposed. Every field writes straight into the plan and shows the
 * validator's finding for its path.
 */
public final class MeshStepViewModel extends BaseStepViewModel {
    /** The plan paths this step owns; an error at any of them keeps Next disabled. */
    static final List<String> PATHS = List.of("meshId", "trustDomain", "istio", "topology", "ca", "gateway");

    private final PlanModel planModel;

    private final StringProperty meshId = new SimpleStringProperty(this, "meshId", "");
    private final StringProperty trustDomain = new SimpleStringProperty(this, "trustDomain", "");
    private final ObjectProperty<Flavor> flavor = new SimpleObjectProperty<>(this, "flavor", Flavor.ISTIO);
    private final StringProperty version = new SimpleStringProperty(this, "version", "");
    private final StringProperty revision = new SimpleStringProperty(this, "revision", "");
    private final ObjectProperty<Topology> topology = new SimpleObjectProperty<>(this, "topology", Topology.MULTI_PRIMARY);
    private final ObjectProperty<CaMode> ca = new SimpleObjectProperty<>(this, "ca", CaMode.SHARED_ROOT);
    private final ObjectProperty<KeyType> caKeyType = new SimpleObjectProperty<>(this, "caKeyType", KeyType.RSA_4096);
    private final ObjectProperty<ServiceType> serviceType = new SimpleObjectProperty<>(this, "serviceType", ServiceType.LOAD_BALANCER);
    private final StringProperty annotations = new SimpleStringProperty(this, "annotations", "");

    private final ReadOnlyObjectWrapper<Finding> meshIdProblem = new ReadOnlyObjectWrapper<>(this, "meshIdProblem");
    private final ReadOnlyObjectWrapper<Finding> trustDomainProblem = new ReadOnlyObjectWrapper<>(this, "trustDomainProblem");
    private final ReadOnlyObjectWrapper<Finding> versionProblem = new ReadOnlyObjectWrapper<>(this, "versionProblem");
    private final ReadOnlyObjectWrapper<Finding> revisionProblem = new ReadOnlyObjectWrapper<>(this, "revisionProblem");
    private final ReadOnlyObjectWrapper<Finding> caProblem = new ReadOnlyObjectWrapper<>(this, "caProblem");
    private final ReadOnlyObjectWrapper<Finding> annotationsProblem = new ReadOnlyObjectWrapper<>(this, "annotationsProblem");

    /** True while fields are set from the plan, so that those changes are not written back to it. */
    private boolean syncing;
    private String annotationsParseProblem = "";

    public MeshStepViewModel(PlanModel planModel, KeyType defaultKeyType) {
        this.planModel = planModel;
        caKeyType.set(defaultKeyType);
        syncFromPlan(planModel.plan(), true);
        planModel.planProperty().addListener((obs, old, plan) -> syncFromPlan(plan, false));
        planModel.addReplacedListener(plan -> syncFromPlan(plan, true));
        planModel.findingsProperty().addListener((obs, old, findings) -> updateProblems());
        updateProblems();

        writeBack(meshId, (p, v) -> p.withMeshId(v.strip()));
        writeBack(trustDomain, (p, v) -> p.withTrustDomain(v.strip()));
        writeBack(flavor, (p, v) -> p.withIstio(new IstioSpec(v, p.istio().version(), p.istio().revision())));
        writeBack(version, (p, v) -> p.withIstio(new IstioSpec(p.istio().flavor(), v.strip(), p.istio().revision())));
        writeBack(revision, (p, v) -> p.withIstio(new IstioSpec(p.istio().flavor(), p.istio().version(), v.strip())));
        writeBack(topology, MeshStepViewModel::withTopology);
        writeBack(ca, MeshPlan::withCa);
        writeBack(serviceType, (p, v) -> p.withGateway(new GatewaySpec(v, p.gateway().annotations())));
        annotations.addListener((obs, old, text) -> {
            AnnotationLines.Parsed parsed = AnnotationLines.parse(text);
            annotationsParseProblem = parsed.problem();
            if (!syncing && parsed.ok()) {
                planModel.update(p -> p.withGateway(new GatewaySpec(p.gateway().serviceType(), parsed.annotations())));
            }
            updateProblems();
        });
    }

    // Properties

    public StringProperty meshIdProperty() {
        return meshId;
    }

    public StringProperty trustDomainProperty() {
        return trustDomain;
    }

    public ObjectProperty<Flavor> flavorProperty() {
        return flavor;
    }

    /** A release the Mesh step offers, with one line about it. */
    public record ReleaseChoice(String version, String note) {
    }

    /** The releases crossmesh knows, newest first, as the version list offers them (free text stays allowed). */
    public static List<ReleaseChoice> releaseChoices() {
        List<ReleaseChoice> choices = new java.util.ArrayList<>();
        for (ReleaseFacts f : IstioReleases.minors()) {
            String support = f.prerelease() ? "release candidate"
                    : f.supportEnded().map(d -> "out of Istio's support since " + d).orElse("supported");
            choices.add(0, new ReleaseChoice(f.newestPatch(), f.note().isEmpty() ? support : f.note() + "; " + support));
        }
        return List.copyOf(choices);
    }

    public StringProperty versionProperty() {
        return version;
    }

    public StringProperty revisionProperty() {
        return revision;
    }

    public ObjectProperty<Topology> topologyProperty() {
        return topology;
    }

    public ObjectProperty<CaMode> caProperty() {
        return ca;
    }

    /** The key type of a new mesh CA; not part of the plan (as {@code --ca-key-type} is not), used when a root is made. */
    public ObjectProperty<KeyType> caKeyTypeProperty() {
        return caKeyType;
    }

    public ObjectProperty<ServiceType> serviceTypeProperty() {
        return serviceType;
    }

    /** Gateway Service annotations, one {@code name=value} per line. */
    public StringProperty annotationsProperty() {
        return annotations;
    }

    public ReadOnlyObjectProperty<Finding> meshIdProblemProperty() {
        return meshIdProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> trustDomainProblemProperty() {
        return trustDomainProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> versionProblemProperty() {
        return versionProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> revisionProblemProperty() {
        return revisionProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> caProblemProperty() {
        return caProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Finding> annotationsProblemProperty() {
        return annotationsProblem.getReadOnlyProperty();
    }


    // internals

    /**
     * A topology change keeps the plan valid: multi-primary has no remotes, so every cluster becomes a primary;
     * primary-remote starts with the first cluster as the primary and the others as its remotes.
     */
    static MeshPlan withTopology(MeshPlan plan, Topology topology) {
        if (topology == plan.topology()) {
            return plan;
        }
        List<ClusterSpec> clusters = new ArrayList<>();
        for (int i = 0; i < plan.clusters().size(); i++) {
            ClusterSpec c = plan.clusters().get(i);
            if (topology == Topology.MULTI_PRIMARY) {
                clusters.add(c.withRole(Role.PRIMARY));
            } else {
                boolean allPrimary = plan.clusters().stream().allMatch(ClusterSpec::isPrimary);
                clusters.add(allPrimary ? c.withRole(i == 0 ? Role.PRIMARY : Role.REMOTE) : c);
            }
        }
        return plan.withTopology(topology).withClusters(clusters);
    }

    private <T> void writeBack(Property<T> property, java.util.function.BiFunction<MeshPlan, T, MeshPlan> edit) {
        property.addListener((obs, old, value) -> {
            if (!syncing && value != null) {
                planModel.update(p -> edit.apply(p, value));
            }
        });
    }

    /** @param replaced the whole plan was replaced: half-typed input that the plan does not hold yet is dropped */
    private void syncFromPlan(MeshPlan plan, boolean replaced) {
        syncing = true;
        try {
            setIfDifferent(meshId, plan.meshId(), String::strip);
            setIfDifferent(trustDomain, plan.trustDomain(), String::strip);
            flavor.set(plan.istio().flavor());
            setIfDifferent(version, plan.istio().version(), String::strip);
            setIfDifferent(revision, plan.istio().revision(), String::strip);
            topology.set(plan.topology());
            ca.set(plan.ca());
            serviceType.set(plan.gateway().serviceType());
            AnnotationLines.Parsed shown = AnnotationLines.parse(annotations.get());
            // text that does not parse yet is the user's work in progress; the plan keeps the last list that parsed
            if (replaced || shown.ok() && !shown.annotations().equals(plan.gateway().annotations())) {
                annotations.set(AnnotationLines.format(plan.gateway().annotations()));
                annotationsParseProblem = "";
            }
        } finally {
            syncing = false;
        }
        if (replaced) {
            updateProblems();
        }
    }

    /** Keeps what the user typed (e.g. a trailing space) when it means the same as the plan's value. */
    private static void setIfDifferent(StringProperty property, String value, Function<String, String> normalize) {
        if (!Objects.equals(normalize.apply(property.get() == null ? "" : property.get()), value)) {
            property.set(value);
        }
    }

    private void updateProblems() {
        List<Finding> findings = planModel.findings();
        meshIdProblem.set(Findings.at(findings, "meshId"));
        trustDomainProblem.set(Findings.at(findings, "trustDomain"));
        versionProblem.set(Findings.at(findings, "istio.version"));
        revisionProblem.set(Findings.at(findings, "istio.revision"));
        caProblem.set(Findings.at(findings, "ca"));
        annotationsProblem.set(annotationsParseProblem.isEmpty()
                ? Findings.under(findings, "gateway.annotations")
                : new Finding(Severity.ERROR, "", "gateway.annotations", "", annotationsParseProblem));

        List<String> broken = new ArrayList<>();
        addIfError(broken, meshIdProblem.get(), "Mesh ID");
        addIfError(broken, trustDomainProblem.get(), "Trust domain");
        addIfError(broken, versionProblem.get(), "Istio version");
        addIfError(broken, revisionProblem.get(), "Revision");
        addIfError(broken, caProblem.get(), "Certificate authority");
        addIfError(broken, annotationsProblem.get(), "Gateway annotations");
        boolean otherErrors = findings.stream().filter(Finding::isError)
                .anyMatch(f -> PATHS.stream().anyMatch(p -> f.path().equals(p) || f.path().startsWith(p + "."))
                        && broken.isEmpty());
        valid.set(broken.isEmpty() && !otherErrors);
        blocker.set(broken.isEmpty() ? (otherErrors ? "Fix the mesh settings marked in red." : "")
                : "Fix " + String.join(", ", broken) + " to continue.");
    }

    private static void addIfError(List<String> broken, Finding finding, String field) {
        if (finding != null && finding.isError()) {
            broken.add(field);
        }
    }
}
