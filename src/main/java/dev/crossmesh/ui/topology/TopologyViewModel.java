package dev.crossmesh.ui.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.ClusterStatus;
import dev.crossmesh.status.ConnectionState;
import dev.crossmesh.status.GatewayPort;
import dev.crossmesh.status.GatewayStatus;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.ProbeResult;
import dev.crossmesh.ui.topology.TopologyModel.ClusterNode;
import dev.crossmesh.ui.topology.TopologyModel.DiscoveryLink;
import dev.crossmesh.ui.topology.TopologyModel.GatewayNode;

/**
 * The state the live view binds to, made from {@link MeshStatus} snapshots.
 * <p>
 * {@link #accept} takes snapshots on any thread and keeps only the newest; the first one after an update asks the UI
 * executor for one {@code drain}, later ones replace it until the drain runs. With an executor that runs once per pulse
 * (the view's {@link PulseExecutor}) a burst of any size costs at most one update per frame, and the update shows the
 * newest snapshot. Every other method runs on the UI thread.
 * <p>
 * An update builds the new {@link TopologyModel}, the {@link TopologyChange} from the previous one (so the view redraws
 * only what changed), the gateway table's rows (replacing only the rows that differ), the findings newest first, and
 * the details of the selection.
 */
public final class TopologyViewModel {
    /** Above this many clusters, healthy discovery links are hidden by default: 10 clusters make 90 of them. */
    static final int ALL_LINKS_UP_TO = 5;

    private final MeshPlan plan;
    private final Executor uiThread;
    private final AtomicReference<MeshStatus> pending = new AtomicReference<>();
    private final AtomicLong accepted = new AtomicLong();
    private long applied;

    // Properties
    private final ReadOnlyObjectWrapper<MeshStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyObjectWrapper<TopologyModel> topology = new ReadOnlyObjectWrapper<>(this, "topology");
    private final ReadOnlyObjectWrapper<TopologyChange> change = new ReadOnlyObjectWrapper<>(this, "change");
    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>(this, "selection");
    private final ReadOnlyObjectWrapper<Details> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ReadOnlyObjectWrapper<Health> health = new ReadOnlyObjectWrapper<>(this, "health", Health.UNKNOWN);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper updated = new ReadOnlyStringWrapper(this, "updated", "waiting for the first status");
    private final BooleanProperty allDiscoveryLinks = new SimpleBooleanProperty(this, "allDiscoveryLinks");
    private final ObservableList<GatewayEntry> gatewayEntries = FXCollections.observableArrayList();
    private final ObservableList<FindingRow> findingRows = FXCollections.observableArrayList();
    // one read-only view each, kept: a view made per call and dropped takes its listeners with it when collected
    private final ObservableList<GatewayEntry> gatewayEntriesView = FXCollections.unmodifiableObservableList(gatewayEntries);
    private final ObservableList<FindingRow> findingRowsView = FXCollections.unmodifiableObservableList(findingRows);
    private final ObservableList<ResolvedFinding> resolvedFindings = FXCollections.observableArrayList();
    private final ObservableList<ResolvedFinding> resolvedFindingsView = FXCollections.unmodifiableObservableList(resolvedFindings);
    /** How many resolved findings the history keeps, newest first. */
    static final int HISTORY = 100;

    // UI thread only
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<String, GatewayStatus> gatewaySeen = new HashMap<>();
    private final Map<String, Instant> gatewayChanged = new HashMap<>();

    /**
     * @param uiThread runs the updates; in the app the view's {@link PulseExecutor} (the FX thread, once per pulse), in
     *                 tests whatever the test drives
     */
    public TopologyViewModel(MeshPlan plan, Executor uiThread) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
        allDiscoveryLinks.set(plan.clusters().size() <= ALL_LINKS_UP_TO);
        TopologyModel first = TopologyBuilder.build(plan, new MeshStatus(plan.meshId(), null, List.of(), List.of()));
        topology.set(first);
        change.set(TopologyChange.everything(first));
        summary.set(summaryOf(first, null));
        first.gateways().forEach(g -> gatewayEntries.add(new GatewayEntry(connectingRow(g))));
    }

    // Commands

    /** Hands over a snapshot; any thread. Only the newest one waiting is applied. */
    public void accept(MeshStatus snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        accepted.incrementAndGet();
        if (pending.getAndSet(snapshot) == null) {
            uiThread.execute(this::drain);
        }
    }

    public void select(Selection value) {
        selection.set(value);
        refreshDetails();
    }

    public void clearSelection() {
        select(null);
    }

    // Properties

    public MeshPlan plan() {
        return plan;
    }

    /** The newest snapshot applied; null until the first one. */
    public ReadOnlyObjectProperty<MeshStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TopologyModel> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    /** What the last update changed; a new object every update that changed anything. */
    public ReadOnlyObjectProperty<TopologyChange> changeProperty() {
        return change.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** What the side panel shows; null when nothing is selected. */
    public ReadOnlyObjectProperty<Details> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** The mesh's health: error or warning when there are findings of that kind, unknown before the first snapshot. */
    public ReadOnlyObjectProperty<Health> healthProperty() {
        return health.getReadOnlyProperty();
    }

    /** "3 clusters in 2 networks · 3 synced · 1 error, 2 warnings". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** "updated 12:00:03", the newest snapshot's time. */
    public ReadOnlyStringProperty updatedProperty() {
        return updated.getReadOnlyProperty();
    }

    /** Whether healthy discovery links are drawn too, or only the ones with a problem. */
    public BooleanProperty allDiscoveryLinksProperty() {
        return allDiscoveryLinks;
    }

    /** The gateway table's lines, one per cluster with a gateway, in plan order; each keeps its place as its row changes. */
    public ObservableList<GatewayEntry> gatewayEntries() {
        return gatewayEntriesView;
    }

    /** The gateway table's rows as they are now. */
    public List<GatewayRow> gatewayRows() {
        return gatewayEntries.stream().map(GatewayEntry::row).toList();
    }

    /** The findings of the newest snapshot, newest first. */
    /** Findings that went away, newest first, with when they appeared and when they were resolved. */
    public ObservableList<ResolvedFinding> resolvedFindings() {
        return resolvedFindingsView;
    }

    public ObservableList<FindingRow> findingRows() {
        return findingRowsView;
    }

    /**
     * The discovery links the view draws: all of them, or only those with a problem (missing or extra). Links whose
     * reader is offline or connecting are left out then too: its card already says so, and nine grey arrows from one
     * offline cluster would bury the one broken link that matters.
     */
    public List<DiscoveryLink> shownDiscoveryLinks() {
        List<DiscoveryLink> all = topology.get().discoveryLinks();
        return allDiscoveryLinks.get() ? all : all.stream().filter(l -> l.health() == Health.ERROR || l.health() == Health.WARNING).toList();
    }

    /** Discovery links left out of {@link #shownDiscoveryLinks()}. */
    public int hiddenDiscoveryLinks() {
        return topology.get().discoveryLinks().size() - shownDiscoveryLinks().size();
    }

    /** Snapshots handed to {@link #accept}. */
    public long acceptedSnapshots() {
        return accepted.get();
    }

    /** Updates applied on the UI thread: fewer than accepted snapshots when they came faster than the UI took them. */
    public long appliedUpdates() {
        return applied;
    }

    // Updating

    private void drain() {
        MeshStatus next = pending.getAndSet(null);
        if (next != null) {
            apply(next);
        }
    }

    private void apply(MeshStatus next) {
        applied++;
        TopologyModel before = topology.get();
        TopologyModel after = TopologyBuilder.build(plan, next);
        status.set(next);
        updateFindings(next);
        updateGatewayRows(next, after);
        TopologyChange diff = TopologyChange.between(applied, before, after);
        topology.set(after);
        if (!diff.isEmpty()) {
            change.set(diff);
        }
        health.set(after.health());
        summary.set(summaryOf(after, next));
        updated.set("updated " + TimeText.of(next.at()));
        refreshDetails();
    }

    private void updateFindings(MeshStatus next) {
        Instant now = next.at() == null ? Instant.now() : next.at();
        List<FindingRow> rows = new ArrayList<>();
        Map<String, Instant> seen = new HashMap<>();
        for (Finding f : next.findings()) {
            FindingRow probe = new FindingRow(f, null);
            Instant first = firstSeen.getOrDefault(probe.key(), now);
            seen.putIfAbsent(probe.key(), first);
            rows.add(new FindingRow(f, first));
        }
        // what was listed and is not any more: resolved now, kept as history with its times
        List<ResolvedFinding> gone = new ArrayList<>();
        for (FindingRow was : findingRows) {
            if (!seen.containsKey(was.key())) {
                gone.add(new ResolvedFinding(was, now));
            }
        }
        if (!gone.isEmpty()) {
            resolvedFindings.addAll(0, gone);
            if (resolvedFindings.size() > HISTORY) {
                resolvedFindings.remove(HISTORY, resolvedFindings.size());
            }
        }
        firstSeen.clear();
        firstSeen.putAll(seen);
        // newest first; findings that appeared together keep the order the checks gave them (plan order of clusters)
        List<FindingRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(FindingRow::firstSeen).reversed());
        if (!sorted.equals(findingRows)) {
            findingRows.setAll(sorted);
        }
    }

    private void updateGatewayRows(MeshStatus next, TopologyModel model) {
        List<GatewayRow> rows = new ArrayList<>();
        for (GatewayNode g : model.gateways()) {
            ClusterStatus c = next.cluster(g.cluster()).orElse(null);
            rows.add(c == null ? connectingRow(g) : row(g, c, next.at()));
        }
        boolean same = rows.size() == gatewayEntries.size();
        for (int i = 0; same && i < rows.size(); i++) {
            same = rows.get(i).cluster().equals(gatewayEntries.get(i).row().cluster());
        }
        if (!same) {
            gatewayEntries.setAll(rows.stream().map(GatewayEntry::new).toList());
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            gatewayEntries.get(i).update(rows.get(i));
        }
    }

    private GatewayRow row(GatewayNode g, ClusterStatus c, Instant at) {
        GatewayStatus gw = c.gateway();
        // the probe's time changes every few seconds without anything happening: leave it out of "changed"
        GatewayStatus signature = gw.withProbe(new ProbeResult(gw.probe().state(), gw.probe().url(), gw.probe().detail(), null));
        GatewayStatus before = gatewaySeen.put(g.cluster(), signature);
        if (before == null) {
            gatewayChanged.put(g.cluster(), c.lastChange() != null ? c.lastChange() : at);
        } else if (!before.equals(signature)) {
            gatewayChanged.put(g.cluster(), at);
        }
        String address = gw.hasAddress() ? g.endpoint() : gw.present() ? g.text() + (gw.noAddressReason().isEmpty() ? "" : " (" + gw.noAddressReason() + ")")
                : "no gateway Service";
        String stale = c.state() == ConnectionState.SYNCED ? "" : " (" + c.state().label() + ", last known)";
        return new GatewayRow(g.cluster(), g.network(), gw.serviceType().isEmpty() ? "—" : gw.serviceType(), address + stale, ProbeWords.of(gw.probe().state()),
                gw.probe().detail(), gw.podsReady() + "/" + gw.podsTotal(), ports(gw), gatewayChanged.get(g.cluster()), g.health());
    }

    private static GatewayRow connectingRow(GatewayNode g) {
        return new GatewayRow(g.cluster(), g.network(), "—", "not known yet", "not_probed", "", "—", "—", null, Health.UNKNOWN);
    }

    /** 15443 first: it is the one that matters across networks. */
    private static String ports(GatewayStatus gw) {
        return gw.ports().stream().sorted(Comparator.comparing((GatewayPort p) -> p.port() != GatewayStatus.CROSS_NETWORK_PORT))
                .map(p -> p.nodePort() > 0 ? p.port() + ":" + p.nodePort() : String.valueOf(p.port())).collect(Collectors.joining(", "));
    }

    private void refreshDetails() {
        Selection s = selection.get();
        MeshStatus now = status.get();
        Details next = s == null ? null
                : DetailsBuilder.build(plan, now != null ? now : new MeshStatus(plan.meshId(), null, List.of(), List.of()), topology.get(), findingRows, s)
                        .orElse(null);
        if (!Objects.equals(next, details.get())) {
            details.set(next);
        }
    }

    private String summaryOf(TopologyModel model, MeshStatus snapshot) {
        int networks = model.networks().size();
        int clusters = model.clusters().size();
        // demo clusters are said so wherever they are shown, here too where a compact card has no room for its tag
        long demo = model.clusters().stream().filter(ClusterNode::demo).count();
        String count = demo == clusters ? clusters + " demo" : String.valueOf(clusters);
        String mixed = demo > 0 && demo < clusters ? " (" + demo + " demo)" : "";
        String shape = count + (clusters == 1 ? " cluster" : " clusters") + mixed + " in " + networks + (networks == 1 ? " network" : " networks");
        if (snapshot == null) {
            return shape + " · connecting";
        }
        long synced = model.clusters().stream().filter(c -> c.state() == ConnectionState.SYNCED).count();
        String findings = model.errors() == 0 && model.warnings() == 0 ? "healthy"
                : plural(model.errors(), "error") + (model.warnings() == 0 ? "" : ", " + plural(model.warnings(), "warning"));
        if (model.errors() == 0 && model.warnings() > 0) {
            findings = plural(model.warnings(), "warning");
        }
        return shape + " · " + synced + " of " + clusters + " synced · " + findings;
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
