package org.casebook.workbook;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * One table of the workbook, whatever its format: a CSV file or an .xlsx sheet. {@code name} is
 * how issues and sources name it ({@code measurements.csv} or {@code measurements}); {@code
 * columns} are the header's lower-case column names.
 *
 * <p>The rows are read as they are consumed, once ({@link #rows()}), so that an import holds
 * one row at a time rather than every cell of the workbook as text; completely empty rows are
 * dropped. What reading finds (cells without a value, a file that turns out not to be UTF-8 or
 * CSV) goes to the sheet's own {@link #readIssues() section} of the import's issues. A sheet that
 * cannot be read to its end is {@link #failed()}: whatever was made of its rows is to be dropped,
 * as the sheet is reported as unreadable.
 */
final class Sheet
{
    /** Reads a sheet's data rows in order. */
    interface RowReader
    {
        /**
         * The next data row, empty or not, or null at the end.
         *
         * @throws Unreadable when the rest of the sheet cannot be read; the reader has reported why
         */
        SheetRow next(Sheet sheet)
                throws Unreadable;
    }

    /** The sheet cannot be read (further); the problem is reported in the sheet's read issues. */
    static final class Unreadable
            extends Exception
    {
        Unreadable()
        {
            super(null, null, false, false);
        }
    }

    private final String name;
    private final List<String> columns;
    private final Map<String, Integer> columnIndex;
    private final int headerWidth;
    private final ImportIssues readIssues;
    private RowReader reader;
    private boolean failed;
    private boolean consumed;

    /**
     * @param headerColumns the header's names by position, null for a column that is ignored (blank or repeated)
     * @param reader the data rows, their cells by the same positions; null for a sheet without rows
     */
    Sheet(String name, List<String> headerColumns, ImportIssues readIssues, RowReader reader)
    {
        this.name = requireNonNull(name, "name is null");
        this.columns = headerColumns.stream().filter(Objects::nonNull).toList();
        this.headerWidth = headerColumns.size();
        this.columnIndex = new HashMap<>();
        for (int i = 0; i < headerColumns.size(); i++) {
            if (headerColumns.get(i) != null) {
                // interned as the code's column names are: a cell is looked up by name millions of times, each then found by identity
                columnIndex.put(headerColumns.get(i).intern(), i);
            }
        }
        this.readIssues = requireNonNull(readIssues, "readIssues is null");
        this.reader = reader;
    }

    /** A sheet that could not be read at all; its problem is already in {@code readIssues}. */
    static Sheet unreadable(String name, ImportIssues readIssues)
    {
        Sheet sheet = new Sheet(name, List.of(), readIssues, null);
        sheet.failed = true;
        sheet.consumed = true;
        return sheet;
    }

    String name()
    {
        return name;
    }

    List<String> columns()
    {
        return columns;
    }

    /** Where the cells' positions are: each named column's position in the header. */
    Map<String, Integer> columnIndex()
    {
        return columnIndex;
    }

    /** The number of header cells, named or not: the width of a row's cells. */
    int headerWidth()
    {
        return headerWidth;
    }

    ImportIssues readIssues()
    {
        return readIssues;
    }

    /** True once reading stopped short of the end; meaningful after {@link #rows()} or {@link #drain()}. */
    boolean failed()
    {
        return failed;
    }

    /** The non-empty data rows, read as iterated; a sheet's rows can be iterated once. */
    Iterable<SheetRow> rows()
    {
        if (consumed) {
            throw new IllegalStateException("the rows of " + name + " were already read");
        }
        consumed = true;
        return () -> new Iterator<>()
        {
            private SheetRow next = advance();

            @Override
            public boolean hasNext()
            {
                return next != null;
            }

            @Override
            public SheetRow next()
            {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                SheetRow row = next;
                next = advance();
                return row;
            }
        };
    }

    /** Reads the rows that are left, for what reading reports, and forgets them. */
    void drain()
    {
        if (!consumed) {
            rows().forEach(row -> {});
        }
    }

    private SheetRow advance()
    {
        if (reader == null) {
            return null;
        }
        try {
            for (SheetRow row = reader.next(this); row != null; row = reader.next(this)) {
                if (!row.isEmpty()) {
                    return row;
                }
            }
        }
        catch (Unreadable e) {
            failed = true;
        }
        reader = null;
        return null;
    }
}
