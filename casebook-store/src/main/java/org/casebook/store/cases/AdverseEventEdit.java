package org.casebook.store.cases;

/**
 * A user's text for one adverse event, as typed on the case page or sent to the API: the
 * workbook's {@code adverse_events} columns. Blank text is "not recorded" (for {@code ctcaeVersion}:
 * the study's version); {@link AdverseEventValidator} checks it and turns it into the stored spelling.
 */
public record AdverseEventEdit(String term, String onsetDate, String grade, String ctcaeVersion, String serious, String relatedTo, String action, String outcome)
{
    public AdverseEventEdit
    {
        term = strip(term);
        onsetDate = strip(onsetDate);
        grade = strip(grade);
        ctcaeVersion = strip(ctcaeVersion);
        serious = strip(serious);
        relatedTo = strip(relatedTo);
        action = strip(action);
        outcome = strip(outcome);
    }

    private static String strip(String text)
    {
        return text == null ? "" : text.strip();
    }
}
