package org.casebook.casedata;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/** The CT examination behind a time point: its date and, when known, its study id or accession number. */
public record CtStudy(String patientId, String timepoint, LocalDate date, String studyId, SourceRef source)
{
    public CtStudy
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(timepoint, "timepoint is null");
        requireNonNull(date, "date is null");
        requireNonNull(source, "source is null");
    }
}
