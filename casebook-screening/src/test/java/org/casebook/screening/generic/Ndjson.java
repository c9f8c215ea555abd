package org.casebook.screening.generic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written FHIR R4 resources for the generic engine's tests, one JSON line each, collected
 * per resource type and written as a bulk export ({@code <Type>.ndjson}).
 */
final class Ndjson
{
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";

    private final Map<String, List<String>> lines = new LinkedHashMap<>();

    Ndjson add(String type, String json)
    {
        lines.computeIfAbsent(type, key -> new ArrayList<>()).add(json);
        return this;
    }

    /** Drops every line holding {@code "id":"<id>"}. */
    Ndjson remove(String id)
    {
        lines.values().forEach(list -> list.removeIf(line -> line.contains("\"id\":\"" + id + "\"")));
        return this;
    }

    Ndjson addAll(Ndjson other)
    {
        other.lines.forEach((type, list) -> list.forEach(line -> add(type, line)));
        return this;
    }

    Path write(Path folder)
    {
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, List<String>> entry : lines.entrySet()) {
                Files.writeString(folder.resolve(entry.getKey() + ".ndjson"), String.join("\n", entry.getValue()) + "\n", StandardCharsets.UTF_8);
            }
            return folder;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String coding(String system, String code)
    {
        return "{\"coding\":[{\"system\":\"" + system + "\",\"code\":\"" + code + "\"}]}";
    }

    static String subject(String patient)
    {
        return "\"subject\":{\"reference\":\"Patient/" + patient + "\"}";
    }

    static String patient(String id, String birthDate, String gender, String deceased)
    {
        return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"birthDate\":\"" + birthDate + "\",\"gender\":\"" + gender + "\""
                + (deceased == null ? "" : ",\"deceasedDateTime\":\"" + deceased + "\"") + "}";
    }

    /** A MedicationRequest with a drug concept (JSON), authoredOn, status and a dose (null: none). */
    static String request(String id, String patient, String drug, String authoredOn, String status, String dose, String unit)
    {
        return "{\"resourceType\":\"MedicationRequest\",\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"intent\":\"order\","
                + "\"medicationCodeableConcept\":" + drug + "," + subject(patient) + ",\"authoredOn\":\"" + authoredOn + "\""
                + (dose == null ? "" : ",\"dosageInstruction\":[{\"doseAndRate\":[{\"doseQuantity\":{\"value\":" + dose + ",\"unit\":\"" + unit + "\"}}]}]")
                + "}";
    }

    static String statement(String id, String patient, String drug, String effective, String status)
    {
        return "{\"resourceType\":\"MedicationStatement\",\"id\":\"" + id + "\",\"status\":\"" + status + "\","
                + "\"medicationCodeableConcept\":" + drug + "," + subject(patient) + ",\"effectiveDateTime\":\"" + effective + "\"}";
    }

    static String administration(String id, String patient, String drug, String effective, String status, String dose, String unit)
    {
        return "{\"resourceType\":\"MedicationAdministration\",\"id\":\"" + id + "\",\"status\":\"" + status + "\","
                + "\"medicationCodeableConcept\":" + drug + "," + subject(patient) + ",\"effectiveDateTime\":\"" + effective + "\""
                + (dose == null ? "" : ",\"dosage\":{\"dose\":{\"value\":" + dose + ",\"unit\":\"" + unit + "\"}}") + "}";
    }

    /** A Condition with onsetDateTime (null: none), recordedDate (null: none) and verification status (null: none). */
    static String condition(String id, String patient, String system, String code, String onset, String recorded, String verification)
    {
        return "{\"resourceType\":\"Condition\",\"id\":\"" + id + "\"," + subject(patient) + ",\"code\":" + coding(system, code)
                + (onset == null ? "" : ",\"onsetDateTime\":\"" + onset + "\"")
                + (recorded == null ? "" : ",\"recordedDate\":\"" + recorded + "\"")
                + (verification == null ? "" : ",\"verificationStatus\":" + coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", verification))
                + "}";
    }

    static String observation(String id, String patient, String loinc, String effective, String value, String unit, String status)
    {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"code\":" + coding(LOINC, loinc) + ","
                + subject(patient) + ",\"effectiveDateTime\":\"" + effective + "\",\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"" + unit
                + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + unit + "\"}}";
    }

    static String codedObservation(String id, String patient, String loinc, String effective, String snomedValue)
    {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\",\"code\":" + coding(LOINC, loinc) + ","
                + subject(patient) + ",\"effectiveDateTime\":\"" + effective + "\",\"valueCodeableConcept\":" + coding(SNOMED, snomedValue) + "}";
    }

    static String procedure(String id, String patient, String snomed, String performed, String status)
    {
        return "{\"resourceType\":\"Procedure\",\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"code\":" + coding(SNOMED, snomed) + ","
                + subject(patient) + ",\"performedDateTime\":\"" + performed + "\"}";
    }

    /** An Encounter with a class code, status, period (end null: open) and a reasonCode (null: none). */
    static String encounter(String id, String patient, String classCode, String status, String start, String end, String reasonIcd)
    {
        return "{\"resourceType\":\"Encounter\",\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\""
                + classCode + "\"}," + subject(patient) + ",\"period\":{\"start\":\"" + start + "\"" + (end == null ? "" : ",\"end\":\"" + end + "\"") + "}"
                + (reasonIcd == null ? "" : ",\"reasonCode\":[" + coding(ICD10CM, reasonIcd) + "]") + "}";
    }

    static String imaging(String id, String patient, String modality, String started, String status)
    {
        return "{\"resourceType\":\"ImagingStudy\",\"id\":\"" + id + "\",\"status\":\"" + status + "\"," + subject(patient) + ",\"started\":\"" + started
                + "\",\"modality\":[{\"system\":\"http://dicom.nema.org/resources/ontology/DCM\",\"code\":\"" + modality + "\"}]}";
    }

    static String deviceRequest(String id, String patient, String snomed, String authoredOn, String status)
    {
        return "{\"resourceType\":\"DeviceRequest\",\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"intent\":\"order\",\"codeCodeableConcept\":"
                + coding(SNOMED, snomed) + "," + subject(patient) + ",\"authoredOn\":\"" + authoredOn + "\"}";
    }
}
