package org.casebook.screening.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.casebook.codeset.CodeSystems;
import org.casebook.screening.facts.ConditionRecord;
import org.casebook.screening.facts.EncounterRecord;
import org.casebook.screening.facts.ImagingStudyRecord;
import org.casebook.screening.facts.MedicationUse;
import org.casebook.screening.facts.ObservationRecord;
import org.casebook.screening.facts.PatientFacts;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;

/** Small named facts for rule tests: one patient, built record by record. */
final class Facts
{
    static final Concept ILD = Concept.coded(CodeSystems.ICD10_CM, "J84.10", "Pulmonary fibrosis");
    static final Concept RA = Concept.coded(CodeSystems.SNOMED_CT, "69896004", "Rheumatoid arthritis");
    static final Concept MPSL = Concept.coded(CodeSystems.RXNORM, "6902", "methylprednisolone");
    static final Concept UPADACITINIB = Concept.coded(CodeSystems.RXNORM, "2196092", "upadacitinib");

    final List<EncounterRecord> encounters = new ArrayList<>();
    final List<ConditionRecord> conditions = new ArrayList<>();
    final List<MedicationUse> medications = new ArrayList<>();
    final List<ObservationRecord> observations = new ArrayList<>();
    final List<ImagingStudyRecord> studies = new ArrayList<>();

    static FhirDate date(String text)
    {
        return text == null ? null : FhirDate.parse(text).orElseThrow();
    }

    static RecordRef ref(String type, String id)
    {
        return new RecordRef(type, id, type + ".ndjson", 1);
    }

    Facts admission(String id, String classCode, String status, String start, String end, Concept reason, String... conditionIds)
    {
        encounters.add(new EncounterRecord(ref("Encounter", id), status, classCode, date(start), date(end), reason == null ? List.of() : List.of(reason), List.of(conditionIds)));
        return this;
    }

    Facts admission(String id, String start, String end)
    {
        return admission(id, "IMP", "finished", start, end, ILD);
    }

    Facts condition(String id, Concept code, String verification, String onset, String recorded, String encounterId)
    {
        conditions.add(new ConditionRecord(ref("Condition", id), code, verification, date(onset), null, date(recorded), encounterId));
        return this;
    }

    Facts ra(String onset)
    {
        return condition("ra-" + conditions.size(), RA, "confirmed", onset, null, null);
    }

    Facts drug(String id, MedicationUse.Kind kind, String status, Concept drug, String start, String end, BigDecimal doseMg, Concept... reasons)
    {
        List<Quantity> doses = doseMg == null ? List.of() : List.of(new Quantity(doseMg, "mg", "mg"));
        String type = switch (kind) {
            case ADMINISTRATION -> "MedicationAdministration";
            case REQUEST -> "MedicationRequest";
            case STATEMENT -> "MedicationStatement";
            case DEVICE_REQUEST -> "DeviceRequest";
        };
        medications.add(new MedicationUse(ref(type, id), kind, status, drug, date(start), date(end), List.of(reasons), doses));
        return this;
    }

    Facts given(String id, Concept drug, String start)
    {
        return drug(id, MedicationUse.Kind.ADMINISTRATION, "completed", drug, start, null, null);
    }

    Facts observation(String id, String loinc, String value, String unit, String effective)
    {
        observations.add(new ObservationRecord(ref("Observation", id), Concept.coded(CodeSystems.LOINC, loinc, null), "final",
                new Quantity(new BigDecimal(value), unit, unit), date(effective)));
        return this;
    }

    Facts ct(String id, String modality, String started)
    {
        studies.add(new ImagingStudyRecord(ref("ImagingStudy", id), "available", java.util.Set.of(modality), date(started)));
        return this;
    }

    /** A patient meeting every criterion at admission {@code enc1} on 2024-03-10, discharged 2024-03-30. */
    static Facts eligible()
    {
        return new Facts()
                .admission("enc1", "2024-03-10T10:00:00+09:00", "2024-03-30T10:00:00+09:00")
                .ra("2015-04-01")
                .given("mpsl1", MPSL, "2024-03-10T20:00:00+09:00")
                .given("jak1", UPADACITINIB, "2024-03-12T09:00:00+09:00");
    }

    PatientFacts build()
    {
        return new PatientFacts("p1", Optional.empty(), encounters, conditions, medications, observations, studies, Optional.empty());
    }
}
