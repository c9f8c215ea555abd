package org.casebook.screening.generic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The counts of a generic screening run, written to {@code flow.json} with the seed engine's keys. */
public final class GenericFlow
        implements java.io.Serializable
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

    /** A patient of the extract was read (flow.json's {@code patients_in_extract}); for input formats outside this package. */
    public void countPatient()
    {
        patientsInExtract++;
    }

    /** A record of this type (a FHIR type, an OMOP table) was read ({@code resources_read}). */
    public void countRead(String type)
    {
        increment(resourcesRead, type);
    }

    /** A record of this type was passed over as of no use to screening ({@code resources_ignored}). */
    public void countIgnored(String type)
    {
        increment(resourcesIgnored, type);
    }

    /** A line or row was skipped for this reason ({@code lines_skipped}). */
    public void countSkipped(String reason)
    {
        increment(linesSkipped, reason);
    }

    /** A record named something the input does not hold ({@code references_missing}). */
    public void countMissingReference(String what)
    {
        increment(referencesMissing, what);
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
