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
        if (rows instanceof ComputedRows computed) {
            rows = computed.checked(id, columns.size());
        }
        else {
            List<List<String>> copy = new ArrayList<>();
            for (List<String> row : rows) {
                checkRow(id, row, columns.size());
                copy.add(List.copyOf(row));
            }
            rows = List.copyOf(copy);
        }
        notes = List.copyOf(notes);
    }

    private static void checkRow(String id, List<String> row, int columns)
    {
        if (row.size() != columns) {
            throw new IllegalArgumentException("table " + id + ": row " + row + " has " + row.size() + " cells, expected " + columns);
        }
    }

    /**
     * The rows of a table with a row per patient or per event, each made when it is read, from the
     * study's data: a 100,000-patient report reads such a table a few times (to find its empty
     * columns and abbreviations, to write the CSV and the xlsx, the documents' first rows), and
     * holding its millions of cells as text beside the workbook and the results did not fit a 1 GB heap.
     * The function must give the same row every time it is asked.
     */
    public static final class ComputedRows
            extends java.util.AbstractList<List<String>>
            implements java.util.RandomAccess
    {
        private final int size;
        private final java.util.function.IntFunction<List<String>> row;
        private final String table;
        private final int columns;

        public ComputedRows(int size, java.util.function.IntFunction<List<String>> row)
        {
            this(size, row, null, -1);
        }

        private ComputedRows(int size, java.util.function.IntFunction<List<String>> row, String table, int columns)
        {
            if (size < 0) {
                throw new IllegalArgumentException("size is negative: " + size);
            }
            this.size = size;
            this.row = requireNonNull(row, "row is null");
            this.table = table;
            this.columns = columns;
        }

        /** These rows, each checked to have {@code columns} cells when it is made. */
        ComputedRows checked(String table, int columns)
        {
            return new ComputedRows(size, row, table, columns);
        }

        @Override
        public List<String> get(int index)
        {
            java.util.Objects.checkIndex(index, size);
            List<String> cells = List.copyOf(row.apply(index));
            if (columns >= 0) {
                checkRow(table, cells, columns);
            }
            return cells;
        }

        @Override
        public int size()
        {
            return size;
        }
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
        private ComputedRows computed;

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

        /** The table's rows made when read ({@link ComputedRows}) instead of any added with {@link #row}. */
        public Builder computedRows(int count, java.util.function.IntFunction<List<String>> row)
        {
            computed = new ComputedRows(count, row);
            return this;
        }

        public Builder note(String note)
        {
            notes.add(note);
            return this;
        }

        public ReportTable build()
        {
            return new ReportTable(id, title, columns, computed != null ? computed : rows, grouped, notes);
        }
    }
}
