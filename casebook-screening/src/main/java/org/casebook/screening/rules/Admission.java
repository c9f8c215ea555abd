package org.casebook.screening.rules;

import java.time.LocalDate;
import java.util.Comparator;

import org.casebook.screening.facts.EncounterRecord;
import org.casebook.screening.fhir.FhirDate;

import static java.util.Objects.requireNonNull;

/**
 * An index admission (criterion 1) with the evidence that it was for the index disease. Its
 * admission date is the calendar date of {@code period.start} as written; discharge is the date of
 * {@code period.end}, absent while the admission is open.
 */
public record Admission(EncounterRecord encounter, Evidence evidence)
{
    /** Earliest first: admission date, then time as written, then encounter id. */
    public static final Comparator<Admission> EARLIEST_FIRST = Comparator
            .comparing((Admission admission) -> admission.encounter().start(), FhirDate.ORDER)
            .thenComparing(admission -> admission.encounter().id());

    public Admission
    {
        requireNonNull(encounter, "encounter is null");
        requireNonNull(encounter.start(), "encounter start is null");
        requireNonNull(evidence, "evidence is null");
    }

    public LocalDate admissionDate()
    {
        return encounter.start().date();
    }

    /** The discharge date, or null while the admission is open (no upper bound). */
    public LocalDate dischargeDateOrNull()
    {
        FhirDate end = encounter.end();
        return end == null ? null : end.spanEnd();
    }

    public boolean isOpen()
    {
        return encounter.end() == null;
    }
}
