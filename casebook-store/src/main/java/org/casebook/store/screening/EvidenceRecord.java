package org.casebook.store.screening;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A record that met one eligibility criterion of a screened patient ({@code criterion} the
 * protocol's criterion id; {@code resourceType} and {@code resourceId} the record, as in the log's
 * evidence), with the values the screening took from it for the patient's case (from
 * {@code cases/provenance.csv}; empty when it gave none, as a diagnosis that only had to exist).
 */
public record EvidenceRecord(String patientId, String criterion, String resourceType, String resourceId, List<Value> values)
{
    /** One value taken from the record: the case field or variable, its time point ('' for a case field) and the value as written. */
    public record Value(String field, String timepoint, String value)
    {
        public Value
        {
            requireNonNull(field, "field is null");
            timepoint = timepoint == null ? "" : timepoint;
            requireNonNull(value, "value is null");
        }
    }

    public EvidenceRecord
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(criterion, "criterion is null");
        requireNonNull(resourceType, "resourceType is null");
        requireNonNull(resourceId, "resourceId is null");
        values = List.copyOf(values);
    }
}
