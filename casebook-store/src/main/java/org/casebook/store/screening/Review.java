package org.casebook.store.screening;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** The current decision on one patient: its version, checklist answers, reason, reviewer and time. */
public record Review(long id, String patientId, int version, String checklist, ReviewDecision decision, Map<String, Answer> answers,
        String reason, String reviewer, String reviewedAt)
{
    public Review
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(decision, "decision is null");
        answers = Map.copyOf(requireNonNull(answers, "answers is null"));
    }
}
