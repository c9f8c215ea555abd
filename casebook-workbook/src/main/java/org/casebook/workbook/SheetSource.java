package org.casebook.workbook;

import java.util.Map;

/** Where the sheets come from: a folder of CSV files or one .xlsx workbook. Open until closed. */
interface SheetSource
        extends AutoCloseable
{
    /**
     * Every sheet, keyed by its lower-case base name ({@code cases}), in the source's order, its
     * header read and its rows not yet. What reading finds goes to {@code issues}: each sheet's to
     * a section of its own ({@link Sheet#readIssues()}), in the source's order.
     */
    Map<String, Sheet> openSheets(ImportIssues issues);

    /** How issues name the sheet with this base name ({@code cases.csv} or {@code cases}). */
    String sheetName(String baseName);

    /** "file" or "sheet", for messages. */
    String kind();

    /**
     * Whether two of its sheets can be read at once, each on its own thread: files of a folder
     * can; the sheets of one .xlsx share its package, strings and styles, which are not made to be
     * read from two threads.
     */
    default boolean readsSheetsInParallel()
    {
        return false;
    }

    @Override
    void close();
}
