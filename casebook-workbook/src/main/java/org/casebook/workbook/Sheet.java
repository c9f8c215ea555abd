package org.casebook.workbook;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One table of the workbook, whatever its format: a CSV file or an .xlsx sheet. {@code name} is
 * how issues and sources name it ({@code measurements.csv} or {@code measurements}); {@code
 * columns} are the header's lower-case column names; completely empty rows are already dropped.
 */
record Sheet(String name, List<String> columns, List<SheetRow> rows)
{
    Sheet
    {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }
}
