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
 * @param daysToDayZero each {@code days_summary} of the protocol's {@code event_by_day} outcomes, in
 *        order: its name → the days from the event to day 0 over the patients counted (empty when none)
 * @param agentsField the protocol's {@code outcomes.agents}: the one agent field counted in {@code agents}
 * @param agents with {@code agentsField}: patients per agent of that field (lower case, alphabetical); otherwise empty
 * @param agentsByField without {@code agentsField}: agent field → agent → patients, agents recorded at
 *        least once in the code set's order (every {@code agent} field of the case schema); otherwise empty
 * @param labels whether the results list each count's label ({@code outcomes.labels})
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
        Map<String, Optional<Summary>> daysToDayZero,
        Optional<String> agentsField,
        Map<String, Integer> agents,
        Map<String, Map<String, Integer>> agentsByField,
        boolean labels,
        AdverseEventSummary adverseEvents,
        Optional<CtAgreement> ctAgreement,
        Map<String, Map<String, Double>> ctComposition,
        List<PatientResult> patients,
        List<ScanResult> scans,
        SeriesStatistics statistics)
{
    public SeriesResults
    {
        requireNonNull(protocolId, "protocolId is null");
        timepoints = List.copyOf(timepoints);
        summaries = Collections.unmodifiableMap(new LinkedHashMap<>(summaries));
        outcomes = List.copyOf(outcomes);
        daysToDayZero = Collections.unmodifiableMap(new LinkedHashMap<>(daysToDayZero));
        requireNonNull(agentsField, "agentsField is null");
        agents = Collections.unmodifiableMap(new LinkedHashMap<>(agents));
        ctComposition = Collections.unmodifiableMap(new LinkedHashMap<>(ctComposition));
        patients = List.copyOf(patients);
        scans = List.copyOf(scans);
        Map<String, Map<String, Integer>> byField = new LinkedHashMap<>();
        agentsByField.forEach((field, counts) -> byField.put(field, Collections.unmodifiableMap(new LinkedHashMap<>(counts))));
        agentsByField = Collections.unmodifiableMap(byField);
        requireNonNull(statistics, "statistics is null");
    }

    /** A days summary of the protocol's ({@code days_summary}); empty when no patient was counted or the protocol has none of that name. */
    public Optional<Summary> findDaysToDayZero(String name)
    {
        return daysToDayZero.getOrDefault(name, Optional.empty());
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
