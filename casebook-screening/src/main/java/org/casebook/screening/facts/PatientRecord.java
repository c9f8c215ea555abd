package org.casebook.screening.facts;

import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/** What screening reads of a Patient resource; {@code birthDate}, {@code gender} and {@code deceased} may be null. */
public record PatientRecord(RecordRef source, FhirDate birthDate, String gender, FhirDate deceased)
{
    public PatientRecord
    {
        requireNonNull(source, "source is null");
    }
}
