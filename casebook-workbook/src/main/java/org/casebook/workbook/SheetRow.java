package org.casebook.workbook;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One data row of a sheet: its number (1 = the first row under the header) and its cells as
 * stripped text keyed by the lower-case column name. An empty or whitespace-only cell is absent.
 */
record SheetRow(int number, Map<String, String> cells)
{
    SheetRow
    {
        cells = Map.copyOf(requireNonNull(cells, "cells is null"));
    }

    /** The cell's text, or null when the cell is empty or the column absent. */
    String text(String column)
    {
        return cells.get(column);
    }

    boolean isEmpty()
    {
        return cells.isEmpty();
    }
}
