package org.casebook.workbook;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One data row of a sheet: its number (1 = the first row under the header) and its cells as
 * stripped text by the lower-case column name. An empty or whitespace-only cell is absent.
 *
 * <p>A row lives only while it is validated: its cells are an array beside the sheet's one
 * column index, not a map per row (a 100,000-patient workbook has six million rows).
 */
final class SheetRow
{
    private final int number;
    private final Map<String, Integer> columnIndex;
    private final String[] cells;

    /**
     * @param columnIndex each column's position in {@code cells}
     * @param cells the stripped text of each cell, null when empty; owned by the row from now on
     */
    SheetRow(int number, Map<String, Integer> columnIndex, String[] cells)
    {
        this.number = number;
        this.columnIndex = requireNonNull(columnIndex, "columnIndex is null");
        this.cells = requireNonNull(cells, "cells is null");
    }

    int number()
    {
        return number;
    }

    /** The cell's text, or null when the cell is empty or the column absent. */
    String text(String column)
    {
        Integer index = columnIndex.get(column);
        return index == null ? null : cells[index];
    }

    boolean isEmpty()
    {
        for (String cell : cells) {
            if (cell != null) {
                return false;
            }
        }
        return true;
    }
}
