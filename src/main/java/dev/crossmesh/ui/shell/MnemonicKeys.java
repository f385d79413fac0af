package dev.crossmesh.ui.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.Mnemonic;

/**
 * Alt + letter for the wizard's pages. JavaFX keeps a mnemonic per written letter and, on a key press, looks at the
 * first letter that matches only: "Start _demo clusters" (d) on a hidden page then hid "_Dry run" (D) on the page
 * shown, and Alt+D merely moved the focus. This looks at every mnemonic of the key, in either case, on the nodes
 * shown: one target is pressed (a button, a check box, a radio button) or focused (a field a label names); several
 * take the focus in turn. The menu bar's own letters are left to it.
 */
final class MnemonicKeys {
    private MnemonicKeys() {
    }

    static void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!e.isAltDown() || e.isControlDown() || e.isMetaDown() || !e.getCode().isLetterKey()) {
                return;
            }
            List<Mnemonic> targets = new ArrayList<>();
            for (Map.Entry<KeyCombination, javafx.collections.ObservableList<Mnemonic>> entry : scene.getMnemonics().entrySet()) {
                if (entry.getKey().match(e)) {
                    entry.getValue().stream().filter(m -> shown(m.getNode()) && !m.getNode().isDisabled())
                            .filter(m -> targets.stream().noneMatch(t -> t.getNode() == m.getNode())).forEach(targets::add);
                }
            }
            if (targets.isEmpty() || targets.stream().anyMatch(m -> inMenuBar(m.getNode()))) {
                return;
            }
            e.consume();
            if (targets.size() == 1) {
                Node node = targets.get(0).getNode();
                if (node instanceof ButtonBase) {
                    targets.get(0).fire();
                } else {
                    node.requestFocus();
                }
                return;
            }
            Node focus = scene.getFocusOwner();
            int at = -1;
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).getNode() == focus) {
                    at = i;
                }
            }
            targets.get((at + 1) % targets.size()).getNode().requestFocus();
        });
    }

    /** In the scene and neither it nor a parent hidden: hidden wizard pages keep their nodes (and mnemonics). */
    private static boolean shown(Node node) {
        if (node == null || node.getScene() == null) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean inMenuBar(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof MenuBar) {
                return true;
            }
        }
        return false;
    }
}
