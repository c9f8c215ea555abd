package org.casebook.store.cases;

import java.util.List;

/**
 * A data query on one value of a case: {@code timepoint} is {@code ""} for a case field.
 * {@code value} is the value when the query was opened (null when it was empty). {@code status}
 * is {@code OPEN}, {@code ANSWERED} or {@code CLOSED}; a query that is not closed blocks locking.
 */
public record DataQuery(long id, long studyId, long caseId, String patientId, String timepoint, String variable, String value, String status,
        String openedBy, String openedAt, int version, List<Message> messages)
{
    public static final String OPEN = "OPEN";
    public static final String ANSWERED = "ANSWERED";
    public static final String CLOSED = "CLOSED";

    /** One step of the conversation: {@code action} is {@code OPEN}, {@code ANSWER} or {@code CLOSE}. */
    public record Message(int seq, String at, String username, String action, String text) {}

    public DataQuery
    {
        messages = List.copyOf(messages);
    }

    /** The form's and the case values' name of the value: {@code onset.pao2}, or {@code age} for a case field. */
    public String field()
    {
        return timepoint.isEmpty() ? variable : timepoint + "." + variable;
    }

    public boolean resolved()
    {
        return CLOSED.equals(status);
    }
}
