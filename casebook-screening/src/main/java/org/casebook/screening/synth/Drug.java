package org.casebook.screening.synth;

import java.math.BigDecimal;

/**
 * A drug or device record to write. The drug is named by {@code code} (medicationCodeableConcept),
 * by {@code medicationId} (a Medication resource) or by {@code containedCode} (a contained
 * Medication); {@code end} is a statement's effectivePeriod.end or a request's validity end.
 */
record Drug(Kind kind, String status, Code code, String medicationId, Code containedCode, String start, String end, Code statusReason, BigDecimal dose, String doseUnit)
{
    enum Kind
    {
        ADMINISTRATION("MedicationAdministration", "mad"),
        REQUEST("MedicationRequest", "mrq"),
        STATEMENT("MedicationStatement", "mst"),
        DEVICE_REQUEST("DeviceRequest", "drq");

        final String resourceType;
        final String idPrefix;

        Kind(String resourceType, String idPrefix)
        {
            this.resourceType = resourceType;
            this.idPrefix = idPrefix;
        }
    }

    /** A coding with display, and the concept's text; {@code system} null for a text-only concept. */
    record Code(String system, String code, String display, String text)
    {
        static Code of(String system, String code, String display)
        {
            return new Code(system, code, display, display);
        }

        static Code text(String text)
        {
            return new Code(null, null, null, text);
        }
    }

    static Drug coded(Kind kind, String status, Code code, String start)
    {
        return new Drug(kind, status, code, null, null, start, null, null, null, null);
    }

    Drug withDose(BigDecimal value, String unit)
    {
        return new Drug(kind, status, code, medicationId, containedCode, start, end, statusReason, value, unit);
    }

    Drug withEnd(String value)
    {
        return new Drug(kind, status, code, medicationId, containedCode, start, value, statusReason, dose, doseUnit);
    }

    Drug withStatusReason(Code reason)
    {
        return new Drug(kind, status, code, medicationId, containedCode, start, end, reason, dose, doseUnit);
    }

    Drug byReference(String id)
    {
        return new Drug(kind, status, code, id, null, start, end, statusReason, dose, doseUnit);
    }

    Drug contained()
    {
        return new Drug(kind, status, code, null, code, start, end, statusReason, dose, doseUnit);
    }
}
