package org.casebook.store.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.casedata.AdverseEvent;

import static java.util.Objects.requireNonNull;

/**
 * One adverse event of a case as stored: {@code grade} the CTCAE grade 1–5, {@code ctcaeVersion}
 * the CTCAE version it is by (null: the study's), {@code serious} the ICH E2A seriousness and
 * {@code outcome} one of the protocol's outcome levels, each null when not recorded (imported
 * events may lack them).
 */
public record StoredAdverseEvent(long id, long caseId, String term, String onsetDate, Integer grade, String ctcaeVersion, Boolean serious, String relatedTo,
        String action, String outcome)
{
    /** The audited columns, in the workbook's order. */
    public static final List<String> COLUMNS = List.of("term", "onset_date", "grade", "ctcae_version", "serious", "related_to", "action", "outcome");

    public StoredAdverseEvent
    {
        requireNonNull(term, "term is null");
    }

    /** An imported event, as it is stored for case {@code caseId}. */
    static StoredAdverseEvent of(long id, long caseId, AdverseEvent event)
    {
        return new StoredAdverseEvent(id, caseId, event.term(), event.onsetDate() == null ? null : event.onsetDate().toString(), event.grade(),
                event.ctcaeVersion(), event.serious(), event.relatedTo(), event.action(), event.outcome());
    }

    /** The audited fields by column ({@link #COLUMNS}), as text ({@code yes}/{@code no}); null when not recorded. */
    public Map<String, String> fields()
    {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("term", term);
        fields.put("onset_date", onsetDate);
        fields.put("grade", grade == null ? null : grade.toString());
        fields.put("ctcae_version", ctcaeVersion);
        fields.put("serious", serious == null ? null : serious ? "yes" : "no");
        fields.put("related_to", relatedTo);
        fields.put("action", action);
        fields.put("outcome", outcome);
        return fields;
    }

    /** The audit trail's field name of one column of this event: {@code adverse_event.7.grade}. */
    public static String auditField(long eventId, String column)
    {
        return "adverse_event." + eventId + "." + column;
    }
}
