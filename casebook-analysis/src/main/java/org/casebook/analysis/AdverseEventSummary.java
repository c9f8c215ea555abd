package org.casebook.analysis;

import java.util.Map;

/**
 * Adverse events of the series: number of events, patients with at least one, events by CTCAE
 * grade (key {@code unrecorded} for events without a grade), and by seriousness.
 */
public record AdverseEventSummary(int events, int patients, Map<String, Integer> byGrade, int serious, int nonSerious, int seriousnessUnrecorded,
        boolean collected)
{
    public AdverseEventSummary
    {
        byGrade = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byGrade));
    }
}
