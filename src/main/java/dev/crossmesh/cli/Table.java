package dev.crossmesh.cli;

import java.util.List;

/** Columns padded to their widest cell, as kubectl prints tables. */
final class Table {
    private Table() {
    }

    static void print(Terminal terminal, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
            }
            terminal.println(line.toString().stripTrailing());
        }
    }
}
