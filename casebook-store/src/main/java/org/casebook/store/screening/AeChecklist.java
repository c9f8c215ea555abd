package org.casebook.store.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import static java.util.Objects.requireNonNull;

/**
 * The acute-exacerbation criteria checklist, read from data ({@code ae-checklist.yaml}: Collard
 * 2016 adapted for RA-ILD), and the rules tying a decision to its answers:
 * <ul>
 * <li>{@code confirmed}: every item answered yes;</li>
 * <li>{@code suspected}: no item no, and the only unknowns are CT items ({@code ct: true}): the
 * event fits but CT data are missing;</li>
 * <li>{@code rejected}: some item answered no, or a non-CT item unknown (the AE is not established).</li>
 * </ul>
 * So the answers determine the one decision allowed; the investigator states it explicitly and
 * the server refuses a decision the answers contradict.
 */
public record AeChecklist(String id, List<Item> items)
{
    private static final String RESOURCE = "ae-checklist.yaml";

    /** One criterion; a {@code ct} item may be unknown for a suspected AE. */
    public record Item(String id, String label, boolean ct)
    {
        public Item
        {
            requireNonNull(id, "id is null");
            requireNonNull(label, "label is null");
        }
    }

    public AeChecklist
    {
        requireNonNull(id, "id is null");
        items = List.copyOf(requireNonNull(items, "items is null"));
        if (items.isEmpty()) {
            throw new IllegalArgumentException("checklist '" + id + "' has no items");
        }
    }

    /** The checklist shipped with casebook. */
    public static AeChecklist builtIn()
    {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = AeChecklist.class.getResourceAsStream(RESOURCE)) {
            return yaml.readValue(requireNonNull(in, RESOURCE + " is missing"), AeChecklist.class);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one decision the answers allow (every item must be answered). */
    public ReviewDecision decisionFor(Map<String, Answer> answers)
    {
        boolean suspected = false;
        for (Item item : items) {
            Answer answer = requireNonNull(answers.get(item.id()), "no answer for " + item.id());
            switch (answer) {
                case YES -> { }
                case NO -> {
                    return ReviewDecision.REJECTED;
                }
                case UNKNOWN -> {
                    if (!item.ct()) {
                        return ReviewDecision.REJECTED;
                    }
                    suspected = true;
                }
            }
        }
        return suspected ? ReviewDecision.SUSPECTED : ReviewDecision.CONFIRMED;
    }

    /**
     * Every problem of a review, by field ({@code decision}, {@code reason}, {@code answers.ra_ild}):
     * an unanswered or unknown item, a missing decision or reason, a decision the answers contradict.
     */
    public Map<String, String> problems(ReviewDecision decision, Map<String, Answer> answers, String reason)
    {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String answered : answers.keySet()) {
            if (items.stream().noneMatch(item -> item.id().equals(answered))) {
                problems.put("answers." + answered, "'" + answered + "' is not an item of checklist " + id);
            }
        }
        for (Item item : items) {
            if (!answers.containsKey(item.id())) {
                problems.put("answers." + item.id(), "answer yes, no or unknown: " + item.label());
            }
        }
        if (decision == null) {
            problems.put("decision", "choose a decision: confirmed, suspected or rejected");
        }
        if (reason == null || reason.isBlank()) {
            problems.put("reason", "a reason is required for every decision");
        }
        if (decision != null && problems.keySet().stream().noneMatch(field -> field.startsWith("answers."))) {
            ReviewDecision allowed = decisionFor(answers);
            if (allowed != decision) {
                problems.put("decision", "the checklist answers make this " + allowed.label() + ", not " + decision.label() + ": " + explain(answers));
            }
        }
        return problems;
    }

    private String explain(Map<String, Answer> answers)
    {
        List<String> notYes = items.stream().filter(item -> answers.get(item.id()) != Answer.YES)
                .map(item -> item.id() + " is " + answers.get(item.id()).text() + (item.ct() ? " (a CT item)" : ""))
                .toList();
        return notYes.isEmpty() ? "every criterion is answered yes" : String.join(", ", notYes);
    }
}
