package org.casebook.casedata;

import java.time.LocalDate;
import java.util.Map;

import org.casebook.schema.CaseSchema;

/** Builds a {@link CaseRecord} from a case's values as the protocol's schema reads them. */
public final class CaseRecords
{
    private CaseRecords() {}

    /**
     * The case of {@code values}, its day 0 the schema's {@code day0.field}, or its fallback when
     * that is blank. A case whose day-0 fields are both blank (refused by validation, so only
     * in a partial import) is placed at the epoch rather than dropped.
     */
    public static CaseRecord of(String patientId, CaseSchema schema, Map<String, Object> values, SourceRef source)
    {
        LocalDate dayZero = values.get(schema.dayZeroField()) instanceof LocalDate date ? date : null;
        if (dayZero == null && values.get(schema.anchorField()) instanceof LocalDate anchor) {
            dayZero = anchor;
        }
        return new CaseRecord(patientId, dayZero == null ? LocalDate.EPOCH : dayZero, values, source);
    }
}
