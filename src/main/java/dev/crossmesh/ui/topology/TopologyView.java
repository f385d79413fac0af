package dev.crossmesh.ui.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

import dev.crossmesh.ui.topology.LinkRouting.Point;
import dev.crossmesh.ui.topology.TopologyLayout.NetworkPlacement;
import dev.crossmesh.ui.topology.TopologyLayout.NetworkShape;
import dev.crossmesh.ui.topology.TopologyLayout.RailSide;
import dev.crossmesh.ui.topology.TopologyLayout.Rect;
import dev.crossmesh.ui.topology.TopologyModel.ClusterNode;
import dev.crossmesh.ui.topology.TopologyModel.DataPlaneLink;
import dev.crossmesh.ui.topology.TopologyModel.DiscoveryLink;
import dev.crossmesh.ui.topology.TopologyModel.GatewayNode;
import dev.crossmesh.ui.topology.TopologyModel.NetworkNode;

/**
 * The drawn topology: a box per network with its clusters' cards, the east-west gateways on the box's edge, solid
 * data-plane links between the networks' gateways and dashed discovery arrows between clusters ("A reads B"), a caption
 * and a legend. It lays itself out (see {@link TopologyLayout}) and scales the drawing to the space it gets; it is
 * laid out again when that space or the set of boxes, cards and gateways changes. A status update only touches the
 * nodes whose element changed ({@link TopologyChange}).
 * <p>
 * The whole region, caption and legend included, is what "Export topology as PNG" captures.
 */
public final class TopologyView extends Region {
    private final TopologyViewModel vm;

    private final FlowPane caption = new FlowPane(12, 2);
    private final Label title = new Label();
    private final Label summary = new Label();
    private final Label updated = new Label();
    private final FlowPane legend = new FlowPane(16, 6);
    private final Label hiddenLinks = new Label();

    private final Group canvas = new Group();
    private final Group boxLayer = layer();
    private final Group dataLayer = layer();
    private final Group discoveryLayer = layer();
    private final Group headerLayer = layer();
    private final Group cardLayer = layer();
    private final Group railLayer = layer();
    private final Group badgeLayer = layer();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Rectangle clip = new Rectangle();

    private final Map<String, NetworkBox> networks = new LinkedHashMap<>();
    private final Map<String, ClusterCard> cards = new LinkedHashMap<>();
    private final Map<String, GatewayRail> rails = new LinkedHashMap<>();
    private final Map<String, LinkNode> dataLinks = new LinkedHashMap<>();
    private final Map<String, LinkNode> discoveryLinks = new LinkedHashMap<>();
    /** The style class a traffic check gives the data-plane link between two networks, or null (none). */
    private java.util.function.BiFunction<String, String, String> traffic = (a, b) -> null;
    /** How often each element's node was redrawn: for tests that check a change touches only what changed. */
    private final Map<String, Integer> redraws = new HashMap<>();

    /** The drawing's window: it clips the panned drawing to the space between the caption and the legend. */
    private final javafx.scene.layout.Pane viewport = new javafx.scene.layout.Pane();
    private final Rectangle viewportClip = new Rectangle();
    private final HBox zoomBar = new HBox(2);
    private final Label zoomText = new Label();
    private final javafx.scene.control.Button legendButton = new javafx.scene.control.Button();
    private double zoom = 1;
    private double panX;
    private double panY;
    private double dragX;
    private double dragY;
    private boolean exporting;
    private double laidOutUnit = -1;

    private TopologyLayout.Result layout;
    private double laidOutWidth = -1;
    private double laidOutHeight = -1;
    private boolean structureDirty = true;
    private long layouts;

    private final javafx.beans.value.ChangeListener<TopologyChange> onChange = (obs, was, change) -> apply(change);
    private final javafx.beans.value.ChangeListener<Selection> onSelection = (obs, was, now) -> showSelection(now);
    private final javafx.beans.value.ChangeListener<Boolean> onFilter = (obs, was, now) -> syncDiscoveryLinks(true);
    /** A view made only to take the exported picture: it follows nothing, shows no selection and no zoom bar. */
    private final boolean forPicture;

    public TopologyView(TopologyViewModel vm) {
        this(vm, false);
    }

    private TopologyView(TopologyViewModel vm, boolean forPicture) {
        this.vm = vm;
        this.forPicture = forPicture;
        getStyleClass().add("topology-view");
        setId("topology");
        // small: the drawing can be panned and zoomed, the table below keeps its three rows
        setMinSize(200, 100);
        setPrefSize(900, 560);
        setClip(clip);
        setFocusTraversable(false);

        title.getStyleClass().add("topology-title");
        summary.getStyleClass().add("topology-summary");
        updated.getStyleClass().add("topology-updated");
        summary.setMinWidth(0);
        // the mesh's name and the time never shrink; the summary and the note give way first
        title.setMinWidth(Region.USE_PREF_SIZE);
        updated.setMinWidth(Region.USE_PREF_SIZE);
        caption.getStyleClass().add("topology-caption");
        caption.setAlignment(Pos.CENTER_LEFT);
        caption.setRowValignment(javafx.geometry.VPos.BASELINE);
        // a summary longer than the whole line wraps inside it
        summary.setWrapText(true);
        summary.maxWidthProperty().bind(caption.widthProperty());
        hiddenLinks.getStyleClass().add("legend-note");
        hiddenLinks.setMinWidth(0);
        hiddenLinks.setTooltip(new javafx.scene.control.Tooltip("Discovery links without a problem are not drawn in a mesh of more than "
                + TopologyViewModel.ALL_LINKS_UP_TO + " clusters; \"All discovery links\" draws them"));
        // in the caption's one line, not in the legend: a note that comes and goes must not change the drawing's height
        caption.getChildren().addAll(title, summary, hiddenLinks, updated);
        buildLegend();

        canvas.getChildren().addAll(boxLayer, dataLayer, discoveryLayer, headerLayer, cardLayer, railLayer, badgeLayer);
        canvas.getTransforms().add(scale);
        canvas.setAutoSizeChildren(false);
        canvas.setManaged(false);
        canvas.getStyleClass().add("topology-canvas");
        viewport.getStyleClass().add("topology-viewport");
        viewport.setId("topology-viewport");
        viewport.getChildren().addAll(canvas, zoomBar);
        viewport.setClip(viewportClip);
        zoomBar.setManaged(false);
        buildZoomBar();
        getChildren().addAll(viewport, caption, legend);

        // a click on the background clears the selection; a drag pans a drawing larger than its space, the wheel too
        setOnMouseClicked(e -> {
            if (!e.isStillSincePress()) {
                return;
            }
            if (e.getTarget() == this || e.getTarget() == viewport || e.getTarget() instanceof Region r && r.getStyleClass().contains("network-box")) {
                vm.clearSelection();
            }
        });
        viewport.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        viewport.setOnMouseDragged(e -> {
            pan(e.getX() - dragX, e.getY() - dragY);
            dragX = e.getX();
            dragY = e.getY();
        });
        viewport.setOnScroll(e -> {
            if (e.isControlDown() || e.isShortcutDown()) {
                if (e.getDeltaY() > 0) {
                    zoomIn();
                } else if (e.getDeltaY() < 0) {
                    zoomOut();
                }
            } else {
                pan(e.getDeltaX(), e.getDeltaY());
            }
            e.consume();
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.clearSelection();
            } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.ADD || e.getCode() == KeyCode.EQUALS) {
                zoomIn();
            } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
                zoomOut();
            }
        });

        title.setText("mesh " + vm.plan().meshId());
        summary.textProperty().bind(vm.summaryProperty());
        updated.textProperty().bind(vm.updatedProperty());
        if (!forPicture) {
            vm.changeProperty().addListener(onChange);
            vm.selectionProperty().addListener(onSelection);
            vm.allDiscoveryLinksProperty().addListener(onFilter);
        } else {
            exporting = true;
            pseudoClassStateChanged(EXPORTING, true);
        }
        rebuild();
    }

    private void buildZoomBar() {
        zoomBar.getStyleClass().addAll("zoom-bar", LivePane.OVERLAY);
        zoomBar.setAlignment(Pos.CENTER);
        javafx.scene.control.Button out = zoomButton("zoom-out", org.kordamp.ikonli.materialdesign2.MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out (-, Ctrl+wheel)");
        out.setOnAction(e -> zoomOut());
        javafx.scene.control.Button fit = zoomButton("zoom-fit", org.kordamp.ikonli.materialdesign2.MaterialDesignF.FIT_TO_SCREEN_OUTLINE,
                "Fit to window; drag or scroll to move a drawing larger than the window");
        fit.setOnAction(e -> fitToWindow());
        javafx.scene.control.Button in = zoomButton("zoom-in", org.kordamp.ikonli.materialdesign2.MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in (+, Ctrl+wheel)");
        in.setOnAction(e -> zoomIn());
        zoomText.getStyleClass().add("zoom-text");
        zoomText.setId("zoom-text");
        zoomText.setMinWidth(Region.USE_PREF_SIZE);
        legendButton.setId("legend-button");
        legendButton.getStyleClass().addAll("flat", "button-icon", "zoom-button");
        legendButton.setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignM.MAP_LEGEND));
        legendButton.setFocusTraversable(false);
        legendButton.setAccessibleText("Legend");
        FlowPane copy = new FlowPane(16, 6);
        fillLegend(copy);
        copy.setPrefWrapLength(420);
        Tooltip legendTip = new Tooltip();
        legendTip.setGraphic(copy);
        legendTip.setShowDelay(javafx.util.Duration.millis(100));
        legendButton.setTooltip(legendTip);
        zoomBar.getChildren().addAll(legendButton, out, zoomText, in, fit);
    }

    private static javafx.scene.control.Button zoomButton(String id, org.kordamp.ikonli.Ikon icon, String tip) {
        javafx.scene.control.Button b = new javafx.scene.control.Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll("flat", "button-icon", "zoom-button");
        b.setTooltip(new javafx.scene.control.Tooltip(tip));
        b.setAccessibleText(tip);
        b.setFocusTraversable(false);
        return b;
    }

    private static Group layer() {
        Group g = new Group();
        g.setAutoSizeChildren(false);
        return g;
    }

    // Updating

    private void apply(TopologyChange change) {
        if (change.structureChanged()) {
            rebuild();
            return;
        }
        TopologyModel model = vm.topologyProperty().get();
        for (NetworkNode n : model.networks()) {
            if (change.touches(n.id())) {
                networks.get(n.name()).update(n);
                redrawn(n.id());
            }
        }
        for (ClusterNode c : model.clusters()) {
            if (change.touches(c.id())) {
                cards.get(c.name()).update(c);
                redrawn(c.id());
            }
        }
        for (GatewayNode g : model.gateways()) {
            if (change.touches(g.id())) {
                GatewayRail rail = rails.get(g.network());
                if (rail != null) {
                    rail.update(g);
                    redrawn(g.id());
                }
            }
        }
        for (DataPlaneLink l : model.dataPlaneLinks()) {
            if (change.touches(l.id())) {
                LinkNode node = dataLinks.get(l.id());
                if (node != null) {
                    node.setState(l.health(), dataPlaneText(l));
                    node.setBadgeAt(badgeAt(l));
                    redrawn(l.id());
                }
            }
        }
        syncDiscoveryLinks(false);
        updateHiddenLinks();
    }

    /** New nodes for everything and a new layout: the first model, or one whose boxes, cards or gateways differ. */
    private void rebuild() {
        TopologyModel model = vm.topologyProperty().get();
        for (Group g : List.of(boxLayer, dataLayer, discoveryLayer, headerLayer, cardLayer, railLayer, badgeLayer)) {
            g.getChildren().clear();
        }
        networks.clear();
        cards.clear();
        rails.clear();
        dataLinks.clear();
        discoveryLinks.clear();
        for (NetworkNode n : model.networks()) {
            NetworkBox box = new NetworkBox(n);
            networks.put(n.name(), box);
            boxLayer.getChildren().add(box.box);
            headerLayer.getChildren().add(box.header);
            List<GatewayNode> gateways = model.gatewaysOf(n.name());
            if (!gateways.isEmpty()) {
                GatewayRail rail = new GatewayRail(n.name(), gateways, cluster -> vm.select(Selection.gateway(cluster)));
                rails.put(n.name(), rail);
                railLayer.getChildren().add(rail);
            }
        }
        for (ClusterNode c : model.clusters()) {
            ClusterCard card = new ClusterCard(c);
            card.setOnMouseClicked(e -> {
                if (!e.isStillSincePress()) {
                    return; // the end of a drag that pans the drawing, not a click
                }
                vm.select(Selection.cluster(c.name()));
                card.requestFocus();
                e.consume();
            });
            card.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                    vm.select(Selection.cluster(c.name()));
                    e.consume();
                }
            });
            cards.put(c.name(), card);
            cardLayer.getChildren().add(card);
        }
        for (DataPlaneLink l : model.dataPlaneLinks()) {
            LinkNode node = new LinkNode("dataplane-" + l.from() + "-" + l.to(), "dataplane-link", false);
            node.setState(l.health(), dataPlaneText(l));
            node.setBadgeAt(badgeAt(l));
            dataLinks.put(l.id(), node);
            dataLayer.getChildren().add(node);
        }
        structureDirty = true;
        syncDiscoveryLinks(false);
        updateHiddenLinks();
        showSelection(vm.selectionProperty().get());
        showTraffic(traffic);
        requestLayout();
    }

    /** Lights the data-plane links as a traffic check found them: {@code (fromNetwork, toNetwork) -> style class or null}. */
    public void showTraffic(java.util.function.BiFunction<String, String, String> linkClass) {
        traffic = linkClass;
        for (DataPlaneLink l : vm.topologyProperty().get().dataPlaneLinks()) {
            LinkNode node = dataLinks.get(l.id());
            if (node != null) {
                node.getStyleClass().removeIf(c -> c.startsWith("traffic-"));
                String wanted = linkClass.apply(l.from(), l.to());
                if (wanted != null) {
                    node.getStyleClass().add(wanted);
                }
            }
        }
    }

    /**
     * Shows, hides and restyles discovery arrows to match what the view-model shows; routes the ones that appear. A node
     * once made is kept and hidden rather than removed: under churn the same links come and go, and a new node costs
     * its CSS from scratch.
     */
    private void syncDiscoveryLinks(boolean filterChanged) {
        List<DiscoveryLink> shown = vm.shownDiscoveryLinks();
        Set<String> ids = shown.stream().map(DiscoveryLink::id).collect(Collectors.toSet());
        discoveryLinks.forEach((id, node) -> {
            if (!ids.contains(id) && node.isShown()) {
                node.setShown(false);
                redrawn(id);
            }
        });
        for (DiscoveryLink l : shown) {
            LinkNode node = discoveryLinks.get(l.id());
            String text = discoveryText(l);
            boolean appears = node == null || !node.isShown();
            if (node == null) {
                node = new LinkNode("discovery-" + l.reader() + "-" + l.source(), "discovery-link", true);
                discoveryLinks.put(l.id(), node);
                discoveryLayer.getChildren().add(node);
                // the break symbol sits above the cards' layer so that no card hides it
                node.getChildren().remove(node.badge());
                badgeLayer.getChildren().add(node.badge());
            }
            if (appears || node.health() != l.health() || !text.equals(node.getAccessibleText())) {
                node.setState(l.health(), text);
                redrawn(l.id());
            }
            if (appears) {
                node.setShown(true);
                if (layout != null && !structureDirty) {
                    route(node, l);
                }
            }
        }
        if (filterChanged) {
            updateHiddenLinks();
            showSelection(vm.selectionProperty().get());
        }
    }

    private void updateHiddenLinks() {
        int hidden = vm.hiddenDiscoveryLinks();
        long healthy = vm.topologyProperty().get().discoveryLinks().stream().filter(l -> l.health() == Health.OK).count();
        long unknown = hidden - healthy;
        hiddenLinks.setText(hidden == 0 ? "" : "hidden: " + healthy + " ok" + (unknown > 0 ? ", " + unknown + " unknown" : "") + " discovery links");
        hiddenLinks.setVisible(hidden > 0);
        hiddenLinks.setManaged(hidden > 0);
    }

    private void showSelection(Selection selected) {
        Selection s = forPicture ? null : selected;
        cards.forEach((name, card) -> card.setSelected(s != null && s.kind() == Selection.Kind.CLUSTER && s.cluster().equals(name)));
        rails.values().forEach(r -> r.setSelected(s != null && s.kind() == Selection.Kind.GATEWAY ? s.cluster() : null));
        TopologyModel model = vm.topologyProperty().get();
        for (DiscoveryLink l : model.discoveryLinks()) {
            LinkNode node = discoveryLinks.get(l.id());
            if (node != null) {
                node.setRelated(s == null || s.kind() != Selection.Kind.CLUSTER ? null : l.reader().equals(s.cluster()) || l.source().equals(s.cluster()));
            }
        }
        for (DataPlaneLink l : model.dataPlaneLinks()) {
            LinkNode node = dataLinks.get(l.id());
            String network = s == null ? null : model.cluster(s.cluster()).map(ClusterNode::network).orElse(null);
            node.setRelated(s == null || s.kind() != Selection.Kind.GATEWAY ? null : l.from().equals(network) || l.to().equals(network));
        }
    }

    private void redrawn(String id) {
        redraws.merge(id, 1, Integer::sum);
    }

    // Layout

    /**
     * The drawing's own text size. The cards, rails and headers are laid out at this size whatever the window's text
     * size, so that their layout never breaks; the user's text size decides how much the whole drawing is scaled
     * ({@link #scaleForText}), so the drawing's text reads as large as the rest of the window.
     */
    static final double DRAWING_FONT = 14;
    /** While the picture for an export is taken: no focus or hover marks in it (see topology.css). */
    private static final javafx.css.PseudoClass EXPORTING = javafx.css.PseudoClass.getPseudoClass("exporting");
    /** The drawing is never scaled so far that its text gets smaller than this (px); it can be panned instead. */
    static final double MIN_TEXT_PX = 11;
    static final double MIN_ZOOM = 0.4;
    /** Below this height the view shows no caption on screen. */
    static final double SHORT_BELOW = 320;
    static final double MAX_ZOOM = 4;
    private static final double ZOOM_STEP = 1.25;

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        Insets in = getInsets();
        double innerW = Math.max(0, w - in.getLeft() - in.getRight());
        // on screen, the time of the last change goes when the caption has no room for it on its line (the toolbar's
        // heartbeat has it in its tooltip); the exported picture always has it
        boolean withTime = exporting || captionWidthWith(true) <= innerW || captionWidthWith(false) > innerW;
        if (updated.isManaged() != withTime) {
            updated.setManaged(withTime);
            updated.setVisible(withTime);
        }
        // a short view gives the caption's line to the drawing (the toolbar says the health; the export has the caption)
        boolean withCaption = exporting || h >= SHORT_BELOW;
        caption.setVisible(withCaption);
        double captionH = withCaption ? caption.prefHeight(innerW) : 0;
        caption.resizeRelocate(in.getLeft(), in.getTop(), innerW, captionH);
        // the legend takes the drawing's space only where there is enough of it; else it is behind the zoom bar's button
        double legendWanted = legend.prefHeight(innerW);
        boolean withLegend = exporting || h - captionH - legendWanted - in.getTop() - in.getBottom() >= Math.max(2.5 * legendWanted, 0.55 * h);
        legend.setVisible(withLegend);
        legendButton.setVisible(!withLegend);
        legendButton.setManaged(!withLegend);
        double legendH = withLegend ? legendWanted : 0;
        legend.resizeRelocate(in.getLeft(), h - in.getBottom() - legendH, innerW, legendH);
        double areaTop = in.getTop() + captionH;
        double areaW = Math.max(1, innerW);
        double areaH = Math.max(1, h - in.getBottom() - legendH - areaTop);
        clip.setWidth(w);
        clip.setHeight(h);
        viewport.resizeRelocate(in.getLeft(), areaTop, areaW, areaH);
        viewportClip.setWidth(areaW);
        viewportClip.setHeight(areaH);
        double unit = scaleForText();
        if (structureDirty || Math.abs(areaW - laidOutWidth) > 0.5 || Math.abs(areaH - laidOutHeight) > 0.5 || unit != laidOutUnit) {
            // the layout picks its arrangement in units of the user's text: "fits at scale 1" means "fits at the chosen text size"
            layout = TopologyLayout.compute(shapes(), areaW / unit, areaH / unit, cardSizes());
            laidOutWidth = areaW;
            laidOutHeight = areaH;
            laidOutUnit = unit;
            structureDirty = false;
            layouts++;
            place();
        }
        double s = shownScale();
        scale.setX(s);
        scale.setY(s);
        double dw = layout.width() * s;
        double dh = layout.height() * s;
        // centred while it fits; panned (within its bounds) once it is larger than the space
        panX = dw <= areaW || exporting ? 0 : Math.max(areaW - dw, Math.min(0, panX));
        panY = dh <= areaH || exporting ? 0 : Math.max(areaH - dh, Math.min(0, panY));
        canvas.setLayoutX(dw <= areaW ? (areaW - dw) / 2 : panX);
        canvas.setLayoutY(dh <= areaH ? (areaH - dh) / 2 : panY);
        zoomBar.setVisible(!exporting);
        double zw = zoomBar.prefWidth(-1);
        double zh = zoomBar.prefHeight(-1);
        zoomBar.resizeRelocate(areaW - zw - 2, areaH - zh - 2, zw, zh);
        zoomText.setText(Math.round(s / unit * 100) + " %");
    }

    private double captionWidthWith(boolean time) {
        double w = 0;
        int n = 0;
        for (Node c : caption.getChildren()) {
            if (c == updated ? time : c.isManaged()) {
                w += c.prefWidth(-1);
                n++;
            }
        }
        return w + caption.getHgap() * Math.max(0, n - 1);
    }

    /** Scale 1 draws the drawing's text at {@link #DRAWING_FONT}; this scale draws it at the window's text size. */
    double scaleForText() {
        double size = updated.getFont() == null ? DRAWING_FONT : updated.getFont().getSize();
        return size / DRAWING_FONT;
    }

    /** The scale that fits the space (never below readable text, see {@link #MIN_TEXT_PX}), times the user's zoom. */
    double shownScale() {
        double unit = scaleForText();
        if (exporting) {
            return unit;
        }
        double fit = layout.scale() * unit;
        double readable = Math.max(MIN_TEXT_PX, 0.7 * unit * DRAWING_FONT) / DRAWING_FONT;
        return Math.max(fit, readable) * zoom;
    }

    /** The zoom factor on top of fitting the window: 1 is "fit". */
    public double zoom() {
        return zoom;
    }

    public void zoomIn() {
        setZoom(zoom * ZOOM_STEP);
    }

    public void zoomOut() {
        setZoom(zoom / ZOOM_STEP);
    }

    /** Back to the scale that fits the window, not panned. */
    public void fitToWindow() {
        panX = 0;
        panY = 0;
        setZoom(1);
    }

    private void setZoom(double value) {
        double was = zoom;
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, value));
        if (was != zoom) {
            // zoom around the middle of what is shown
            double cx = viewport.getWidth() / 2;
            double cy = viewport.getHeight() / 2;
            double f = zoom / was;
            panX = cx - (cx - canvas.getLayoutX()) * f;
            panY = cy - (cy - canvas.getLayoutY()) * f;
            requestLayout();
        }
    }

    /** Moves the drawing by (dx, dy) pixels when it is larger than the space; a drawing that fits stays centred. */
    public void pan(double dx, double dy) {
        panX = canvas.getLayoutX() + dx;
        panY = canvas.getLayoutY() + dy;
        requestLayout();
    }

    /**
     * The picture for "Export PNG": the whole drawing at the window's text size (neither panned nor zoomed, whatever
     * the window shows), without the zoom buttons or the selection's highlight. FX thread; nothing of it reaches the
     * screen, the view is laid out as before right after.
     */
    public javafx.scene.image.WritableImage exportImage(double pngScale) {
        // a view of its own in a scene of its own: resizing this one would be undone by its parents before the picture
        TopologyView picture = new TopologyView(vm, true);
        picture.showTraffic(traffic);
        javafx.scene.layout.StackPane root = new javafx.scene.layout.StackPane(picture);
        root.getStylesheets().addAll(getStylesheets());
        // the window's text size and theme classes, from the nodes around this view
        for (javafx.scene.Parent p = getParent(); p != null; p = p.getParent()) {
            root.getStylesheets().addAll(0, p.getStylesheets());
            p.getStyleClass().stream().filter(c -> c.startsWith("text-size-")).findFirst().ifPresent(c -> root.getStyleClass().add(c));
        }
        root.setStyle("-fx-font-size: " + scaleForText() * DRAWING_FONT + "px;");
        // unmanaged in a Group: nothing resizes it back to a scene's size before the snapshot
        root.setManaged(false);
        root.resize(Math.max(getWidth(), 400), Math.max(getHeight(), 300));
        javafx.scene.Scene scene = new javafx.scene.Scene(new Group(root));
        if (getScene() != null) {
            scene.getStylesheets().setAll(getScene().getStylesheets());
        }
        root.applyCss();
        root.layout();
        Insets in = picture.getInsets();
        double unit = picture.scaleForText();
        // the arrangement for a landscape picture, whatever the window looks like now, drawn at the window's text size
        TopologyLayout.Result natural = TopologyLayout.compute(picture.shapes(), PICTURE_W, PICTURE_H, picture.cardSizes());
        double w = Math.max(PICTURE_MIN_W, natural.width() * unit + in.getLeft() + in.getRight());
        double innerW = w - in.getLeft() - in.getRight();
        double h = in.getTop() + picture.caption.prefHeight(innerW) + picture.legend.prefHeight(innerW) + in.getBottom() + natural.height() * unit + 4;
        root.resize(w, h);
        picture.resize(w, h);
        root.layout();
        javafx.scene.image.WritableImage image = TopologyPng.snapshot(picture, pngScale);
        picture.getChildren().clear();
        return image;
    }

    /** The space (in units of the window's text) the exported picture's arrangement is chosen for: a slide's shape. */
    private static final double PICTURE_W = 1280;
    private static final double PICTURE_H = 720;
    private static final double PICTURE_MIN_W = 720;

    /** The card size every card's text needs at the drawing's font. */
    private TopologyLayout.CardSizes cardSizes() {
        double rw = 0;
        double rh = 0;
        double cw = 0;
        double ch = 0;
        for (ClusterCard card : cards.values()) {
            card.applyCss();
            double[] regular = card.wantedSize(false);
            double[] compact = card.wantedSize(true);
            rw = Math.max(rw, regular[0]);
            rh = Math.max(rh, regular[1]);
            cw = Math.max(cw, compact[0]);
            ch = Math.max(ch, compact[1]);
        }
        // very long names are cut with "…" (the tooltip and the details have them whole) rather than make every card huge
        double most = 2.2 * TopologyLayout.Density.REGULAR.cardWidth();
        return new TopologyLayout.CardSizes(Math.min(rw, most), rh, Math.min(cw, most), ch);
    }

    private List<NetworkShape> shapes() {
        TopologyModel model = vm.topologyProperty().get();
        return model.networks().stream().map(n -> {
            GatewayRail rail = rails.get(n.name());
            double railWidth = rail == null ? TopologyLayout.RAIL_W : rail.wantedWidth();
            return new NetworkShape(n.name(), n.clusters().size(), model.gatewaysOf(n.name()).size(), railWidth);
        }).toList();
    }

    /** Puts every node where the layout says and routes every link. */
    private void place() {
        TopologyModel model = vm.topologyProperty().get();
        for (NetworkNode n : model.networks()) {
            NetworkPlacement p = layout.network(n.name());
            NetworkBox box = networks.get(n.name());
            box.box.resizeRelocate(p.box().x(), p.box().y(), p.box().w(), p.box().h());
            Rect hr = p.header();
            box.header.resizeRelocate(hr.x() + TopologyLayout.BOX_PAD - 4, hr.y() + 6, Math.max(0, hr.w() - 2 * TopologyLayout.BOX_PAD + 8), hr.h() - 10);
            for (int i = 0; i < n.clusters().size(); i++) {
                Rect r = p.cards().get(i);
                ClusterCard card = cards.get(n.clusters().get(i));
                card.setCompact(layout.density() == TopologyLayout.Density.COMPACT);
                card.resizeRelocate(r.x(), r.y(), r.w(), r.h());
            }
            GatewayRail rail = rails.get(n.name());
            if (rail != null && p.rail() != null) {
                rail.resizeRelocate(p.rail().x(), p.rail().y(), p.rail().w(), p.rail().h());
            }
        }
        routeDataPlane(model);
        for (DiscoveryLink l : vm.shownDiscoveryLinks()) {
            LinkNode node = discoveryLinks.get(l.id());
            if (node != null && node.isShown()) {
                route(node, l);
            }
        }
    }

    private void routeDataPlane(TopologyModel model) {
        // spread each rail's links along its outer edge, ordered by where the other end is, so that they do not cross there
        Map<String, List<DataPlaneLink>> byNetwork = new HashMap<>();
        for (DataPlaneLink l : model.dataPlaneLinks()) {
            byNetwork.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l);
            byNetwork.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(l);
        }
        Map<String, Point> ends = new HashMap<>();
        byNetwork.forEach((network, links) -> {
            NetworkPlacement p = layout.network(network);
            if (p.rail() == null) {
                return;
            }
            // links to the left leave from the left part of the rail, links to the right from the right part; on each side
            // the longest leaves furthest out, so that the arcs nest instead of crossing
            double here = p.rail().centerX();
            List<DataPlaneLink> ordered = new ArrayList<>(links);
            ordered.sort(Comparator.comparing((DataPlaneLink l) -> otherX(l, network) >= here)
                    .thenComparing(Comparator.comparingDouble((DataPlaneLink l) -> otherX(l, network)).reversed()));
            for (int i = 0; i < ordered.size(); i++) {
                Rect r = p.rail();
                double x = r.x() + r.w() * (0.2 + 0.6 * (i + 1) / (ordered.size() + 1));
                double y = p.railSide() == RailSide.BOTTOM ? r.maxY() : r.y();
                ends.put(ordered.get(i).id() + "@" + network, new Point(x, y));
            }
        });
        List<String> order = model.networks().stream().map(NetworkNode::name).toList();
        for (DataPlaneLink l : model.dataPlaneLinks()) {
            Point a = ends.get(l.id() + "@" + l.from());
            Point b = ends.get(l.id() + "@" + l.to());
            LinkNode node = dataLinks.get(l.id());
            if (a == null || b == null || node == null) {
                continue;
            }
            NetworkPlacement pa = layout.network(l.from());
            NetworkPlacement pb = layout.network(l.to());
            int dirA = pa.railSide() == RailSide.BOTTOM ? 1 : -1;
            int dirB = pb.railSide() == RailSide.BOTTOM ? 1 : -1;
            int distance = Math.abs(bankIndex(order, pa) - bankIndex(order, pb));
            node.setCurve(LinkRouting.dataPlane(a, dirA, b, dirB, TopologyLayout.arcDepth(distance)));
        }
    }

    private int bankIndex(List<String> order, NetworkPlacement p) {
        int i = 0;
        for (NetworkPlacement other : layout.networks()) {
            if (other.bank() == p.bank()) {
                if (other.network().equals(p.network())) {
                    return i;
                }
                i++;
            }
        }
        return order.indexOf(p.network());
    }

    private double otherX(DataPlaneLink l, String network) {
        String other = l.from().equals(network) ? l.to() : l.from();
        NetworkPlacement p = layout.network(other);
        return p.rail() != null ? p.rail().centerX() : p.box().centerX();
    }

    private void route(LinkNode node, DiscoveryLink l) {
        Rect from = cardRect(l.reader());
        Rect to = cardRect(l.source());
        if (from == null || to == null) {
            return;
        }
        List<Rect> obstacles = new ArrayList<>();
        for (NetworkPlacement p : layout.networks()) {
            for (Rect r : p.cards()) {
                if (!r.equals(from) && !r.equals(to)) {
                    obstacles.add(r);
                }
            }
            if (p.rail() != null) {
                obstacles.add(p.rail());
            }
            NetworkBox box = networks.get(p.network());
            if (box != null) {
                // the network's name and regions: a link may pass behind them, but better not
                Rect hr = p.header();
                obstacles.add(new Rect(hr.x() + TopologyLayout.BOX_PAD, hr.y() + 6, Math.min(hr.w() - 2 * TopologyLayout.BOX_PAD, box.textWidth()), hr.h() - 10));
            }
        }
        node.setCurve(LinkRouting.discovery(from, to, obstacles, new Rect(0, 0, layout.width(), layout.height())));
    }

    private Rect cardRect(String cluster) {
        TopologyModel model = vm.topologyProperty().get();
        for (NetworkNode n : model.networks()) {
            int i = n.clusters().indexOf(cluster);
            if (i >= 0) {
                return layout.network(n.name()).cards().get(i);
            }
        }
        return null;
    }

    // Legend

    private void buildLegend() {
        legend.getStyleClass().add("topology-legend");
        fillLegend(legend);
    }

    private static void fillLegend(FlowPane legend) {
        legend.setAlignment(Pos.CENTER_LEFT);
        for (Health h : List.of(Health.OK, Health.WARNING, Health.ERROR, Health.OFFLINE, Health.UNKNOWN)) {
            Label item = new Label(h.label(), HealthIcons.icon(h));
            item.getStyleClass().add("legend-item");
            legend.getChildren().add(item);
        }
        legend.getChildren().add(legendLine("dataplane-link", Health.OK, false, "data plane :15443"));
        legend.getChildren().add(legendLine("discovery-link", Health.OK, true, "discovery: A reads B"));
        Label broken = legendLine("discovery-link", Health.ERROR, true, "broken");
        FontIcon off = new FontIcon(MaterialDesignL.LINK_VARIANT_OFF);
        off.getStyleClass().add("legend-break-icon");
        ((HBox) broken.getGraphic()).getChildren().add(off);
        legend.getChildren().add(broken);
    }

    private static Label legendLine(String kind, Health health, boolean arrow, String text) {
        Group sample = new Group();
        sample.getStyleClass().addAll("link", kind, health.styleClass());
        if (health == Health.ERROR) {
            sample.getStyleClass().add("broken");
        }
        Line line = new Line(0, 0, 34, 0);
        line.getStyleClass().add("link-line");
        sample.getChildren().add(line);
        if (arrow) {
            Polygon head = new Polygon(40, 0, 30, -5, 30, 5);
            head.getStyleClass().add("link-arrow");
            sample.getChildren().add(head);
        }
        HBox graphic = new HBox(4, sample);
        graphic.setAlignment(Pos.CENTER_LEFT);
        Label label = new Label(text, graphic);
        label.getStyleClass().add("legend-item");
        return label;
    }

    // For tests and the exporter

    TopologyLayout.Result currentLayout() {
        return layout;
    }

    long layoutCount() {
        return layouts;
    }

    ClusterCard card(String cluster) {
        return cards.get(cluster);
    }

    GatewayRail.Row gatewayRow(String cluster) {
        return rails.values().stream().map(r -> r.row(cluster)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The arrow drawn for "reader reads source", or null when none is drawn. */
    LinkNode discoveryLink(String reader, String source) {
        LinkNode node = discoveryLinks.get("discovery:" + reader + ">" + source);
        return node != null && node.isShown() ? node : null;
    }

    LinkNode dataPlaneLink(String from, String to) {
        LinkNode n = dataLinks.get("dataplane:" + from + "|" + to);
        return n != null ? n : dataLinks.get("dataplane:" + to + "|" + from);
    }

    Map<String, Integer> redraws() {
        return redraws;
    }

    NetworkBox networkBox(String network) {
        return networks.get(network);
    }

    /** Every node the canvas draws, for overlap checks. */
    List<Node> drawnNodes() {
        List<Node> all = new ArrayList<>();
        for (Group g : List.of(boxLayer, dataLayer, discoveryLayer, headerLayer, cardLayer, railLayer, badgeLayer)) {
            all.addAll(g.getChildren());
        }
        return all;
    }

    /** The symbol of a data-plane link with a problem sits near the network that causes it. */
    private static double badgeAt(DataPlaneLink l) {
        return l.culprit().equals(l.from()) ? 0.2 : l.culprit().equals(l.to()) ? 0.8 : 0.5;
    }

    private static String dataPlaneText(DataPlaneLink l) {
        return "data plane " + l.from() + " ⇄ " + l.to() + " (east-west gateways, port 15443): " + l.health().label()
                + (l.reason().isEmpty() ? "" : "\n" + l.reason());
    }

    private static String discoveryText(DiscoveryLink l) {
        return "discovery: " + l.reader() + " reads " + l.source() + " (istio-remote-secret-" + l.source() + " in " + l.reader() + "): "
                + switch (l.cell()) {
                    case PRESENT -> "present";
                    case MISSING -> "MISSING";
                    case EXTRA -> "extra";
                    default -> l.health().label();
                } + (l.reason().isEmpty() ? "" : "\n" + l.reason());
    }
}
