package dev.crossmesh.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * Walks a scene's graph as it is shown and lists what a user would see as broken layout:
 * <ul>
 * <li>a label or button whose text is cut (with "…", or shorter than its text) without the whole text in a tooltip of
 * it or of a node around it; an ellipsis by design has that tooltip;</li>
 * <li>text drawn outside its own control (a wrapped label taller than its box), or a control sticking out of the
 * box it sits in, or out of the window;</li>
 * <li>a text field too narrow for its prompt text;</li>
 * <li>two controls (labels, buttons, fields) on top of each other;</li>
 * <li>a list or table squeezed to fewer than two whole rows while it has more.</li>
 * </ul>
 * Scrolled content (inside a ScrollPane or a list/table's virtual flow) may lie outside its viewport by design, and a
 * node with the style class {@value #OVERLAY} (a panel or bar that lies over other content on purpose) is not counted
 * as overlapping what it covers. Call it on the FX thread.
 */
public final class LayoutAudit {
    /** The style class of a node that lies over other content on purpose. */
    public static final String OVERLAY = "overlay-layer";
    private static final double TOLERANCE = 1.5;

    private final List<String> problems = new ArrayList<>();
    private final List<Node> controls = new ArrayList<>();
    private final Predicate<Node> skipOverlapsIn;

    private LayoutAudit(Predicate<Node> skipOverlapsIn) {
        this.skipOverlapsIn = skipOverlapsIn;
    }

    /** Every problem found in the scene, one line each; empty when the layout is clean. */
    public static List<String> of(Scene scene) {
        return of(scene, n -> false);
    }

    /**
     * @param skipOverlapsIn subtrees whose nodes are not checked for overlaps with each other (a drawing whose own
     *                       geometry tests check it, where links cross by design); cutting is still checked there
     */
    public static List<String> of(Scene scene, Predicate<Node> skipOverlapsIn) {
        LayoutAudit audit = new LayoutAudit(skipOverlapsIn);
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        audit.walk(scene.getRoot(), scene, false, false);
        audit.overlaps();
        return audit.problems;
    }

    private void walk(Node node, Scene scene, boolean scrolled, boolean noOverlaps) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        boolean inScroll = scrolled || node instanceof ScrollPane || node.getStyleClass().contains("virtual-flow");
        boolean skip = noOverlaps || skipOverlapsIn.test(node);
        if (node instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            checkRowsShown(flow);
        }
        if (node instanceof Labeled labeled) {
            checkLabeled(labeled, scene, scrolled);
            if (!skip && !inOverlay(node)) {
                controls.add(node);
            }
        } else if (node instanceof TextInputControl field) {
            checkField(field);
            if (!skip && !inOverlay(node)) {
                controls.add(node);
            }
        }
        if (node instanceof Labeled || node instanceof TextInputControl) {
            // their skins' insides (the text, the graphic) are checked as part of them
            if (!(node instanceof javafx.scene.control.TitledPane)) {
                return;
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, scene, inScroll, skip);
            }
        }
    }

    private void checkLabeled(Labeled labeled, Scene scene, boolean scrolled) {
        String text = labeled.getText();
        Bounds b = labeled.localToScene(labeled.getLayoutBounds());
        if (b.getWidth() <= 0 || b.getHeight() <= 0) {
            return;
        }
        boolean hasText = text != null && !text.isBlank() && labeled.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY;
        if (labeled.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY && text != null && !text.isBlank() && !tooltipHas(labeled, text)) {
            problems.add(describe(labeled) + ": shows only its icon and no tooltip says \"" + text + "\"");
        }
        if (hasText) {
            Text shown = shownText(labeled);
            if (shown != null) {
                String drawn = shown.getText();
                boolean cut = drawn != null && !normalise(drawn).equals(normalise(text));
                if (cut && !tooltipHas(labeled, text)) {
                    problems.add(describe(labeled) + ": text cut to \"" + drawn + "\" and no tooltip has it whole");
                }
                Bounds t = shown.localToScene(shown.getLayoutBounds());
                if (!cut && labeled.isWrapText() && t.getMaxY() > b.getMaxY() + TOLERANCE && !tooltipHas(labeled, text)) {
                    problems.add(describe(labeled) + ": wrapped text is taller than its box (" + (int) t.getHeight() + " > " + (int) b.getHeight() + " px)");
                }
            }
        }
        checkInsideParent(labeled, b, scrolled);
        if (!scrolled && !clippedByAncestor(labeled)) {
            checkInsideWindow(labeled, b, scene);
        }
    }

    /** A list or table squeezed to a line or two while it has more to show. */
    private void checkRowsShown(javafx.scene.control.skin.VirtualFlow<?> flow) {
        int count = flow.getCellCount();
        if (count < 2 || flow.getHeight() <= 0) {
            return;
        }
        Bounds area = flow.localToScene(flow.getLayoutBounds());
        int whole = 0;
        for (int i = 0; i < count; i++) {
            javafx.scene.control.IndexedCell<?> cell = flow.getVisibleCell(i);
            if (cell != null && cell.isVisible()) {
                Bounds b = cell.localToScene(cell.getLayoutBounds());
                if (b.getMinY() >= area.getMinY() - TOLERANCE && b.getMaxY() <= area.getMaxY() + TOLERANCE) {
                    whole++;
                }
            }
        }
        // "squeezed to one line": two whole rows at least (a list of tall, wrapped entries may show no more in a small panel)
        int wanted = Math.min(2, count);
        if (whole < wanted) {
            Node owner = flow.getParent() == null ? flow : flow.getParent();
            while (owner != null && !(owner instanceof Control)) {
                owner = owner.getParent();
            }
            problems.add(describe(owner == null ? flow : owner) + ": shows " + whole + " whole rows of " + count + " (fewer than " + wanted + ")");
        }
    }

    private void checkField(TextInputControl field) {
        String prompt = field.getPromptText();
        if ((field.getText() == null || field.getText().isEmpty()) && prompt != null && !prompt.isBlank()) {
            Text measure = new Text(prompt);
            measure.setFont(field.getFont());
            double room = field.getWidth() - field.snappedLeftInset() - field.snappedRightInset();
            if (measure.getLayoutBounds().getWidth() > room + TOLERANCE && !tooltipHas(field, prompt)) {
                problems.add(describe(field) + ": prompt \"" + prompt + "\" needs " + (int) measure.getLayoutBounds().getWidth() + " px, the field has " + (int) room);
            }
        }
    }

    /** A control drawn beyond the region it sits in ("synced" below its card). */
    private void checkInsideParent(Node node, Bounds b, boolean scrolled) {
        Parent parent = node.getParent();
        while (parent != null && !(parent instanceof Region)) {
            parent = parent.getParent();
        }
        if (parent == null || scrolled || parent instanceof ScrollPane || parent.getStyleClass().contains("virtual-flow")
                || parent.getStyleClass().contains("clipped-container") || parent.getStyleClass().contains("sheet")) {
            return;
        }
        Bounds p = parent.localToScene(parent.getLayoutBounds());
        if (p.getWidth() <= 0 || p.getHeight() <= 0) {
            return;
        }
        if (b.getMinX() < p.getMinX() - TOLERANCE || b.getMaxX() > p.getMaxX() + TOLERANCE || b.getMinY() < p.getMinY() - TOLERANCE
                || b.getMaxY() > p.getMaxY() + TOLERANCE) {
            if (!(node instanceof Labeled l && tooltipHas(l, l.getText()) && clippedByAncestor(node))) {
                problems.add(describe(node) + ": drawn outside " + describe(parent) + " (" + bounds(b) + " not in " + bounds(p) + ")");
            }
        }
    }

    private void checkInsideWindow(Node node, Bounds b, Scene scene) {
        if (b.getMinX() < -TOLERANCE || b.getMinY() < -TOLERANCE || b.getMaxX() > scene.getWidth() + TOLERANCE || b.getMaxY() > scene.getHeight() + TOLERANCE) {
            problems.add(describe(node) + ": outside the window (" + bounds(b) + ", window " + (int) scene.getWidth() + "x" + (int) scene.getHeight() + ")");
        }
    }

    private void overlaps() {
        List<Bounds> bounds = new ArrayList<>();
        for (Node n : controls) {
            bounds.add(visibleBounds(n));
        }
        for (int i = 0; i < controls.size(); i++) {
            for (int j = i + 1; j < controls.size(); j++) {
                Bounds a = bounds.get(i);
                Bounds c = bounds.get(j);
                double w = Math.min(a.getMaxX(), c.getMaxX()) - Math.max(a.getMinX(), c.getMinX());
                double h = Math.min(a.getMaxY(), c.getMaxY()) - Math.max(a.getMinY(), c.getMinY());
                if (w > TOLERANCE && h > TOLERANCE && !related(controls.get(i), controls.get(j)) && a.getWidth() > 0 && c.getWidth() > 0) {
                    problems.add(describe(controls.get(i)) + " and " + describe(controls.get(j)) + " overlap (" + (int) w + "x" + (int) h + " px)");
                }
            }
        }
    }

    /** The part of a node its ancestors' clips let through (a table row half out of its viewport), in the scene. */
    private static Bounds visibleBounds(Node node) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        double minX = b.getMinX();
        double minY = b.getMinY();
        double maxX = b.getMaxX();
        double maxY = b.getMaxY();
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n.getClip() != null) {
                Bounds c = n.localToScene(n.getClip().getBoundsInParent());
                minX = Math.max(minX, c.getMinX());
                minY = Math.max(minY, c.getMinY());
                maxX = Math.min(maxX, c.getMaxX());
                maxY = Math.min(maxY, c.getMaxY());
            }
        }
        return new javafx.geometry.BoundingBox(minX, minY, Math.max(0, maxX - minX), Math.max(0, maxY - minY));
    }

    private static boolean related(Node a, Node b) {
        for (Node n = a; n != null; n = n.getParent()) {
            if (n == b) {
                return true;
            }
        }
        for (Node n = b; n != null; n = n.getParent()) {
            if (n == a) {
                return true;
            }
        }
        return false;
    }

    private static boolean inOverlay(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains(OVERLAY)) {
                return true;
            }
        }
        return false;
    }

    /** A node inside a region that clips it (a panned drawing): cut at that edge by design. */
    private static boolean clippedByAncestor(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n.getClip() != null) {
                return true;
            }
        }
        return false;
    }

    /** The Text node a Labeled's skin draws, or null when it has none. */
    private static Text shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            // the skin's text, not an icon font's glyph (Ikonli's FontIcon is a Text too)
            if (child instanceof Text t && t.isVisible() && t.getStyleClass().contains("text")) {
                return t;
            }
        }
        return null;
    }

    /** Whether a tooltip on the node, or on a node around it, says the whole text. */
    private static boolean tooltipHas(Node node, String text) {
        String wanted = normalise(text);
        for (Node n = node; n != null; n = n.getParent()) {
            Tooltip tip = n instanceof Control c ? c.getTooltip() : null;
            if (tip == null && n.getProperties().get("javafx.scene.control.Tooltip") instanceof Tooltip installed) {
                tip = installed;
            }
            if (tip != null && (normalise(tip.getText()).contains(wanted) || tipGraphicHas(tip, wanted))) {
                return true;
            }
        }
        return false;
    }

    private static boolean tipGraphicHas(Tooltip tip, String wanted) {
        return tip.getGraphic() instanceof Labeled l && normalise(l.getText()).contains(wanted);
    }

    private static String normalise(String s) {
        return s == null ? "" : s.replace("\u200B", "").replaceAll("\\s+", " ").replace("_", "").trim();
    }

    private static String describe(Node n) {
        String kind = n.getClass().getSimpleName();
        String id = n.getId() == null ? "" : "#" + n.getId();
        String text = n instanceof Labeled l && l.getText() != null ? " \"" + shorten(l.getText()) + "\"" : "";
        if (n instanceof TextInputControl f) {
            text = " [" + shorten(f.getText()) + "|" + shorten(f.getPromptText()) + "]";
        }
        return kind + id + text;
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String bounds(Bounds b) {
        return (int) b.getMinX() + "," + (int) b.getMinY() + " " + (int) b.getWidth() + "x" + (int) b.getHeight();
    }
}
