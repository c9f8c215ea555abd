package org.casebook.workbook;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the errors and warnings of one import, in the order they are reported.
 *
 * <p>Sheets are read as a stream, one row at a time, and the import validates each sheet as it
 * reads it; yet what a sheet's reading finds (its header, cells an .xlsx cannot give a value,
 * a file that is not UTF-8 or not CSV) is reported before what validation finds, as when every
 * sheet was read first. A {@link #section() section} keeps a place in the order for issues
 * reported later, and can be {@link #clear() cleared} when its sheet turns out to be unreadable.
 *
 * <p>An import of a large workbook with a systematic mistake (a wrong unit in every row) would
 * otherwise hold millions of issues: only the first {@value #MAX_KEPT} errors and warnings are
 * kept in each place, and the {@link #errorCount() count} says how many there were.
 */
final class ImportIssues
{
    /** More issues than anyone reads; each kept one costs a few hundred bytes. */
    static final int MAX_KEPT = 1000;

    /** Issues of this collector, or nested sections, in order. */
    private final List<Object> parts = new ArrayList<>();
    private int keptErrors;
    private int keptWarnings;
    private long errors;
    private long warnings;

    void error(String sheet, int row, String column, String value, String problem)
    {
        errors++;
        if (keptErrors < MAX_KEPT) {
            keptErrors++;
            parts.add(ImportIssue.error(sheet, row, column, value, problem));
        }
    }

    void warning(String sheet, int row, String column, String value, String problem)
    {
        warnings++;
        if (keptWarnings < MAX_KEPT) {
            keptWarnings++;
            parts.add(ImportIssue.warning(sheet, row, column, value, problem));
        }
    }

    /** A new collector whose issues come here, after the issues reported so far and before any reported later. */
    ImportIssues section()
    {
        ImportIssues section = new ImportIssues();
        parts.add(section);
        return section;
    }

    /** Forgets this collector's issues and its sections'. */
    void clear()
    {
        parts.clear();
        keptErrors = 0;
        keptWarnings = 0;
        errors = 0;
        warnings = 0;
    }

    boolean hasErrors()
    {
        return errorCount() > 0;
    }

    /** Every error reported, kept or not. */
    long errorCount()
    {
        long count = errors;
        for (Object part : parts) {
            if (part instanceof ImportIssues section) {
                count += section.errorCount();
            }
        }
        return count;
    }

    /** The first {@value #MAX_KEPT} errors, in order. */
    List<ImportIssue> errors()
    {
        List<ImportIssue> kept = new ArrayList<>();
        collect(ImportIssue.Severity.ERROR, kept);
        return List.copyOf(kept);
    }

    /** The first {@value #MAX_KEPT} warnings, in order. */
    List<ImportIssue> warnings()
    {
        List<ImportIssue> kept = new ArrayList<>();
        collect(ImportIssue.Severity.WARNING, kept);
        return List.copyOf(kept);
    }

    private void collect(ImportIssue.Severity severity, List<ImportIssue> kept)
    {
        for (Object part : parts) {
            if (kept.size() >= MAX_KEPT) {
                return;
            }
            if (part instanceof ImportIssues section) {
                section.collect(severity, kept);
            }
            else if (((ImportIssue) part).severity() == severity) {
                kept.add((ImportIssue) part);
            }
        }
    }
}
