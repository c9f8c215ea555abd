package org.casebook.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.casebook.analysis.outcome.ListedOutcome;
import org.casebook.analysis.outcome.OutcomeRule;
import org.casebook.analysis.outcome.OutcomeRules;
import org.casebook.analysis.outcome.VitalStatus;
import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.casebook.ctscore.CtScore;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;
import org.casebook.stats.Summary;

import static java.util.Objects.requireNonNull;

/**
 * Computes a case series' results from its validated workbook under its protocol: per-scan CT
 * scores, summaries per time point, outcome counts with their denominators, inter-reader
 * agreement, and one row per patient.
 */
public final class CaseSeriesAnalysis
{
    public static final String CT_TOTAL = "ct_total";

    private final StudyProtocol protocol;
    private final CtScoringSystem scoring;

    public CaseSeriesAnalysis(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.scoring = CtScoringSystem.forName(protocol.ctScoring().system());
    }

    public SeriesResults analyze(CaseWorkbook workbook)
    {
        List<ScanResult> scans = ScanScoring.score(scoring, workbook);
        // shared by the patients' results, made on several threads
        Map<List<String>, String[]> keyLists = new ConcurrentHashMap<>();
        List<String> order = variableOrder();
        // Grouped once by patient: looking each patient's rows up in the whole list made the analysis quadratic in patients.
        Map<String, List<ScanResult>> scansByPatient = byPatient(scans, scan -> scan.scan().patientId());
        Map<String, List<Measurement>> measurementsByPatient = byPatient(workbook.measurements(), Measurement::patientId);
        // Each patient's values and outcomes on their own, on every core (a parallel stream keeps the patients' order);
        // the whole series' figures (counts, summaries) are made from them after.
        List<PatientValues> patients = workbook.cases().parallelStream()
                .map(record -> valuesOf(record, scansByPatient.getOrDefault(record.patientId(), List.of()), measurementsByPatient.getOrDefault(record.patientId(), List.of())))
                .toList();
        List<OutcomeRule> rules = OutcomeRules.of(protocol);
        List<ListedOutcome> withDays = OutcomeRules.listed(protocol).stream().filter(rule -> rule.spec().daysSummary() != null).toList();
        // each rule decided once per patient, for the counts and the patient's own outcomes
        List<Boolean[]> decisions = patients.parallelStream().map(patient -> decisions(rules, patient)).toList();
        List<OutcomeCount> counts = counts(rules, decisions);
        Optional<ReaderAgreement.Agreement> agreement = ReaderAgreement.compute(scans, protocol.ctScoring().readers(), protocol.timepointNames());
        SeriesStatistics statistics = new SeriesStatistics(
                SeriesStatistics.intervals(counts),
                agreement.map(ReaderAgreement.Agreement::details),
                SeriesStatistics.Survival.of(workbook.cases(), protocol.outcomes()));
        Optional<String> agentsField = protocol.outcomes().findAgentsField();
        return new SeriesResults(
                protocol.id(),
                protocol.sha256(),
                scoring.name(),
                patients.size(),
                protocol.timepointNames(),
                summaries(patients),
                counts,
                daysToDayZero(withDays, patients),
                agentsField,
                agentsField.map(field -> agents(workbook.cases(), field)).orElse(Map.of()),
                agentsField.isPresent() ? Map.of() : agentsByField(workbook.cases()),
                protocol.outcomes().labels(),
                AdverseEvents.summarize(workbook.adverseEvents(), workbook.adverseEventsCollected()),
                agreement.map(ReaderAgreement.Agreement::pooled),
                composition(scans),
                IntStream.range(0, patients.size()).parallel()
                        .mapToObj(i -> patientResult(patients.get(i), rules, decisions.get(i), withDays, keyLists, order))
                        .toList(),
                scans,
                statistics);
    }

    /** Variables in result order: the CT total and components, then the protocol's variables. */
    public List<String> variableOrder()
    {
        List<String> order = new ArrayList<>();
        order.add(CT_TOTAL);
        order.addAll(scoring.components());
        protocol.variables().stream().map(VariableSpec::name).forEach(order::add);
        return order;
    }

    private boolean isCtScore(String variable)
    {
        return variable.equals(CT_TOTAL) || scoring.components().contains(variable);
    }

    /** The rows of each patient, in their order in {@code rows}. */
    private static <T> Map<String, List<T>> byPatient(List<T> rows, java.util.function.Function<T, String> patientId)
    {
        Map<String, List<T>> grouped = new java.util.HashMap<>();
        for (T row : rows) {
            grouped.computeIfAbsent(patientId.apply(row), id -> new ArrayList<>()).add(row);
        }
        return grouped;
    }

    private PatientValues valuesOf(CaseRecord record, List<ScanResult> scans, List<Measurement> measurements)
    {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (String timepoint : protocol.timepointNames()) {
            values.put(timepoint, new LinkedHashMap<>());
        }
        Map<String, CtScore> scores = new java.util.HashMap<>();
        for (ScanResult scan : scans) {
            Map<String, Double> byVariable = values.computeIfAbsent(scan.scan().timepoint(), timepoint -> new LinkedHashMap<>());
            // the exact consensus for rules and tests on CT scores; its nearest doubles for summaries and tables
            scores.put(scan.scan().timepoint(), scan.consensus());
            byVariable.put(CT_TOTAL, scan.consensus().total());
            byVariable.putAll(scan.consensus().components());
        }
        for (Measurement measurement : measurements) {
            values.computeIfAbsent(measurement.timepoint(), timepoint -> new LinkedHashMap<>()).put(measurement.variable(), measurement.value());
        }
        return new PatientValues(record, values, scores);
    }

    private Map<String, Map<String, Summary>> summaries(List<PatientValues> patients)
    {
        // each time point's variables summarised on every core (sorting 100,000 values each), then put in order
        List<String> order = variableOrder();
        List<String[]> cells = new ArrayList<>();
        for (String timepoint : protocol.timepointNames()) {
            for (String variable : order) {
                cells.add(new String[] {timepoint, variable});
            }
        }
        List<Optional<Summary>> computed = cells.parallelStream().map(cell -> summary(patients, cell[0], cell[1])).toList();
        Map<String, Map<String, Summary>> summaries = new LinkedHashMap<>();
        for (String timepoint : protocol.timepointNames()) {
            summaries.put(timepoint, new LinkedHashMap<>());
        }
        for (int i = 0; i < cells.size(); i++) {
            int index = i;
            computed.get(i).ifPresent(summary -> summaries.get(cells.get(index)[0]).put(cells.get(index)[1], summary));
        }
        return summaries;
    }

    /** The summary of one variable at one time point over the patients with a value; empty when none has one. */
    private Optional<Summary> summary(List<PatientValues> patients, String timepoint, String variable)
    {
        if (isCtScore(variable)) {
            // CT scores from their exact values: a mean of twelfths is exact before it is rounded
            List<org.apache.commons.numbers.fraction.Fraction> values = patients.stream()
                    .flatMap(patient -> Optional.ofNullable(patient.scores().get(timepoint)).flatMap(score -> PatientResult.exact(score, variable)).stream())
                    .toList();
            return values.isEmpty() ? Optional.empty() : Optional.of(Summary.ofExact(values));
        }
        // the patients' values as PatientValues.find gives them, without an Optional per patient
        double[] values = new double[patients.size()];
        int n = 0;
        for (PatientValues patient : patients) {
            Map<String, Double> atTimepoint = patient.values().get(timepoint);
            Double value = atTimepoint == null ? null : atTimepoint.get(variable);
            if (value != null) {
                values[n++] = value;
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(Summary.of(java.util.Arrays.copyOf(values, n)));
    }

    /** Each rule's decision for the patient, in the rules' order: null where it cannot be decided. */
    private static Boolean[] decisions(List<OutcomeRule> rules, PatientValues patient)
    {
        Boolean[] decisions = new Boolean[rules.size()];
        for (int i = 0; i < decisions.length; i++) {
            decisions[i] = rules.get(i).decide(patient).orElse(null);
        }
        return decisions;
    }

    private static List<OutcomeCount> counts(List<OutcomeRule> rules, List<Boolean[]> decisions)
    {
        List<OutcomeCount> counts = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            OutcomeRule rule = rules.get(i);
            int count = 0;
            int decided = 0;
            for (Boolean[] patient : decisions) {
                if (patient[i] != null) {
                    decided++;
                    if (patient[i]) {
                        count++;
                    }
                }
            }
            counts.add(new OutcomeCount(rule.name(), rule.label(), rule.description(), count, decided));
        }
        return counts;
    }

    /** Each days summary: day 0 − the event's date over the patients the outcome counts. */
    private static Map<String, Optional<Summary>> daysToDayZero(List<ListedOutcome> withDays, List<PatientValues> patients)
    {
        Map<String, Optional<Summary>> summaries = new LinkedHashMap<>();
        for (ListedOutcome rule : withDays) {
            double[] days = patients.stream().flatMap(patient -> rule.daysToDayZero(patient).stream()).mapToDouble(Long::doubleValue).toArray();
            summaries.put(rule.spec().daysSummary(), days.length == 0 ? Optional.empty() : Optional.of(Summary.of(days)));
        }
        return summaries;
    }

    /** The patients per agent of one agent field, as recorded in lower case, alphabetically. */
    private static Map<String, Integer> agents(List<CaseRecord> cases, String field)
    {
        Map<String, Integer> agents = new TreeMap<>();
        cases.stream()
                .map(record -> record.values().get(field))
                .filter(agent -> agent instanceof String text && !text.isBlank())
                .forEach(agent -> agents.merge(((String) agent).strip().toLowerCase(Locale.ROOT), 1, Integer::sum));
        return agents;
    }

    /** Every agent field of the schema: agent → patients, agents recorded at least once, in the code set's order. */
    private Map<String, Map<String, Integer>> agentsByField(List<CaseRecord> cases)
    {
        Map<String, Map<String, Integer>> byField = new LinkedHashMap<>();
        for (CaseField field : protocol.caseSchema().fields()) {
            if (field.kind() != FieldKind.AGENT) {
                continue;
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String agent : field.agents()) {
                int count = (int) cases.stream().filter(record -> agent.equals(record.values().get(field.name()))).count();
                if (count > 0) {
                    counts.put(agent, count);
                }
            }
            byField.put(field.name(), counts);
        }
        return byField;
    }

    private Map<String, Map<String, Double>> composition(List<ScanResult> scans)
    {
        Map<String, Map<String, Double>> composition = new LinkedHashMap<>();
        for (String timepoint : protocol.timepointNames()) {
            List<ScanResult> atTimepoint = scans.stream()
                    .filter(scan -> scan.scan().timepoint().equals(timepoint) && !scan.patternPercents().isEmpty())
                    .toList();
            if (atTimepoint.isEmpty()) {
                continue;
            }
            Map<String, Double> means = new LinkedHashMap<>();
            for (String pattern : atTimepoint.get(0).patternPercents().keySet()) {
                means.put(pattern, atTimepoint.stream().mapToDouble(scan -> scan.patternPercents().get(pattern)).average().orElseThrow());
            }
            composition.put(timepoint, means);
        }
        return composition;
    }

    /**
     * @param decisions each rule's decision for the patient ({@link #decisions}), null where undecided
     * @param keyLists the key lists of the patients' values so far, shared between them ({@link OrderedValues})
     * @param order {@link #variableOrder()}, made once for all patients
     */
    private PatientResult patientResult(PatientValues patient, List<OutcomeRule> rules, Boolean[] decisions, List<ListedOutcome> withDays,
            Map<List<String>, String[]> keyLists, List<String> order)
    {
        Map<String, Boolean> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            if (decisions[i] != null) {
                outcomes.put(rules.get(i).name(), decisions[i]);
            }
        }
        Map<String, Map<String, Double>> ordered = new LinkedHashMap<>();
        patient.values().forEach((timepoint, byVariable) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String variable : order) {
                if (byVariable.containsKey(variable)) {
                    values.put(variable, byVariable.get(variable));
                }
            }
            ordered.put(timepoint, OrderedValues.of(values, keyLists));
        });
        return new PatientResult(
                patient.patientId(),
                patient.record().dayZero(),
                ordered,
                patient.scores(),
                outcomes,
                days(patient, withDays),
                VitalStatus.at(patient.record(), protocol.outcomes(), protocol.outcomes().followupDay()).label());
    }

    private static Map<String, Long> days(PatientValues patient, List<ListedOutcome> withDays)
    {
        Map<String, Long> days = new LinkedHashMap<>();
        withDays.forEach(rule -> days.put(rule.spec().daysSummary(), rule.daysToDayZero(patient).orElse(null)));
        return days;
    }

    static final class AdverseEvents
    {
        private AdverseEvents() {}

        static AdverseEventSummary summarize(List<AdverseEvent> events, boolean collected)
        {
            Map<String, Integer> byGrade = new LinkedHashMap<>();
            for (int grade = 1; grade <= 5; grade++) {
                byGrade.put(Integer.toString(grade), 0);
            }
            byGrade.put("unrecorded", 0);
            int serious = 0;
            int nonSerious = 0;
            int unrecorded = 0;
            for (AdverseEvent event : events) {
                byGrade.merge(event.grade() == null ? "unrecorded" : event.grade().toString(), 1, Integer::sum);
                if (event.serious() == null) {
                    unrecorded++;
                }
                else if (event.serious()) {
                    serious++;
                }
                else {
                    nonSerious++;
                }
            }
            int patients = new TreeSet<>(events.stream().map(AdverseEvent::patientId).toList()).size();
            return new AdverseEventSummary(events.size(), patients, byGrade, serious, nonSerious, unrecorded, collected);
        }
    }

}
