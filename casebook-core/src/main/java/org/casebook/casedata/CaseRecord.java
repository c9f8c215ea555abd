package org.casebook.casedata;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One patient of the series as the investigators recorded it (a row of the {@code cases} sheet):
 * the patient's id, the protocol's case field values by field name and where they came from.
 * Nothing here names a field of any one study: which field is day 0, the death or the last
 * follow-up is the protocol's to say ({@link CaseRecords#of}, {@code outcomes.death}).
 *
 * @param dayZero day 0 of the patient's timeline, the protocol's {@code day0.field} (or its
 *        fallback) as {@link CaseRecords#of} read it
 * @param fields the values by field name, typed as {@link org.casebook.schema.FieldParser} reads
 *        them; a value not recorded is absent, never guessed
 */
public record CaseRecord(String patientId, LocalDate dayZero, Map<String, Object> fields, SourceRef source)
{
    public CaseRecord
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(dayZero, "dayZero is null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }

    /** The case's values by the protocol's field names (the same as {@link #fields()}). */
    public Map<String, Object> values()
    {
        return fields;
    }

    /** The value of a date field, or null when it is not recorded (or the field is not a date). */
    public LocalDate date(String field)
    {
        return field != null && fields.get(field) instanceof LocalDate date ? date : null;
    }

    /** The value of a number or integer field as a double, or null when it is not recorded. */
    public Double number(String field)
    {
        Object value = field == null ? null : fields.get(field);
        return value instanceof Number number ? number.doubleValue() : null;
    }

    /** The value of a yes/no field, or null when it is not recorded. */
    public Boolean yesNo(String field)
    {
        return field != null && fields.get(field) instanceof Boolean yes ? yes : null;
    }

    /** The value of a text, category or agent field, or null when it is not recorded. */
    public String text(String field)
    {
        return field != null && fields.get(field) instanceof String text ? text : null;
    }
}
