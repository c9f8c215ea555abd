package org.casebook.store.screening;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A decision as submitted: made on {@code version} of the patient's review (0 when there was
 * none yet), with the checklist answers by item id and the reason. {@code decision} may be null
 * (not chosen), which the rules report.
 */
public record ReviewRequest(int version, ReviewDecision decision, Map<String, Answer> answers, String reason)
{
    public ReviewRequest
    {
        answers = Map.copyOf(requireNonNull(answers, "answers is null"));
    }
}
