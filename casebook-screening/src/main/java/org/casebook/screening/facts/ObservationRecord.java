package org.casebook.screening.facts;

import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/** An Observation's code, {@code status}, {@code valueQuantity} and effective time (start of a period); value and time may be null. */
public record ObservationRecord(RecordRef source, Concept code, String status, Quantity value, FhirDate effective)
{
    public ObservationRecord
    {
        requireNonNull(source, "source is null");
        requireNonNull(code, "code is null");
    }
}
