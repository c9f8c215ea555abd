package org.casebook.screening.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.casebook.screening.facts.ConditionRecord;
import org.casebook.screening.facts.EncounterRecord;
import org.casebook.screening.facts.ImagingStudyRecord;
import org.casebook.screening.facts.MedicationUse;
import org.casebook.screening.facts.ObservationRecord;
import org.casebook.screening.facts.PatientRecord;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;

import static org.casebook.screening.local.FhirJson.concept;
import static org.casebook.screening.local.FhirJson.concepts;
import static org.casebook.screening.local.FhirJson.date;
import static org.casebook.screening.local.FhirJson.periodDate;
import static org.casebook.screening.local.FhirJson.quantity;
import static org.casebook.screening.local.FhirJson.text;

/**
 * Turns a parsed resource into the facts screening reads. Medication references are resolved here:
 * {@code #id} against the record's contained resources, {@code Medication/id} against the
 * extract's Medication resources (read before any medication record).
 */
final class FactReader
{
    private final Map<String, Concept> medications;
    private final Consumer<String> missingReference;

    /**
     * @param medications the extract's Medication resources by id
     * @param missingReference told the type of each reference to a resource the extract lacks
     */
    FactReader(Map<String, Concept> medications, Consumer<String> missingReference)
    {
        this.medications = medications;
        this.missingReference = missingReference;
    }

    static PatientRecord patient(JsonNode node, RecordRef source)
    {
        return new PatientRecord(source, date(node, "birthDate"), text(node, "gender"), date(node, "deceasedDateTime"));
    }

    static EncounterRecord encounter(JsonNode node, RecordRef source)
    {
        JsonNode classNode = node.get("class");
        String classCode = classNode != null && classNode.isArray() ? FhirJson.firstCode(classNode.path(0)) : FhirJson.firstCode(classNode);
        List<String> conditionIds = new ArrayList<>();
        JsonNode reasonReferences = node.get("reasonReference");
        if (reasonReferences != null && reasonReferences.isArray()) {
            reasonReferences.forEach(reference -> FhirJson.referenceId(reference, "Condition").ifPresent(conditionIds::add));
        }
        JsonNode diagnoses = node.get("diagnosis");
        if (diagnoses != null && diagnoses.isArray()) {
            diagnoses.forEach(diagnosis -> FhirJson.referenceId(diagnosis.get("condition"), "Condition").ifPresent(conditionIds::add));
        }
        return new EncounterRecord(source, text(node, "status"), classCode, periodDate(node, "period", "start"), periodDate(node, "period", "end"),
                concepts(node.get("reasonCode")), conditionIds);
    }

    static ConditionRecord condition(JsonNode node, RecordRef source)
    {
        return new ConditionRecord(source, concept(node.get("code")), verificationStatus(node.get("verificationStatus")),
                date(node, "onsetDateTime"), periodDate(node, "onsetPeriod", "start"), date(node, "recordedDate"),
                FhirJson.referenceId(node.get("encounter"), "Encounter").orElse(null));
    }

    private static final String VERIFICATION_STATUS_SYSTEM = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /** The verificationStatus code: the HL7 coding's when there is one, else the first code (or a bare string, as older exports write it). */
    private static String verificationStatus(JsonNode node)
    {
        if (node != null && node.isTextual()) {
            return node.asText();
        }
        return concept(node).codings().stream()
                .filter(coding -> VERIFICATION_STATUS_SYSTEM.equals(coding.system()) && coding.code() != null)
                .map(org.casebook.screening.fhir.Coding::code)
                .findFirst()
                .orElseGet(() -> FhirJson.firstCode(node));
    }

    static Concept medication(JsonNode node)
    {
        return concept(node.get("code"));
    }

    MedicationUse medicationUse(ResourceType type, JsonNode node, RecordRef source)
    {
        return switch (type) {
            case MEDICATION_ADMINISTRATION -> new MedicationUse(source, MedicationUse.Kind.ADMINISTRATION, text(node, "status"), drug(node),
                    effectiveStart(node), periodDate(node, "effectivePeriod", "end"), concepts(node.get("statusReason")),
                    doses(List.of(node.path("dosage").path("dose"))));
            case MEDICATION_REQUEST -> new MedicationUse(source, MedicationUse.Kind.REQUEST, text(node, "status"), drug(node),
                    date(node, "authoredOn"), periodDate(node.path("dispenseRequest"), "validityPeriod", "end"), concepts(node.get("statusReason")),
                    doses(doseQuantities(node.get("dosageInstruction"))));
            case MEDICATION_STATEMENT -> new MedicationUse(source, MedicationUse.Kind.STATEMENT, text(node, "status"), drug(node),
                    effectiveStart(node), periodDate(node, "effectivePeriod", "end"), concepts(node.get("statusReason")),
                    doses(doseQuantities(node.get("dosage"))));
            case DEVICE_REQUEST -> new MedicationUse(source, MedicationUse.Kind.DEVICE_REQUEST, text(node, "status"), concept(node.get("codeCodeableConcept")),
                    date(node, "authoredOn"), null, List.of(), List.of());
            default -> throw new IllegalArgumentException("not a medication or device record: " + type);
        };
    }

    static ObservationRecord observation(JsonNode node, RecordRef source)
    {
        FhirDate effective = date(node, "effectiveDateTime");
        if (effective == null) {
            effective = periodDate(node, "effectivePeriod", "start");
        }
        if (effective == null) {
            effective = date(node, "effectiveInstant");
        }
        return new ObservationRecord(source, concept(node.get("code")), text(node, "status"), quantity(node.get("valueQuantity")), effective);
    }

    static ImagingStudyRecord imagingStudy(JsonNode node, RecordRef source)
    {
        Set<String> modalities = new HashSet<>();
        addModalities(node.get("modality"), modalities);
        JsonNode series = node.get("series");
        if (series != null && series.isArray()) {
            series.forEach(element -> addModalities(element.get("modality"), modalities));
        }
        return new ImagingStudyRecord(source, text(node, "status"), modalities, date(node, "started"));
    }

    private static void addModalities(JsonNode node, Set<String> modalities)
    {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> addModalities(element, modalities));
        }
        else if (node.isObject() && text(node, "code") != null) {
            modalities.add(text(node, "code"));
        }
        else if (node.isObject()) {
            // a CodeableConcept (as R5 writes modality)
            concept(node).codings().stream().map(org.casebook.screening.fhir.Coding::code).filter(code -> code != null).forEach(modalities::add);
        }
    }

    /** The drug: the record's own concept, a contained Medication ({@code #id}), or a Medication resource. */
    private Concept drug(JsonNode node)
    {
        if (node.has("medicationCodeableConcept")) {
            return concept(node.get("medicationCodeableConcept"));
        }
        String reference = text(node.path("medicationReference"), "reference");
        if (reference == null) {
            return Concept.EMPTY;
        }
        if (reference.startsWith("#")) {
            String id = reference.substring(1);
            JsonNode contained = node.get("contained");
            if (contained != null && contained.isArray()) {
                for (JsonNode resource : contained) {
                    if (id.equals(text(resource, "id"))) {
                        return concept(resource.get("code"));
                    }
                }
            }
            missingReference.accept("contained Medication");
            return Concept.EMPTY;
        }
        String id = FhirJson.referenceId(node.get("medicationReference"), "Medication").orElse(null);
        Concept medication = id == null ? null : medications.get(id);
        if (medication == null) {
            missingReference.accept("Medication");
            return Concept.EMPTY;
        }
        return medication;
    }

    private static FhirDate effectiveStart(JsonNode node)
    {
        FhirDate start = date(node, "effectiveDateTime");
        return start != null ? start : periodDate(node, "effectivePeriod", "start");
    }

    private static List<JsonNode> doseQuantities(JsonNode dosages)
    {
        List<JsonNode> quantities = new ArrayList<>();
        if (dosages != null && dosages.isArray()) {
            for (JsonNode dosage : dosages) {
                JsonNode rates = dosage.get("doseAndRate");
                if (rates != null && rates.isArray()) {
                    rates.forEach(rate -> quantities.add(rate.get("doseQuantity")));
                }
            }
        }
        return quantities;
    }

    private static List<Quantity> doses(List<JsonNode> nodes)
    {
        List<Quantity> doses = new ArrayList<>();
        for (JsonNode node : nodes) {
            Quantity quantity = quantity(node);
            if (quantity != null) {
                doses.add(quantity);
            }
        }
        return doses;
    }
}
