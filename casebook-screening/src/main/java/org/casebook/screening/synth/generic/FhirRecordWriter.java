package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonGenerator;
import org.casebook.screening.synth.BulkExportWriter;

import static org.casebook.screening.synth.BulkExportWriter.concept;
import static org.casebook.screening.synth.BulkExportWriter.period;
import static org.casebook.screening.synth.BulkExportWriter.quantity;
import static org.casebook.screening.synth.BulkExportWriter.reference;

/**
 * Writes a planted patient's resources as FHIR R4 JSON lines: the Patient, then each
 * {@link PlantedRecord} in the resource type screening reads for its kind (docs/screening.md,
 * "Any protocol"), naming them {@code <patient>-<n>} and noting each one's file and line.
 */
final class FhirRecordWriter
{
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String UCUM = "http://unitsofmeasure.org";

    private final BulkExportWriter out;

    FhirRecordWriter(BulkExportWriter out)
    {
        this.out = out;
    }

    /** The Patient resource; {@code deceased} may be null. Returns its file and line as a record of kind {@code patient}. */
    PlantedRecord patient(String id, LocalDate birthDate, String gender, LocalDate deceased)
            throws IOException
    {
        JsonGenerator json = out.begin("Patient", "Patient", id);
        json.writeArrayFieldStart("identifier");
        json.writeStartObject();
        json.writeStringField("system", "urn:oid:1.2.392.200119.6.102");
        json.writeStringField("value", "MRN" + id.substring(2));
        json.writeEndObject();
        json.writeEndArray();
        json.writeStringField("gender", gender);
        json.writeStringField("birthDate", birthDate.toString());
        if (deceased != null) {
            json.writeStringField("deceasedDateTime", deceased.toString());
        }
        out.end(json);
        PlantedRecord patient = new PlantedRecord("patient");
        patient.resourceType = "Patient";
        patient.id = id;
        patient.file = out.fileName("Patient");
        patient.line = out.line("Patient");
        return patient;
    }

    void write(String patientId, PlantedRecord record)
            throws IOException
    {
        String file = record.resourceType;
        JsonGenerator json = out.begin(file, record.resourceType, record.id);
        reference(json, "subject", "Patient/" + patientId);
        switch (record.kind) {
            case "encounter" -> encounter(json, record);
            case "condition" -> condition(json, record);
            case "medication" -> medication(json, record);
            case "observation" -> observation(json, record);
            case "procedure" -> procedure(json, record);
            case "device_request" -> deviceRequest(json, record);
            case "imaging_study" -> imagingStudy(json, record);
            default -> throw new IllegalStateException("kind " + record.kind);
        }
        out.end(json);
        record.file = out.fileName(file);
        record.line = out.line(file);
    }

    private static void code(JsonGenerator json, String field, PlantedRecord record)
            throws IOException
    {
        concept(json, field, record.system, record.code, record.display, record.text);
    }

    private static void encounter(JsonGenerator json, PlantedRecord record)
            throws IOException
    {
        json.writeStringField("status", record.status);
        json.writeObjectFieldStart("class");
        json.writeStringField("system", ACT_CODE);
        json.writeStringField("code", record.encounterClass);
        json.writeEndObject();
        period(json, "period", record.dateTime(), record.endDateTime());
        if (record.system != null || record.text != null) {
            json.writeArrayFieldStart("reasonCode");
            code(json, null, record);
            json.writeEndArray();
        }
    }

    private static void condition(JsonGenerator json, PlantedRecord record)
            throws IOException
    {
        concept(json, "clinicalStatus", CLINICAL, "active", null, null);
        concept(json, "verificationStatus", VERIFICATION, record.status, null, null);
        code(json, "code", record);
        json.writeStringField("onsetDateTime", record.dateTime());
        json.writeStringField("recordedDate", record.recordedDateTime());
    }

    private static void medication(JsonGenerator json, PlantedRecord record)
            throws IOException
    {
        json.writeStringField("status", record.status);
        if (record.resourceType.equals("MedicationRequest")) {
            json.writeStringField("intent", "order");
        }
        code(json, "medicationCodeableConcept", record);
        statusReason(json, record);
        switch (record.resourceType) {
            case "MedicationRequest" -> {
                json.writeStringField("authoredOn", record.dateTime());
                if (record.endDay != null) {
                    json.writeObjectFieldStart("dispenseRequest");
                    period(json, "validityPeriod", null, record.endDateTime());
                    json.writeEndObject();
                }
                if (record.dose != null) {
                    json.writeArrayFieldStart("dosageInstruction");
                    json.writeStartObject();
                    doseAndRate(json, record);
                    json.writeEndObject();
                    json.writeEndArray();
                }
            }
            case "MedicationAdministration" -> {
                if (record.endDay == null) {
                    json.writeStringField("effectiveDateTime", record.dateTime());
                }
                else {
                    period(json, "effectivePeriod", record.dateTime(), record.endDateTime());
                }
                if (record.dose != null) {
                    json.writeObjectFieldStart("dosage");
                    quantity(json, "dose", record.dose, unit(record.doseUnit), unit(record.doseUnit));
                    json.writeEndObject();
                }
            }
            case "MedicationStatement" -> {
                period(json, "effectivePeriod", record.dateTime(), record.endDateTime());
                if (record.dose != null) {
                    json.writeArrayFieldStart("dosage");
                    json.writeStartObject();
                    doseAndRate(json, record);
                    json.writeEndObject();
                    json.writeEndArray();
                }
            }
            default -> throw new IllegalStateException(record.resourceType);
        }
    }

    /** A request's one {@code statusReason}; an administration's or statement's list of them (FHIR R4's cardinalities). */
    private static void statusReason(JsonGenerator json, PlantedRecord record)
            throws IOException
    {
        if (record.reasonSystem == null && record.reasonText == null) {
            return;
        }
        if (record.resourceType.equals("MedicationRequest")) {
            concept(json, "statusReason", record.reasonSystem, record.reasonCode, record.reasonDisplay, record.reasonText);
            return;
        }
        json.writeArrayFieldStart("statusReason");
        concept(json, null, record.reasonSystem, record.reasonCode, record.reasonDisplay, record.reasonText);
        json.writeEndArray();
    }

    /** A blank unit (the "" key of a units map) is written as none. */
    private static String unit(String unit)
    {
        return unit == null || unit.isEmpty() ? null : unit;
    }

    private static void doseAndRate(JsonGenerator json, PlantedRecord record)
            throws IOException
    {
        json.writeArrayFieldStart("doseAndRate");
        json.writeStartObject();
        quantity(json, "doseQuantity", record.dose, unit(record.doseUnit), unit(record.doseUnit));
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void observation(JsonGenerator json, PlantedRecord record)
            throws IOException
    {
        json.writeStringField("status", record.status);
        code(json, "code", record);
        json.writeStringField("effectiveDateTime", record.dateTime());
        if (record.value != null) {
            json.writeFieldName("valueQuantity");
            json.writeStartObject();
            json.writeNumberField("value", record.value);
            // a blank unit is written as none (the "" key of a units map)
            if (record.unit != null && !record.unit.isEmpty()) {
                json.writeStringField("unit", record.unit);
                json.writeStringField("system", UCUM);
                json.writeStringField("code", record.unit);
            }
            json.writeEndObject();
        }
        else if (record.valueCode != null) {
            concept(json, "valueCodeableConcept", record.valueSystem, record.valueCode, null, null);
        }
    }

    private static void procedure(JsonGenerator json, PlantedRecord record)
            throws IOException
    {
        json.writeStringField("status", record.status);
        code(json, "code", record);
        json.writeStringField("performedDateTime", record.dateTime());
    }

    private static void deviceRequest(JsonGenerator json, PlantedRecord record)
            throws IOException
    {
        json.writeStringField("status", record.status);
        json.writeStringField("intent", "order");
        code(json, "codeCodeableConcept", record);
        json.writeStringField("authoredOn", record.dateTime());
    }

    private static void imagingStudy(JsonGenerator json, PlantedRecord record)
            throws IOException
    {
        json.writeStringField("status", record.status);
        if (record.modality != null) {
            json.writeArrayFieldStart("modality");
            BulkExportWriter.coding(json, DICOM, record.modality, null);
            json.writeEndArray();
        }
        json.writeStringField("started", record.dateTime());
        if (record.system != null || record.text != null) {
            json.writeArrayFieldStart("procedureCode");
            code(json, null, record);
            json.writeEndArray();
        }
    }
}
