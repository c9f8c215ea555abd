package org.casebook.screening.local;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The resource types screening reads, the top-level fields it keeps of each (the rest of a line is
 * skipped by the streaming parser, never built into a tree), and the pass that reads them: the
 * first pass decides eligibility, the second collects included patients' values.
 */
public enum ResourceType
{
    MEDICATION("Medication", Pass.FIRST, "code"),
    PATIENT("Patient", Pass.FIRST, "birthDate", "gender", "deceasedDateTime"),
    ENCOUNTER("Encounter", Pass.FIRST, "subject", "status", "class", "period", "reasonCode", "reasonReference", "diagnosis"),
    CONDITION("Condition", Pass.FIRST, "subject", "code", "verificationStatus", "onsetDateTime", "onsetPeriod", "recordedDate", "encounter", "abatementDateTime"),
    MEDICATION_ADMINISTRATION("MedicationAdministration", Pass.FIRST, "subject", "status", "medicationCodeableConcept", "medicationReference", "contained",
            "effectiveDateTime", "effectivePeriod", "dosage", "statusReason"),
    MEDICATION_REQUEST("MedicationRequest", Pass.FIRST, "subject", "status", "medicationCodeableConcept", "medicationReference", "contained",
            "authoredOn", "dosageInstruction", "dispenseRequest", "statusReason"),
    MEDICATION_STATEMENT("MedicationStatement", Pass.FIRST, "subject", "status", "medicationCodeableConcept", "medicationReference", "contained",
            "effectiveDateTime", "effectivePeriod", "dateAsserted", "dosage", "statusReason"),
    DEVICE_REQUEST("DeviceRequest", Pass.SECOND, "subject", "status", "codeCodeableConcept", "authoredOn", "occurrenceDateTime"),
    OBSERVATION("Observation", Pass.SECOND, "subject", "status", "code", "valueQuantity", "effectiveDateTime", "effectivePeriod", "effectiveInstant"),
    IMAGING_STUDY("ImagingStudy", Pass.SECOND, "subject", "status", "modality", "series", "started");

    /** When the local engine parses a type: the first pass decides, the second extracts. */
    public enum Pass { FIRST, SECOND }

    private final String fhirName;
    private final Pass pass;
    private final Set<String> fields;

    ResourceType(String fhirName, Pass pass, String... fields)
    {
        this.fhirName = fhirName;
        this.pass = pass;
        this.fields = Set.of(fields);
    }

    public static Optional<ResourceType> fromFhirName(String name)
    {
        return Arrays.stream(values()).filter(type -> type.fhirName.equals(name)).findFirst();
    }

    public String fhirName()
    {
        return fhirName;
    }

    public Pass pass()
    {
        return pass;
    }

    /** Whether the parser keeps this top-level field ({@code resourceType} and {@code id} always). */
    public boolean keeps(String field)
    {
        return fields.contains(field) || field.equals("resourceType") || field.equals("id");
    }

    public boolean hasSubject()
    {
        return this != MEDICATION && this != PATIENT;
    }
}
