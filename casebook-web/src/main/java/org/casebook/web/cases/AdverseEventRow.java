package org.casebook.web.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.casebook.store.cases.AdverseEventEdit;
import org.casebook.store.cases.StoredAdverseEvent;

/**
 * One adverse-event form of the case page: a stored event ({@code id} set) or the empty form
 * adding one ({@code id} null), with the stored (or just submitted) text and its errors by column.
 */
public record AdverseEventRow(Long id, String term, String onsetDate, String grade, String ctcaeVersion, String serious, String relatedTo, String action,
        String outcome, Map<String, String> errors)
{
    public AdverseEventRow
    {
        errors = Map.copyOf(errors);
    }

    static AdverseEventRow of(StoredAdverseEvent event)
    {
        Map<String, String> fields = event.fields();
        return new AdverseEventRow(event.id(), event.term(), orEmpty(fields.get("onset_date")), orEmpty(fields.get("grade")), orEmpty(fields.get("ctcae_version")),
                orEmpty(fields.get("serious")), orEmpty(fields.get("related_to")), orEmpty(fields.get("action")), orEmpty(fields.get("outcome")), Map.of());
    }

    static AdverseEventRow submitted(Long id, AdverseEventEdit edit, Map<String, String> errors)
    {
        return new AdverseEventRow(id, edit.term(), edit.onsetDate(), edit.grade(), edit.ctcaeVersion(), edit.serious(), edit.relatedTo(), edit.action(),
                edit.outcome(), errors);
    }

    static AdverseEventRow empty()
    {
        return new AdverseEventRow(null, "", "", "", "", "", "", "", "", Map.of());
    }

    /** The rows of the page: every stored event, then the add form; {@code failed} (if any) replaces its row. */
    static List<AdverseEventRow> rows(List<StoredAdverseEvent> events, AdverseEventRow failed)
    {
        List<AdverseEventRow> rows = new ArrayList<>();
        for (StoredAdverseEvent event : events) {
            rows.add(failed != null && failed.id() != null && failed.id() == event.id() ? failed : of(event));
        }
        rows.add(failed != null && failed.id() == null ? failed : empty());
        return rows;
    }

    /** {@code new} for the add form, else the event's id: the inputs' ids are {@code ae-<key>-<column>}. */
    public String key()
    {
        return id == null ? "new" : id.toString();
    }

    public String error(String column)
    {
        return errors.get(column);
    }

    private static String orEmpty(String text)
    {
        return text == null ? "" : text;
    }
}
