package org.casebook.screening.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/** Collects one patient's records in any order; not thread-safe. */
public final class PatientFactsBuilder
{
    private final String patientId;
    private PatientRecord patient;
    private final List<EncounterRecord> encounters = new ArrayList<>();
    private final List<ConditionRecord> conditions = new ArrayList<>();
    private final List<MedicationUse> medications = new ArrayList<>();
    private final List<ObservationRecord> observations = new ArrayList<>();
    private final List<ImagingStudyRecord> imagingStudies = new ArrayList<>();
    private PatientFacts.DatedRecord latest;

    public PatientFactsBuilder(String patientId)
    {
        this.patientId = requireNonNull(patientId, "patientId is null");
    }

    public String patientId()
    {
        return patientId;
    }

    public PatientFactsBuilder patient(PatientRecord record)
    {
        this.patient = record;
        return this;
    }

    public PatientFactsBuilder add(EncounterRecord record)
    {
        encounters.add(record);
        return this;
    }

    public PatientFactsBuilder add(ConditionRecord record)
    {
        conditions.add(record);
        return this;
    }

    public PatientFactsBuilder add(MedicationUse record)
    {
        medications.add(record);
        return this;
    }

    public PatientFactsBuilder add(ObservationRecord record)
    {
        observations.add(record);
        return this;
    }

    public PatientFactsBuilder add(ImagingStudyRecord record)
    {
        imagingStudies.add(record);
        return this;
    }

    /**
     * Notes a date written on one of the patient's records, for the last follow-up. Only a date that
     * names a day counts: a later {@code 2025} must not hide the latest known day.
     */
    public PatientFactsBuilder recordDate(FhirDate date, RecordRef source)
    {
        if (date != null && date.isDayPrecise() && (latest == null || FhirDate.ORDER.compare(date, latest.date()) > 0)) {
            latest = new PatientFacts.DatedRecord(date, source);
        }
        return this;
    }

    /** Appends the records another builder of the same patient collected (read later), as if added here. */
    public PatientFactsBuilder addAll(PatientFactsBuilder later)
    {
        if (later.patient != null) {
            patient = later.patient;
        }
        encounters.addAll(later.encounters);
        conditions.addAll(later.conditions);
        medications.addAll(later.medications);
        observations.addAll(later.observations);
        imagingStudies.addAll(later.imagingStudies);
        if (later.latest != null) {
            recordDate(later.latest.date(), later.latest.source());
        }
        return this;
    }

    public boolean hasEncounters()
    {
        return !encounters.isEmpty();
    }

    public PatientFacts build()
    {
        return new PatientFacts(patientId, Optional.ofNullable(patient), encounters, conditions, medications, observations, imagingStudies, Optional.ofNullable(latest));
    }
}
