package org.casebook.workbook;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.casebook.casedata.SourceRef;

/**
 * How an import keeps its values. One shared instance per distinct value (patient ids, readers, dates, zone extents, case
 * values) for what an import keeps: a 100,000-patient workbook repeats each patient id in
 * dozens of rows and a few hundred dates in millions, and each row's copy would stay in memory
 * as long as the workbook. Bounded: past {@value #MAX} distinct values, new ones are kept as
 * they are, so that a workbook of unique values does not grow this table without use.
 *
 * <p>Shared by the sheets an import reads at once, on two threads (WorkbookImporter): which of two
 * equal values becomes the kept one does not matter, as they are equal.
 */
final class KeptValues
{
    static final int MAX = 1 << 20;

    private final Map<Object, Object> canonical = new ConcurrentHashMap<>();
    /** Each date cell's text parsed once: a large workbook has millions of date cells and a few thousand dates. */
    private final Map<String, LocalDate> dates = new ConcurrentHashMap<>();
    private final boolean rowSources;

    /**
     * @param rowSources whether each value keeps its own source (its {@code source} cell, or its
     *         sheet and row); otherwise its source is its sheet, for an import whose values are only
     *         analysed: the sources are the largest part of what a large import keeps
     */
    KeptValues(boolean rowSources)
    {
        this.rowSources = rowSources;
    }

    /** The source of a value computed from others ({@code description} names them): shared when sources are sheets. */
    SourceRef computed(String description)
    {
        SourceRef source = new SourceRef(description);
        return rowSources ? source : intern(source);
    }

    /** Where the row's values came from. */
    SourceRef source(Sheet sheet, SheetRow row)
    {
        if (!rowSources) {
            return intern(new SourceRef(sheet.name()));
        }
        String source = row.text(SheetLayout.SOURCE);
        return source != null ? new SourceRef(source) : SourceRef.workbookRow(sheet.name(), row.number());
    }

    /**
     * The date an ISO {@code yyyy-mm-dd} text names, kept once.
     *
     * @throws java.time.format.DateTimeParseException when it names no day (2024-02-30)
     */
    LocalDate date(String text)
    {
        LocalDate date = dates.get(text);
        if (date == null) {
            date = intern(LocalDate.parse(text));
            if (dates.size() < MAX) {
                dates.put(text, date);
            }
        }
        return date;
    }

    /** The first instance equal to {@code value} this kept saw, or {@code value}; null for null. */
    @SuppressWarnings("unchecked")
    <T> T intern(T value)
    {
        if (value == null) {
            return null;
        }
        Object known = canonical.get(value);
        if (known != null) {
            return (T) known;
        }
        if (canonical.size() < MAX) {
            known = canonical.putIfAbsent(value, value);
            if (known != null) {
                return (T) known;
            }
        }
        return value;
    }
}
