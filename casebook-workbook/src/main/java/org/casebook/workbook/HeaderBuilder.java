package org.casebook.workbook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns a header row into column names, reporting blank-free duplicates as errors. */
final class HeaderBuilder
{
    private HeaderBuilder() {}

    /** Lower-case, stripped names; a blank header cell gives null (its column is ignored). */
    static List<String> columns(String sheet, List<String> headerCells, ImportIssues issues)
    {
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String cell : headerCells) {
            String name = cell == null ? "" : cell.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                columns.add(null);
            }
            else if (!seen.add(name)) {
                issues.error(sheet, 0, name, cell.strip(), "column appears twice in the header");
                columns.add(null);
            }
            else {
                columns.add(name);
            }
        }
        return columns;
    }
}
