package org.casebook.store.cases;

import static java.util.Objects.requireNonNull;

/**
 * One stored value of a case: a case-level field ({@code timepoint} empty) or a measurement of
 * a protocol variable at a time point. {@code source} names where a prefilled value came from
 * (workbook sheet and row); null for values typed in casebook.
 */
public record CaseValue(String timepoint, String variable, String value, String unit, String date, String source)
{
    public CaseValue
    {
        requireNonNull(timepoint, "timepoint is null");
        requireNonNull(variable, "variable is null");
        requireNonNull(value, "value is null");
        unit = unit == null ? "" : unit;
    }

    /** {@code before.pao2}, or just the column for case-level fields. */
    public String field()
    {
        return ValueEdit.field(timepoint, variable);
    }
}
