package org.casebook.workbook;

import java.util.Map;

/** Where the sheets come from: a folder of CSV files or one .xlsx workbook. */
interface SheetSource
{
    /** Every sheet, keyed by its lower-case base name ({@code cases}); unreadable ones are reported as errors. */
    Map<String, Sheet> readSheets(ImportIssues issues);

    /** How issues name the sheet with this base name ({@code cases.csv} or {@code cases}). */
    String sheetName(String baseName);

    /** "file" or "sheet", for messages. */
    String kind();
}
