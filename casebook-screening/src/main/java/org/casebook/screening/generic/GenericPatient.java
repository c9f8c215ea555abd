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
        List<GenericRecord> sorted = new ArrayList<>(requireNonNull(records, "records is null"));
        sorted.sort(java.util.Comparator.comparing(GenericRecord::isDated).reversed().thenComparing((a, b) -> a.isDated() && b.isDated() ? GenericRecord.ORDER.compare(a, b) : 0));
        records = List.copyOf(sorted);
    }

    /** The patient's records of one kind, in time order (undated last). */
    public List<GenericRecord> records(String kind)
    {
        return records.stream().filter(record -> record.kind().equals(kind)).toList();
    }
}
