package org.casebook.report.table;

import java.util.ArrayList;
import java.util.List;

/**
 * Leaves out the columns of a per-patient table that are empty for every patient (every cell
 * {@link Formats#MISSING} or blank), so that a large series' table is not mostly dashes. The first
 * column (the patient) always stays; a note says which columns were left out.
 */
public final class EmptyColumns
{
    private EmptyColumns() {}

    public static ReportTable drop(ReportTable table)
    {
        return drop(table, "patient");
    }

    /** As {@link #drop(ReportTable)} for a table whose rows are each a {@code rowKind} (e.g. "event"), named so in the note. */
    public static ReportTable drop(ReportTable table, String rowKind)
    {
        List<Integer> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        // one pass over the rows: a per-patient table's rows are made as they are read
        boolean[] filled = new boolean[table.columns().size()];
        for (List<String> row : table.rows()) {
            for (int column = 0; column < filled.length; column++) {
                filled[column] |= !isEmpty(row.get(column));
            }
        }
        for (int column = 0; column < table.columns().size(); column++) {
            boolean empty = !table.rows().isEmpty() && !filled[column];
            if (column == 0 || !empty) {
                kept.add(column);
            }
            else {
                dropped.add(table.columns().get(column));
            }
        }
        if (dropped.isEmpty()) {
            return table;
        }
        ReportTable.Builder builder = new ReportTable.Builder(table.id(), table.title(), kept.stream().map(table.columns()::get).toList());
        if (table.grouped()) {
            builder.grouped();
        }
        if (table.rows() instanceof ReportTable.ComputedRows rows) {
            builder.computedRows(rows.size(), index -> {
                List<String> row = rows.get(index);
                return kept.stream().map(row::get).toList();
            });
        }
        else {
            for (List<String> row : table.rows()) {
                builder.row(kept.stream().map(row::get).toList());
            }
        }
        table.notes().forEach(builder::note);
        builder.note("Not recorded for any " + rowKind + ", so not shown: " + String.join("; ", dropped) + ".");
        return builder.build();
    }

    private static boolean isEmpty(String cell)
    {
        return cell.isBlank() || cell.equals(Formats.MISSING);
    }
}
