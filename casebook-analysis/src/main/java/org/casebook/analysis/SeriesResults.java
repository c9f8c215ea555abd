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
 * @param daysStopToOnset the seed's days from the prior JAK-inhibitor stop to onset; empty for other protocols
 * @param agents the seed's patients per JAK-inhibitor agent ({@code jaki_agent}, lower case); empty for other protocols
 * @param ctComposition time point → pattern → mean percent of lung (Ichikado only)
 * @param seedOutcomes true when the protocol has the seed study's fixed outcomes
 *        ({@link org.casebook.protocol.OutcomeDefinitions#hasSeedOutcomes()}): the results then carry
 *        {@code daysStopToOnset} and {@code agents}; otherwise {@code agentsByField}
 * @param agentsByField other protocols: agent field → agent → patients, agents recorded at least
 *        once in the code set's order (every {@code agent} field of the case schema)
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
        boolean seedOutcomes,
        Map<String, Map<String, Integer>> agentsByField)
{
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
        Map<String, Map<String, Integer>> byField = new LinkedHashMap<>();
        agentsByField.forEach((field, counts) -> byField.put(field, Collections.unmodifiableMap(new LinkedHashMap<>(counts))));
        agentsByField = Collections.unmodifiableMap(byField);
    }

    /** The results of a protocol with the seed's outcomes. */
    public SeriesResults(String protocolId, String protocolSha256, String ctSystem, int n, List<String> timepoints,
            Map<String, Map<String, Summary>> summaries, List<OutcomeCount> outcomes, Optional<Summary> daysStopToOnset, Map<String, Integer> agents,
            AdverseEventSummary adverseEvents, Optional<CtAgreement> ctAgreement, Map<String, Map<String, Double>> ctComposition,
            List<PatientResult> patients, List<ScanResult> scans)
    {
        this(protocolId, protocolSha256, ctSystem, n, timepoints, summaries, outcomes, daysStopToOnset, agents, adverseEvents, ctAgreement,
                ctComposition, patients, scans, true, Map.of());
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
