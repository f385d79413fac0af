package dev.crossmesh.ui.core;

import java.util.function.Function;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Column widths that follow the text size: no column gets narrower than its header, and a column can be asked to keep
 * its widest value whole. Applied on every layout of the table, so it follows the View menu's text size and the rows.
 */
public final class ColumnFit {
    private ColumnFit() {
    }

    /**
     * @param keepWhole the column whose values must never be cut (a name), and what each row shows in it plus the
     *                  room its cell adds around the text, in em; null for none
     */
    public static <S> void install(TableView<S> table, TableColumn<S, ?> keepWhole, Function<S, String> value, double extraEm) {
        table.needsLayoutProperty().addListener((obs, was, needs) -> {
            if (!needs) {
                fit(table, keepWhole, value, extraEm);
            }
        });
    }

    private static <S> void fit(TableView<S> table, TableColumn<S, ?> keepWhole, Function<S, String> value, double extraEm) {
        Font font = font(table);
        if (font == null) {
            return;
        }
        Font bold = Font.font(font.getFamily(), FontWeight.BOLD, font.getSize());
        for (TableColumn<S, ?> column : table.getColumns()) {
            double header = Math.ceil(width(column.getText(), bold) + font.getSize() * 1.4);
            double min = Math.max(column.getMinWidth(), header);
            if (column == keepWhole && value != null) {
                double widest = 0;
                for (S row : table.getItems()) {
                    widest = Math.max(widest, width(value.apply(row), bold));
                }
                min = Math.max(header, Math.ceil(widest + extraEm * font.getSize()));
            }
            if (Math.abs(column.getMinWidth() - min) > 0.5) {
                column.setMinWidth(min);
                if (column.getPrefWidth() < min) {
                    column.setPrefWidth(min);
                }
            }
        }
        // wider than the table: the other columns give way in proportion, down to their minimum, so that the last ones
        // stay in view instead of being pushed off the right edge
        double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - font.getSize();
        double total = table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        if (room > 0 && total > room + 1) {
            double slack = 0;
            for (TableColumn<S, ?> c : table.getColumns()) {
                if (c != keepWhole) {
                    slack += Math.max(0, c.getWidth() - c.getMinWidth());
                }
            }
            double cut = Math.min(slack, total - room);
            if (slack > 0 && cut > 0.5) {
                for (TableColumn<S, ?> c : table.getColumns()) {
                    if (c != keepWhole) {
                        double give = (c.getWidth() - c.getMinWidth()) / slack * cut;
                        c.setPrefWidth(Math.max(c.getMinWidth(), c.getWidth() - give));
                    }
                }
            }
        }
    }

    private static Font font(TableView<?> table) {
        Node header = table.lookup(".column-header .label");
        return header instanceof Labeled l ? l.getFont() : null;
    }

    private static double width(String text, Font font) {
        Text t = new Text(text == null ? "" : text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
