package org.casebook.screening.generic;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/**
 * How many of the candidates' records reading holds in memory before it writes them to disk, sorted
 * by patient, to be merged patient by patient afterwards ({@link PatientParts}; docs/screening.md,
 * "Memory"). The command line's {@code --spill-after RECORDS}; by default {@link #fromHeap()}.
 *
 * @param records records (and patients with only dates noted) held before spilling; {@link Long#MAX_VALUE}: never
 */
public record SpillLimit(long records)
{
    /**
     * Heap bytes allowed per held record when the limit is derived from the heap: a record as read
     * takes about 1 KB (its codings, dates and source), so the records held take at most about a
     * quarter of the heap, leaving the rest to the readers' buffers, the candidates' ids and decisions.
     */
    static final long HEAP_BYTES_PER_RECORD = 4096;
    /** Smaller limits only make more, smaller files to merge. */
    static final long SMALLEST_DEFAULT = 10_000;

    /** Never spill: everything is held in memory. */
    public static final SpillLimit NEVER = new SpillLimit(Long.MAX_VALUE);

    public SpillLimit
    {
        if (records < 1) {
            throw new IllegalArgumentException("a spill limit is at least 1 record: " + records);
        }
    }

    /** The default: the JVM's maximum heap ({@code -Xmx}) over {@value #HEAP_BYTES_PER_RECORD} bytes, at least {@value #SMALLEST_DEFAULT}. */
    public static SpillLimit fromHeap()
    {
        return new SpillLimit(Math.max(SMALLEST_DEFAULT, Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_RECORD));
    }

    /**
     * The command line's value: a positive whole number of records, or {@code never}.
     *
     * @throws CasebookException (bad input) naming the option and what is expected
     */
    public static SpillLimit parse(String text)
    {
        if (text.equals("never")) {
            return NEVER;
        }
        try {
            long records = Long.parseLong(text.replace("_", ""));
            if (records >= 1) {
                return new SpillLimit(records);
            }
        }
        catch (NumberFormatException e) {
            // the message below says what is expected
        }
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        throw new CasebookException(ErrorCode.BAD_INPUT, "--spill-after: expected a whole number of records of at least 1, or 'never'; found '"
                + shown.replaceAll("\\p{Cntrl}", "?") + "'");
    }

    /**
     * Bytes of the candidates' screening rows ({@link CandidateLog}) held per record of the limit: a
     * quarter of a held record's, so the rows held take about a sixteenth of the heap by default.
     */
    static final long LOG_BYTES_PER_RECORD = 256;

    /** How much of the candidates' log rows and case lines, in bytes of text, is held before they are written to disk; {@link Long#MAX_VALUE}: never. */
    long logBytes()
    {
        return records > Long.MAX_VALUE / LOG_BYTES_PER_RECORD ? Long.MAX_VALUE : records * LOG_BYTES_PER_RECORD;
    }

    /** Each of {@code readers} reading in parallel holds its share before it spills. */
    long perReader(int readers)
    {
        return records == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, records / Math.max(1, readers));
    }
}
