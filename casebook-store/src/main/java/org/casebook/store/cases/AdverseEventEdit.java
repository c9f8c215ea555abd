package org.casebook.store.cases;

/**
 * A user's text for one adverse event, as typed on the case page or sent to the API: the
 * workbook's {@code adverse_events} columns. Blank text is "not recorded"; {@link AdverseEventValidator}
 * checks it and turns it into the stored spelling.
 */
public record AdverseEventEdit(String term, String onsetDate, String grade, String serious, String relatedTo, String action)
{
    public AdverseEventEdit
    {
        term = strip(term);
        onsetDate = strip(onsetDate);
        grade = strip(grade);
        serious = strip(serious);
        relatedTo = strip(relatedTo);
        action = strip(action);
    }

    private static String strip(String text)
    {
        return text == null ? "" : text.strip();
    }
}
