package org.casebook.store.screening;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A record that met one eligibility criterion of a screened patient ({@code criterion} the
 * protocol's criterion id; {@code resourceType} and {@code resourceId} the record, as in the log's
 * evidence), what the record is ({@link Facts}, from the output's {@code evidence.csv}; {@link Facts#UNKNOWN}
 * for an output without it) and the values the screening took from it for the patient's case (from
 * {@code cases/provenance.csv}; empty when it gave none, as a diagnosis that only had to exist).
 */
public record EvidenceRecord(String patientId, String criterion, String resourceType, String resourceId, Facts facts, List<Value> values)
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

    /**
     * What the record is, as {@code evidence.csv} says: the protocol's kind of record
     * ({@code condition}, {@code medication}, …), the code it matched by and its display in words,
     * its date as written in the extract, its value and unit. Empty text for what it lacks.
     */
    public record Facts(String kind, String codeSystem, String code, String display, String date, String value, String unit)
    {
        public static final Facts UNKNOWN = new Facts("", "", "", "", "", "", "");

        public Facts
        {
            kind = orEmpty(kind);
            codeSystem = orEmpty(codeSystem);
            code = orEmpty(code);
            display = orEmpty(display);
            date = orEmpty(date);
            value = orEmpty(value);
            unit = orEmpty(unit);
        }

        public boolean isKnown()
        {
            return !equals(UNKNOWN);
        }

        private static String orEmpty(String text)
        {
            return text == null ? "" : text.strip();
        }
    }

    public EvidenceRecord
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(criterion, "criterion is null");
        requireNonNull(resourceType, "resourceType is null");
        requireNonNull(resourceId, "resourceId is null");
        requireNonNull(facts, "facts is null");
        values = List.copyOf(values);
    }
}
