package org.casebook.screening.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a screening run, written to {@code flow.json}: patients at each step, excluded by
 * reason, and what happened to every line of the extract.
 */
public final class Flow
{
    long patientsInExtract;
    long withIndexAdmission;
    /** Patients whose deciding admission met the criterion, by criterion id in protocol order. */
    final Map<String, Long> afterCriterion = new LinkedHashMap<>();
    final Map<String, Long> excludedByReason = new LinkedHashMap<>();
    final Map<String, Long> resourcesRead = new TreeMap<>();
    final Map<String, Long> resourcesIgnored = new TreeMap<>();
    final Map<String, Long> linesSkipped = new TreeMap<>();
    final Map<String, Long> linesPassedOver = new TreeMap<>();
    final Map<String, Long> referencesMissing = new TreeMap<>();
    long bytesRead;

    /** Adds another part's line and resource counts (the second pass counts per file, then merges). */
    void add(Flow part)
    {
        patientsInExtract += part.patientsInExtract;
        part.resourcesRead.forEach((key, count) -> resourcesRead.merge(key, count, Long::sum));
        part.resourcesIgnored.forEach((key, count) -> resourcesIgnored.merge(key, count, Long::sum));
        part.linesSkipped.forEach((key, count) -> linesSkipped.merge(key, count, Long::sum));
        part.linesPassedOver.forEach((key, count) -> linesPassedOver.merge(key, count, Long::sum));
        part.referencesMissing.forEach((key, count) -> referencesMissing.merge(key, count, Long::sum));
    }

    static void increment(Map<String, Long> counts, String key)
    {
        counts.merge(key, 1L, Long::sum);
    }

    public long patientsInExtract()
    {
        return patientsInExtract;
    }

    public long withIndexAdmission()
    {
        return withIndexAdmission;
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

    public Map<String, Long> linesPassedOver()
    {
        return Map.copyOf(linesPassedOver);
    }

    public Map<String, Long> referencesMissing()
    {
        return Map.copyOf(referencesMissing);
    }

    /** Bytes of the extract's files as stored (compressed for .gz), summed over both passes. */
    public long bytesRead()
    {
        return bytesRead;
    }

    public long resourcesParsed()
    {
        return resourcesRead.values().stream().mapToLong(Long::longValue).sum();
    }
}
