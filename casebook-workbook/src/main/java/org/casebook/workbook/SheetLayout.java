package org.casebook.workbook;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The columns of one sheet: the required ones (marked * in docs/workbook.md) and the optional
 * ones. Every sheet also accepts an optional {@code source} column.
 */
record SheetLayout(String baseName, List<String> required, List<String> optional, boolean hasSource)
{
    static final String SOURCE = "source";

    SheetLayout(String baseName, List<String> required, List<String> optional)
    {
        this(baseName, required, optional, true);
    }

    SheetLayout
    {
        requireNonNull(baseName, "baseName is null");
        required = List.copyOf(requireNonNull(required, "required is null"));
        optional = List.copyOf(requireNonNull(optional, "optional is null"));
    }

    /** Every column in the written order, {@code source} last. */
    List<String> columns()
    {
        List<String> columns = new ArrayList<>(required);
        columns.addAll(optional);
        if (hasSource) {
            columns.add(SOURCE);
        }
        return columns;
    }

    /**
     * Reports missing required columns (errors) and unknown columns (warnings).
     *
     * @return whether every required column is present, so the rows can be read
     */
    boolean checkColumns(Sheet sheet, ImportIssues issues)
    {
        boolean complete = true;
        for (String column : required) {
            if (!sheet.columns().contains(column)) {
                issues.error(sheet.name(), 0, column, null, "required column missing");
                complete = false;
            }
        }
        List<String> known = columns();
        for (String column : sheet.columns()) {
            if (!known.contains(column)) {
                issues.warning(sheet.name(), 0, column, null, "unknown column ignored; known columns: " + String.join(", ", known));
            }
        }
        return complete;
    }
}
