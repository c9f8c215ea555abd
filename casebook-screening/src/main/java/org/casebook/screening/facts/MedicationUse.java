package org.casebook.screening.facts;

import java.util.List;

import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * A medication or device record as screening reads it, from a MedicationAdministration,
 * MedicationRequest, MedicationStatement or DeviceRequest.
 *
 * @param item the drug or device, with {@code medicationReference} and contained {@code #id}
 *        already resolved; {@link Concept#EMPTY} when the reference named a missing resource
 * @param start effective[x] start of administrations and statements, {@code authoredOn} of requests
 * @param end {@code effectivePeriod.end}, or a request's {@code dispenseRequest.validityPeriod.end}
 * @param statusReasons {@code statusReason} concepts
 * @param doses single doses as recorded
 */
public record MedicationUse(
        RecordRef source,
        Kind kind,
        String status,
        Concept item,
        FhirDate start,
        FhirDate end,
        List<Concept> statusReasons,
        List<Quantity> doses)
{
    public enum Kind { ADMINISTRATION, REQUEST, STATEMENT, DEVICE_REQUEST }

    public MedicationUse
    {
        requireNonNull(source, "source is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(item, "item is null");
        statusReasons = List.copyOf(requireNonNull(statusReasons, "statusReasons is null"));
        doses = List.copyOf(requireNonNull(doses, "doses is null"));
    }

    public String id()
    {
        return source.id();
    }
}
