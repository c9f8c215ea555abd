package org.casebook.screening.generic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The counts of a generic screening run, written to {@code flow.json} with the seed engine's keys. */
public final class GenericFlow
{
    long patientsInExtract;
    long withIndexEvent;
    final Map<String, Long> afterCriterion = new LinkedHashMap<>();
    final Map<String, Long> excludedByReason = new LinkedHashMap<>();
    final Map<String, Long> resourcesRead = new TreeMap<>();
    final Map<String, Long> resourcesIgnored = new TreeMap<>();
    final Map<String, Long> linesSkipped = new TreeMap<>();
    final Map<String, Long> linesPassedOver = new TreeMap<>();
    final Map<String, Long> referencesMissing = new TreeMap<>();

    static void increment(Map<String, Long> counts, String key)
    {
        counts.merge(key, 1L, Long::sum);
    }

    public long patientsInExtract()
    {
        return patientsInExtract;
    }

    public long withIndexEvent()
    {
        return withIndexEvent;
    }

    public Map<String, Long> afterCriterion()
    {
        return Map.copyOf(afterCriterion);
    }

    public Map<String, Long> excludedByReason()
    {
        return Map.copyOf(excludedByReason);
    }

    public Map<String, Long> resourcesRead()
    {
        return Map.copyOf(resourcesRead);
    }

    public Map<String, Long> resourcesIgnored()
    {
        return Map.copyOf(resourcesIgnored);
    }

    public Map<String, Long> linesSkipped()
    {
        return Map.copyOf(linesSkipped);
    }

    public Map<String, Long> referencesMissing()
    {
        return Map.copyOf(referencesMissing);
    }
}
