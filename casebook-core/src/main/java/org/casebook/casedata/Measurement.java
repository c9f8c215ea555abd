package org.casebook.casedata;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One value of a protocol variable at a time point, already converted to the protocol's unit.
 * {@code date} may be null when the workbook did not record it.
 */
public record Measurement(String patientId, String timepoint, String variable, double value, String unit, LocalDate date, SourceRef source)
{
    public Measurement
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(timepoint, "timepoint is null");
        requireNonNull(variable, "variable is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(source, "source is null");
    }
}
