package org.casebook.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casebook.stats.Summary;

import static java.util.Objects.requireNonNull;

/**
 * The results of a case series under its protocol: what {@code casebook analyze} prints and writes
 * as JSON (docs/results-json.md), and what the report builds its tables and figures from.
 *
 * @param summaries time point → variable → summary, only where values exist
 * @param ctComposition time point → pattern → mean percent of lung (Ichikado only)
 * @param statistics confidence intervals of the counts, reader agreement in detail, survival
 */
public record SeriesResults(
        String protocolId,
        String protocolSha256,
        String ctSystem,
        int n,
        List<String> timepoints,
        Map<String, Map<String, Summary>> summaries,
        List<OutcomeCount> outcomes,
        Optional<Summary> daysStopToOnset,
        Map<String, Integer> agents,
        AdverseEventSummary adverseEvents,
        Optional<CtAgreement> ctAgreement,
        Map<String, Map<String, Double>> ctComposition,
        List<PatientResult> patients,
        List<ScanResult> scans,
        SeriesStatistics statistics)
{
    /** Results without {@link SeriesStatistics} (none computed). */
    public SeriesResults(String protocolId, String protocolSha256, String ctSystem, int n, List<String> timepoints,
            Map<String, Map<String, Summary>> summaries, List<OutcomeCount> outcomes, Optional<Summary> daysStopToOnset,
            Map<String, Integer> agents, AdverseEventSummary adverseEvents, Optional<CtAgreement> ctAgreement,
            Map<String, Map<String, Double>> ctComposition, List<PatientResult> patients, List<ScanResult> scans)
    {
        this(protocolId, protocolSha256, ctSystem, n, timepoints, summaries, outcomes, daysStopToOnset, agents, adverseEvents, ctAgreement,
                ctComposition, patients, scans, SeriesStatistics.none(0));
    }

    public SeriesResults
    {
        requireNonNull(protocolId, "protocolId is null");
        timepoints = List.copyOf(timepoints);
        summaries = Collections.unmodifiableMap(new LinkedHashMap<>(summaries));
        outcomes = List.copyOf(outcomes);
        agents = Collections.unmodifiableMap(new LinkedHashMap<>(agents));
        ctComposition = Collections.unmodifiableMap(new LinkedHashMap<>(ctComposition));
        patients = List.copyOf(patients);
        scans = List.copyOf(scans);
        requireNonNull(statistics, "statistics is null");
    }

    public Optional<Summary> findSummary(String timepoint, String variable)
    {
        return Optional.ofNullable(summaries.getOrDefault(timepoint, Map.of()).get(variable));
    }

    public Optional<OutcomeCount> findOutcome(String name)
    {
        return outcomes.stream().filter(outcome -> outcome.name().equals(name)).findFirst();
    }
}
