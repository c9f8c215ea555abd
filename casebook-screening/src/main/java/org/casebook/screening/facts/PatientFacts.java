package org.casebook.screening.facts;

import java.util.List;
import java.util.Optional;

import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * Everything screening knows about one patient: the input of the rules, which are pure functions
 * of it. A local streaming engine builds it from NDJSON files; a distributed engine can build it
 * the same way from partitions grouped by patient.
 *
 * @param patient the Patient resource, when the extract holds it
 * @param latestRecord the latest date written on any record of the patient that was read, and that record (last follow-up)
 */
public record PatientFacts(
        String patientId,
        Optional<PatientRecord> patient,
        List<EncounterRecord> encounters,
        List<ConditionRecord> conditions,
        List<MedicationUse> medications,
        List<ObservationRecord> observations,
        List<ImagingStudyRecord> imagingStudies,
        Optional<DatedRecord> latestRecord)
{
    public PatientFacts
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(patient, "patient is null");
        encounters = List.copyOf(requireNonNull(encounters, "encounters is null"));
        conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
        medications = List.copyOf(requireNonNull(medications, "medications is null"));
        observations = List.copyOf(requireNonNull(observations, "observations is null"));
        imagingStudies = List.copyOf(requireNonNull(imagingStudies, "imagingStudies is null"));
        requireNonNull(latestRecord, "latestRecord is null");
    }

    public Optional<ConditionRecord> findCondition(String id)
    {
        return conditions.stream().filter(condition -> condition.id().equals(id)).findFirst();
    }

    /** A date written on a record, and the record. */
    public record DatedRecord(FhirDate date, RecordRef source)
    {
        public DatedRecord
        {
            requireNonNull(date, "date is null");
            requireNonNull(source, "source is null");
        }
    }
}
