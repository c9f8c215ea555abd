package org.casebook.store.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One adverse event of a case as stored: {@code grade} the CTCAE grade 1–5 and {@code serious}
 * the ICH E2A seriousness, both null when not recorded (imported events may lack them).
 */
public record StoredAdverseEvent(long id, long caseId, String term, String onsetDate, Integer grade, Boolean serious, String relatedTo, String action)
{
    public StoredAdverseEvent
    {
        requireNonNull(term, "term is null");
    }

    /** The audited fields by column, in the workbook's order, as text ({@code yes}/{@code no}); null when not recorded. */
    public Map<String, String> fields()
    {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("term", term);
        fields.put("onset_date", onsetDate);
        fields.put("grade", grade == null ? null : grade.toString());
        fields.put("serious", serious == null ? null : serious ? "yes" : "no");
        fields.put("related_to", relatedTo);
        fields.put("action", action);
        return fields;
    }

    /** The audit trail's field name of one column of this event: {@code adverse_event.7.grade}. */
    public static String auditField(long eventId, String column)
    {
        return "adverse_event." + eventId + "." + column;
    }
}
