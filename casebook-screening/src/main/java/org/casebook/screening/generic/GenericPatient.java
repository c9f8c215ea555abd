package org.casebook.screening.generic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * One patient's facts for the generic engine: the Patient resource's birth date, gender and
 * death date (null when the extract has no Patient line for the id), every record naming the
 * patient, in {@link GenericRecord#ORDER}, and the latest day written on the patient's records of
 * each kind ({@code patient}: the death date), kept records or not, for the last follow-up.
 */
public record GenericPatient(String patientId, RecordRef patientSource, FhirDate birthDate, String gender, FhirDate deceased, List<GenericRecord> records,
        Map<String, Dated> latest) implements java.io.Serializable
{
    /** Kinds in the order of their FHIR types' names, the order an export's files are read in. */
    public static final List<String> LATEST_ORDER = List.of("condition", "device_request", "encounter", "imaging_study", "medication", "observation", "patient", "procedure");

    /** A day written on a record, and the record. */
    public record Dated(FhirDate date, RecordRef source) implements java.io.Serializable {}

    /** A patient without latest days. */
    public GenericPatient(String patientId, RecordRef patientSource, FhirDate birthDate, String gender, FhirDate deceased, List<GenericRecord> records)
    {
        this(patientId, patientSource, birthDate, gender, deceased, records, Map.of());
    }

    public GenericPatient
    {
        requireNonNull(patientId, "patientId is null");
        List<GenericRecord> dated = new ArrayList<>();
        List<GenericRecord> undated = new ArrayList<>();
        requireNonNull(records, "records is null").forEach(record -> (record.isDated() ? dated : undated).add(record));
        dated.sort(GenericRecord.ORDER);
        undated.sort(java.util.Comparator.comparing((GenericRecord record) -> record.source().resourceType()).thenComparing(record -> record.source().id()));
        dated.addAll(undated);
        records = List.copyOf(dated);
        latest = Map.copyOf(requireNonNull(latest, "latest is null"));
    }

    /**
     * The latest day on the patient's records of these kinds (empty: every kind), the earlier-read
     * record on a tie; kinds are weighed in the order {@link #LATEST_ORDER}, the order an export's files are read.
     */
    public java.util.Optional<Dated> latestDay(List<String> kinds)
    {
        Dated best = null;
        for (String kind : LATEST_ORDER) {
            Dated dated = latest.get(kind);
            if (dated == null || !kinds.isEmpty() && !kinds.contains(kind)) {
                continue;
            }
            if (best == null || FhirDate.ORDER.compare(dated.date(), best.date()) > 0) {
                best = dated;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** The patient's records of one kind, in time order (undated last). */
    public List<GenericRecord> records(String kind)
    {
        return records.stream().filter(record -> record.kind().equals(kind)).toList();
    }
}
