package org.casebook.report.table;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One table of the report as text cells, exactly as printed: the HTML, PDF, CSV and xlsx outputs
 * all render this same value, so they cannot disagree.
 *
 * <p>When {@code grouped} is set, the first column names a group (a characteristic, a variable)
 * that repeats on each of its rows; CSV and xlsx keep every cell (tidy), while HTML prints the
 * group once, gtsummary style.
 *
 * @param id file-name stem for the CSV and the sheet name, e.g. {@code table1_baseline}
 * @param title caption, e.g. "Table 1. Baseline characteristics"
 * @param notes footnotes printed under the table
 */
public record ReportTable(String id, String title, List<String> columns, List<List<String>> rows, boolean grouped, List<String> notes)
{
    /**
     * The most rows a table prints in the report's documents (HTML, PDF, docx), about 25 PDF pages
     * of a per-patient table; CSV and xlsx hold every row. A 100,000-patient series would
     * otherwise lay out a 2,000-page PDF that nobody reads and that no 1 GB heap holds.
     */
    public static final int DOCUMENT_ROWS = 1000;

    public ReportTable
    {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("table " + id + ": row " + row + " has " + row.size() + " cells, expected " + columns.size());
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
        notes = List.copyOf(notes);
    }

    /** The cell in the row whose first cells equal {@code keys}, in {@code column}; for tests and text. */
    public java.util.Optional<String> findCell(String column, String... keys)
    {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("table " + id + " has no column '" + column + "'; columns: " + columns);
        }
        return rows.stream()
                .filter(row -> row.subList(0, keys.length).equals(List.of(keys)))
                .map(row -> row.get(index))
                .findFirst();
    }

    /**
     * The table as the documents print it: itself up to {@link #DOCUMENT_ROWS} rows; beyond, its
     * first {@link #DOCUMENT_ROWS} rows and a note saying where every row is.
     */
    public ReportTable forDocument()
    {
        if (rows.size() <= DOCUMENT_ROWS) {
            return this;
        }
        List<String> shortened = new ArrayList<>(notes);
        shortened.add(String.format(java.util.Locale.ROOT, "The first %,d of %,d rows are shown; every row is in tables/%s.csv and in tables.xlsx (sheet %s).",
                DOCUMENT_ROWS, rows.size(), id, id));
        return new ReportTable(id, title, columns, rows.subList(0, DOCUMENT_ROWS), grouped, shortened);
    }

    /** Collects rows and notes for a table. */
    public static final class Builder
    {
        private final String id;
        private final String title;
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private boolean grouped;

        public Builder(String id, String title, List<String> columns)
        {
            this.id = id;
            this.title = title;
            this.columns = List.copyOf(columns);
        }

        public Builder grouped()
        {
            this.grouped = true;
            return this;
        }

        public Builder row(List<String> cells)
        {
            rows.add(cells);
            return this;
        }

        public Builder row(String... cells)
        {
            return row(List.of(cells));
        }

        public Builder note(String note)
        {
            notes.add(note);
            return this;
        }

        public ReportTable build()
        {
            return new ReportTable(id, title, columns, rows, grouped, notes);
        }
    }
}
