package org.casebook.web.study;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.casebook.error.CasebookException;
import org.casebook.store.screening.AeChecklist;
import org.casebook.store.screening.Answer;
import org.casebook.store.screening.Review;
import org.casebook.store.screening.ReviewDecision;
import org.casebook.store.screening.ReviewRequest;

import static java.util.Objects.requireNonNull;

/**
 * The review form of one patient as shown or submitted: the version it was made on, the
 * decision, the answers by checklist item and the reason, all as text (so a refused submission
 * is shown again as typed). Form fields: {@code version}, {@code decision}, {@code reason} and
 * {@code answer.<item>} per checklist item.
 */
public record ScreeningReviewForm(int version, String decision, Map<String, String> answers, String reason)
{
    public static final String ANSWER_PREFIX = "answer.";

    public ScreeningReviewForm
    {
        answers = Map.copyOf(requireNonNull(answers, "answers is null"));
    }

    /** The empty form of a patient without a decision, or the current decision with a blank reason (a change needs a new one). */
    public static ScreeningReviewForm of(Review review)
    {
        if (review == null) {
            return new ScreeningReviewForm(0, "", Map.of(), "");
        }
        Map<String, String> answers = new HashMap<>();
        review.answers().forEach((item, answer) -> answers.put(item, answer.text()));
        return new ScreeningReviewForm(review.version(), review.decision().text(), answers, "");
    }

    /** The submitted form fields. */
    public static ScreeningReviewForm fromForm(Map<String, String> form, AeChecklist checklist)
    {
        Map<String, String> answers = new LinkedHashMap<>();
        for (AeChecklist.Item item : checklist.items()) {
            String answer = form.get(ANSWER_PREFIX + item.id());
            if (answer != null) {
                answers.put(item.id(), answer);
            }
        }
        int version;
        try {
            version = Integer.parseInt(form.getOrDefault("version", "0").strip());
        }
        catch (NumberFormatException e) {
            throw CasebookException.badInput("version '%s' is not a number", form.get("version"));
        }
        return new ScreeningReviewForm(version, form.getOrDefault("decision", ""), answers, form.getOrDefault("reason", ""));
    }

    /** The request for the store; answers that are not yes/no/unknown count as unanswered. */
    public ReviewRequest toRequest()
    {
        Map<String, Answer> parsed = new LinkedHashMap<>();
        answers.forEach((item, text) -> Answer.fromText(text).ifPresent(answer -> parsed.put(item, answer)));
        return new ReviewRequest(version, ReviewDecision.fromText(decision).orElse(null), parsed, reason);
    }

    public String answer(String item)
    {
        return answers.getOrDefault(item, "");
    }
}
