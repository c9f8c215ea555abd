package org.casebook.screening.generic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The counts of a screening run, written to {@code flow.json}. */
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

    /** The candidates' counts from zero, every criterion after the index in protocol order (flow.json's order), before any candidate is counted. */
    void startCriteria(java.util.List<String> criterionIds)
    {
        withIndexEvent = 0;
        for (String id : criterionIds.subList(1, criterionIds.size())) {
            afterCriterion.put(id, 0L);
        }
        for (String id : criterionIds.subList(1, criterionIds.size())) {
            excludedByReason.put(id, 0L);
        }
    }

    /** A candidate: with an index event, past each criterion it met in a row, excluded at the one it failed (if any). */
    void countCandidate(java.util.List<String> criterionIds, GenericDecision decision)
    {
        withIndexEvent++;
        for (int index = 1; index < criterionIds.size() && index <= decision.criteriaMet(); index++) {
            afterCriterion.merge(criterionIds.get(index), 1L, Long::sum);
        }
        if (decision.failedCriterion() != null && excludedByReason.containsKey(decision.failedCriterion())) {
            excludedByReason.merge(decision.failedCriterion(), 1L, Long::sum);
        }
    }

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

    /** So many records of this type were passed over as of no use to screening (a table's rows, counted from its metadata). */
    public void countIgnored(String type, long records)
    {
        if (records > 0) {
            resourcesIgnored.merge(type, records, Long::sum);
        }
    }

    /** A line or row was skipped for this reason ({@code lines_skipped}). */
    public void countSkipped(String reason)
    {
        increment(linesSkipped, reason);
    }

    /** Adds a part's reading counts (patients, records read, ignored, skipped, passed over, missing references): what an engine that reads in parts merges. */
    public void addReadingCounts(GenericFlow part)
    {
        patientsInExtract += part.patientsInExtract;
        part.resourcesRead.forEach((key, count) -> resourcesRead.merge(key, count, Long::sum));
        part.resourcesIgnored.forEach((key, count) -> resourcesIgnored.merge(key, count, Long::sum));
        part.linesSkipped.forEach((key, count) -> linesSkipped.merge(key, count, Long::sum));
        part.linesPassedOver.forEach((key, count) -> linesPassedOver.merge(key, count, Long::sum));
        part.referencesMissing.forEach((key, count) -> referencesMissing.merge(key, count, Long::sum));
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

    /** Lines not parsed because they could not matter ({@code lines_passed_over_unparsed}), by type. */
    public Map<String, Long> linesPassedOver()
    {
        return Map.copyOf(linesPassedOver);
    }

    public Map<String, Long> referencesMissing()
    {
        return Map.copyOf(referencesMissing);
    }
}
