package org.casebook.store.screening;

import static java.util.Objects.requireNonNull;

/**
 * One patient of the screening log ({@code screening.csv}): included patients have a case
 * number, day 0 and index encounter; excluded ones the first criterion they failed.
 * {@code line} is the row's line in the file.
 */
public record LogRow(int line, Integer caseNo, String patientId, String status, String day0, String encounterId, String reason,
        String evidence, String matchedByText)
{
    public static final String INCLUDED = "included";
    public static final String EXCLUDED = "excluded";

    public LogRow
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(status, "status is null");
    }

    public boolean included()
    {
        return status.equals(INCLUDED);
    }
}
