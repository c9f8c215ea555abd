package org.casebook.screening.generic;

import java.util.ArrayList;
import java.util.List;

import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * One patient's facts for the generic engine: the Patient resource's birth date, gender and
 * death date (null when the extract has no Patient line for the id) and every record naming the
 * patient, in {@link GenericRecord#ORDER}.
 */
public record GenericPatient(String patientId, RecordRef patientSource, FhirDate birthDate, String gender, FhirDate deceased, List<GenericRecord> records)
{
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
    }

    /** The patient's records of one kind, in time order (undated last). */
    public List<GenericRecord> records(String kind)
    {
        return records.stream().filter(record -> record.kind().equals(kind)).toList();
    }
}
