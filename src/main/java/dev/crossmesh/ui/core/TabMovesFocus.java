package dev.crossmesh.ui.core;

import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Makes Tab and Shift+Tab leave a text area as they leave a text field, instead of typing a tab character (a
 * keyboard trap): none of the wizard's multi-line fields takes tabs. The text area's own Ctrl+Tab moves the focus,
 * so Tab is passed on as that.
 */
public final class TabMovesFocus {
    private TabMovesFocus() {
    }

    public static void install(TextArea area) {
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                e.consume();
                area.fireEvent(new KeyEvent(e.getSource(), e.getTarget(), e.getEventType(), e.getCharacter(), e.getText(), e.getCode(),
                        e.isShiftDown(), true, false, false));
            }
        });
    }
}
