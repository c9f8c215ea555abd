package org.casebook.protocol;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One eligibility rule, evaluated by EHR screening in the protocol's order. {@code kind} says
 * what record it looks at (encounter, condition, medication, observation, procedure,
 * device_request, imaging_study), {@code codeSet} which concept (null for imaging by modality),
 * and {@code timing} when the record must fall: {@code study_window} (the index event),
 * {@code on_or_before_admission}, {@code during_admission}, {@code window} (days from the index
 * date, {@code window}) or {@code relative} (days from another criterion's record,
 * {@code relativeTo} and {@code window}). An exclusion is met when no such record exists.
 */
public record EligibilityCriterion(
        String id,
        String description,
        String kind,
        String codeSet,
        String timing,
        List<String> encounterClasses,
        List<String> excludedStatuses,
        boolean exclusion,
        DayWindow window,
        String relativeTo,
        int minCount,
        boolean firstRecord,
        RecordFilter filter)
{
    public EligibilityCriterion
    {
        requireNonNull(id, "id is null");
        requireNonNull(description, "description is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(timing, "timing is null");
        encounterClasses = List.copyOf(requireNonNull(encounterClasses, "encounterClasses is null"));
        excludedStatuses = List.copyOf(requireNonNull(excludedStatuses, "excludedStatuses is null"));
        requireNonNull(filter, "filter is null");
    }

    /** A criterion of the seed's three kinds and timings. */
    public EligibilityCriterion(String id, String description, String kind, String codeSet, String timing, List<String> encounterClasses, List<String> excludedStatuses)
    {
        this(id, description, kind, codeSet, timing, encounterClasses, excludedStatuses, false, null, null, 1, false, RecordFilter.NONE);
    }

    public boolean isIndexEvent()
    {
        return timing.equals("study_window");
    }
}
