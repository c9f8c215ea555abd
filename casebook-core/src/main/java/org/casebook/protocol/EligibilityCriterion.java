package org.casebook.protocol;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One eligibility rule, evaluated by EHR screening. {@code kind} says what record it looks at
 * (encounter, condition, medication), {@code codeSet} which concept, and {@code timing} when the
 * record must fall relative to the index admission ({@code study_window},
 * {@code on_or_before_admission}, {@code during_admission}). Encounter rules also name the
 * accepted encounter classes and the statuses that never count.
 */
public record EligibilityCriterion(
        String id,
        String description,
        String kind,
        String codeSet,
        String timing,
        List<String> encounterClasses,
        List<String> excludedStatuses)
{
    public EligibilityCriterion
    {
        requireNonNull(id, "id is null");
        requireNonNull(description, "description is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(codeSet, "codeSet is null");
        requireNonNull(timing, "timing is null");
        encounterClasses = List.copyOf(requireNonNull(encounterClasses, "encounterClasses is null"));
        excludedStatuses = List.copyOf(requireNonNull(excludedStatuses, "excludedStatuses is null"));
    }
}
