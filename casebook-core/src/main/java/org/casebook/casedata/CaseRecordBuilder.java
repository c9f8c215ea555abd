package org.casebook.casedata;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link CaseRecord} value by value (fixtures, generated series); unset fields stay
 * absent (not recorded). Values are stored as the schema's parser types them: a {@code Double} is
 * kept as the {@link BigDecimal} a number field holds, an {@code Integer} as the {@code Long} of an
 * integer field.
 */
public final class CaseRecordBuilder
{
    private final String patientId;
    private LocalDate dayZero;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private SourceRef source;

    public CaseRecordBuilder(String patientId, LocalDate dayZero)
    {
        this.patientId = patientId;
        this.dayZero = dayZero;
        this.source = new SourceRef("case " + patientId);
    }

    public static CaseRecordBuilder from(CaseRecord record)
    {
        CaseRecordBuilder builder = new CaseRecordBuilder(record.patientId(), record.dayZero());
        builder.values.putAll(record.fields());
        builder.source = record.source();
        return builder;
    }

    /** Day 0 of the case (when it is not the date given to the constructor); null leaves it. */
    public CaseRecordBuilder dayZero(LocalDate date)
    {
        if (date != null) {
            this.dayZero = date;
        }
        return this;
    }

    /** Sets a field's value; null removes it (not recorded). */
    public CaseRecordBuilder set(String field, Object value)
    {
        if (value == null) {
            values.remove(field);
        }
        else {
            values.put(field, typed(value));
        }
        return this;
    }

    private static Object typed(Object value)
    {
        if (value instanceof Double number) {
            return BigDecimal.valueOf(number);
        }
        if (value instanceof Integer number) {
            return number.longValue();
        }
        return value;
    }

    public CaseRecordBuilder source(SourceRef source)
    {
        this.source = source;
        return this;
    }

    public CaseRecord build()
    {
        return new CaseRecord(patientId, dayZero, values, source);
    }
}
