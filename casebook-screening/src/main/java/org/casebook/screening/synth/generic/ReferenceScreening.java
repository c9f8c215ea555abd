package org.casebook.screening.synth.generic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetMatch;
import org.casebook.protocol.DayWindow;
import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.ExtractRule;
import org.casebook.protocol.RecordFilter;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.DerivedValue;

import static java.util.Objects.requireNonNull;

/**
 * The screening result a planted patient must get, computed from the generator's own model of the
 * records ({@link PlantedRecord}) by the rules of docs/screening.md ("Any protocol"): candidates,
 * criteria in order with their matched records, the decision, day 0, and each {@code extract}
 * rule's value and source. It reads no FHIR: it is the generator's statement of what it planted.
 */
final class ReferenceScreening
{
    static final List<String> DEFAULT_ENCOUNTER_EXCLUDED = List.of("cancelled", "entered-in-error", "planned");
    static final Set<String> NEVER_COUNTING_RESULTS = Set.of("cancelled", "entered-in-error");
    static final Map<String, String> RESOURCE_TYPES = Map.of("administration", "MedicationAdministration", "request", "MedicationRequest", "statement", "MedicationStatement");

    private final StudyProtocol protocol;
    private final NeverCounting neverCounting;

    ReferenceScreening(StudyProtocol protocol, NeverCounting neverCounting)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.neverCounting = requireNonNull(neverCounting, "neverCounting is null");
    }

    NeverCounting neverCounting()
    {
        return neverCounting;
    }

    /** The protocol's lists of records that never count (its {@code extraction} block, else the defaults). */
    record NeverCounting(List<String> conditionVerification, List<String> medicationStatuses)
    {
        static final NeverCounting DEFAULT = new NeverCounting(List.of("refuted", "entered-in-error"), List.of("entered-in-error", "cancelled", "draft", "not-done", "not-taken"));
    }

    /** A patient as planted: the Patient resource's facts and every other record. */
    record Patient(String id, LocalDate birthDate, String gender, LocalDate deceased, PlantedRecord resource, List<PlantedRecord> records) {}

    /** One value of an included case: a field's text or a variable at a time point, with its source records. */
    record Value(String field, String variable, String timepoint, String text, BigDecimal number, LocalDate date, List<PlantedRecord> sources) {}

    /** What screening must say of a patient: absent (no index event), excluded (reason) or included (day 0 and values). */
    record Outcome(String status, String reason, LocalDate dayZero, PlantedRecord index, List<Value> values)
    {
        static Outcome absent()
        {
            return new Outcome("absent", null, null, null, List.of());
        }
    }

    // --- eligibility -----------------------------------------------------------------------------

    Outcome screen(Patient patient)
    {
        return screen(patient, true);
    }

    /** The outcome; without {@code extract} an included patient's values are left out (eligibility alone). */
    Outcome screen(Patient patient, boolean extract)
    {
        List<EligibilityCriterion> criteria = protocol.eligibility();
        EligibilityCriterion indexCriterion = criteria.get(0);
        List<PlantedRecord> indexRecords = patient.records().stream()
                .filter(record -> matches(record, indexCriterion.kind(), indexCriterion.codeSet(), indexCriterion.filter(), indexCriterion.encounterClasses(), encounterExcluded(indexCriterion)))
                .sorted(PlantedRecord.ORDER)
                .toList();
        List<PlantedRecord> candidates;
        if (indexCriterion.firstRecord()) {
            candidates = indexRecords.isEmpty() || !protocol.studyWindow().contains(indexRecords.get(0).day) ? List.of() : List.of(indexRecords.get(0));
        }
        else {
            candidates = indexRecords.stream().filter(record -> protocol.studyWindow().contains(record.day)).toList();
        }
        if (candidates.isEmpty()) {
            return Outcome.absent();
        }
        Judgement deciding = null;
        int best = -1;
        for (PlantedRecord candidate : candidates) {
            Judgement judgement = new Judgement(patient, candidate);
            int inARow = judgement.metInARow();
            if (inARow == criteria.size() - 1) {
                LocalDate dayZero = judgement.dayZero();
                return new Outcome("included", null, dayZero, candidate, extract ? new Extraction(patient, judgement, dayZero).values() : List.of());
            }
            if (inARow > best) {
                best = inARow;
                deciding = judgement;
            }
        }
        return new Outcome("excluded", criteria.get(best + 1).id(), null, deciding.index, List.of());
    }

    /** The criteria judged at one candidate index record, each with its matched record and count, memoised (relative timings). */
    private final class Judgement
    {
        final Patient patient;
        final PlantedRecord index;
        final LocalDate stayStart;
        final LocalDate stayEnd;
        final Map<String, Met> results = new HashMap<>();

        Judgement(Patient patient, PlantedRecord index)
        {
            this.patient = patient;
            this.index = index;
            this.stayStart = index.day;
            this.stayEnd = index.kind.equals("encounter") ? index.endDay : index.day;
        }

        int metInARow()
        {
            List<EligibilityCriterion> criteria = protocol.eligibility();
            for (int i = 1; i < criteria.size(); i++) {
                if (!judge(criteria.get(i)).met()) {
                    return i - 1;
                }
            }
            return criteria.size() - 1;
        }

        LocalDate dayZero()
        {
            String criterion = protocol.dayZero().criterion();
            if (criterion == null) {
                return index.day;
            }
            return matchedRecord(criterion).map(record -> record.day).orElse(index.day);
        }

        Optional<PlantedRecord> matchedRecord(String criterionId)
        {
            EligibilityCriterion criterion = find(criterionId);
            if (criterion.isIndexEvent()) {
                return Optional.of(index);
            }
            Met met = judge(criterion);
            return criterion.exclusion() || !met.met() ? Optional.empty() : Optional.of(met.records().get(0));
        }

        int count(String criterionId)
        {
            EligibilityCriterion criterion = find(criterionId);
            return criterion.isIndexEvent() ? 1 : judge(criterion).records().size();
        }

        Met judge(EligibilityCriterion criterion)
        {
            Met known = results.get(criterion.id());
            if (known != null) {
                return known;
            }
            LocalDate anchor = null;
            boolean possible = true;
            if (criterion.timing().equals("relative")) {
                Optional<PlantedRecord> target = matchedRecord(criterion.relativeTo());
                possible = target.isPresent();
                anchor = target.map(record -> record.day).orElse(null);
            }
            List<PlantedRecord> qualifying = new ArrayList<>();
            if (possible) {
                for (PlantedRecord record : patient.records()) {
                    if (matches(record, criterion.kind(), criterion.codeSet(), criterion.filter(), criterion.encounterClasses(), encounterExcluded(criterion))
                            && inTime(record.day, criterion, anchor)) {
                        qualifying.add(record);
                    }
                }
            }
            qualifying.sort(Comparator.comparing((PlantedRecord record) -> byText(record, criterion.codeSet())).thenComparing(PlantedRecord.ORDER));
            boolean enough = qualifying.size() >= criterion.minCount();
            Met met = new Met(criterion.exclusion() ? !enough : enough, qualifying);
            results.put(criterion.id(), met);
            return met;
        }

        private boolean inTime(LocalDate day, EligibilityCriterion criterion, LocalDate anchor)
        {
            return switch (criterion.timing()) {
                case "during_admission" -> !day.isBefore(stayStart) && (stayEnd == null || !day.isAfter(stayEnd));
                case "on_or_before_admission" -> !day.isAfter(index.day);
                case "window" -> criterion.window().contains(ChronoUnit.DAYS.between(index.day, day));
                case "relative" -> criterion.window().contains(ChronoUnit.DAYS.between(anchor, day));
                default -> throw new IllegalStateException("timing " + criterion.timing());
            };
        }
    }

    private record Met(boolean met, List<PlantedRecord> records) {}

    /** A record a pick chooses among, with its number (a value in the canonical unit, a ratio, a dose) and the records it comes from. */
    private record Candidate(PlantedRecord record, BigDecimal value, List<PlantedRecord> sources) {}

    static OffsetDateTime instant(PlantedRecord record)
    {
        return OffsetDateTime.parse(record.day + "T" + record.time);
    }

    private EligibilityCriterion find(String id)
    {
        return protocol.eligibility().stream().filter(criterion -> criterion.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> encounterExcluded(EligibilityCriterion criterion)
    {
        return criterion.excludedStatuses().isEmpty() ? DEFAULT_ENCOUNTER_EXCLUDED : criterion.excludedStatuses();
    }

    // --- records ---------------------------------------------------------------------------------

    /** Whether a record is of the kind, counts, passes the filter and is in the code set (null: any). */
    boolean matches(PlantedRecord record, String kind, String codeSet, RecordFilter filter, List<String> classes, List<String> encounterExcluded)
    {
        if (!record.kind.equals(kind) || !counts(record, filter, encounterExcluded)) {
            return false;
        }
        if (kind.equals("encounter") && !classes.isEmpty() && !classes.contains(record.encounterClass)) {
            return false;
        }
        if (kind.equals("medication")) {
            List<String> types = filter.recordTypes().isEmpty() ? List.of("administration", "request", "statement") : filter.recordTypes();
            if (types.stream().map(RESOURCE_TYPES::get).noneMatch(record.resourceType::equals)) {
                return false;
            }
        }
        if (filter.comparator() != null) {
            if (record.value == null || filter.unit() != null && (record.unit == null || !filter.unit().equalsIgnoreCase(record.unit)) || !filter.accepts(record.value)) {
                return false;
            }
        }
        if (filter.valueCodeSet() != null && (record.valueCode == null || protocol.codeSets().get(filter.valueCodeSet()).matchCoding(record.valueSystem, record.valueCode).isEmpty())) {
            return false;
        }
        if (!filter.modalities().isEmpty() && (record.modality == null || !filter.modalities().contains(record.modality))) {
            return false;
        }
        return codeSet == null || match(record, codeSet).isPresent();
    }

    private boolean counts(PlantedRecord record, RecordFilter filter, List<String> encounterExcluded)
    {
        return switch (record.kind) {
            case "encounter" -> !encounterExcluded.contains(record.status);
            case "condition" -> !neverCounting.conditionVerification().contains(record.status);
            case "medication", "procedure", "device_request" -> filter.statuses().isEmpty()
                    ? !neverCounting.medicationStatuses().contains(record.status)
                    : filter.statuses().contains(record.status);
            case "observation", "imaging_study" -> !NEVER_COUNTING_RESULTS.contains(record.status);
            default -> false;
        };
    }

    Optional<CodeSetMatch> match(PlantedRecord record, String codeSetName)
    {
        CodeSet codeSet = protocol.codeSets().get(codeSetName);
        if (record.system != null && record.code != null) {
            Optional<CodeSetMatch> coded = codeSet.matchCoding(record.system, record.code);
            if (coded.isPresent()) {
                return coded;
            }
        }
        if (!codeSet.hasTextTerms()) {
            return Optional.empty();
        }
        Optional<CodeSetMatch> text = record.text == null ? Optional.empty() : codeSet.matchText(record.text);
        return text.isPresent() || record.display == null ? text : codeSet.matchText(record.display);
    }

    private boolean byText(PlantedRecord record, String codeSet)
    {
        return codeSet != null && match(record, codeSet).map(CodeSetMatch::byText).orElse(false);
    }

    // --- extraction ------------------------------------------------------------------------------

    /** The values of an included patient, one per {@code extract} rule that finds one, in the rules' order. */
    private final class Extraction
    {
        final Patient patient;
        final Judgement judgement;
        final LocalDate dayZero;

        Extraction(Patient patient, Judgement judgement, LocalDate dayZero)
        {
            this.patient = patient;
            this.judgement = judgement;
            this.dayZero = dayZero;
        }

        List<Value> values()
        {
            Map<String, ExtractRule> byTarget = new HashMap<>();
            protocol.extract().forEach(rule -> byTarget.put(target(rule.variable() != null ? rule.variable() : rule.field(), rule.timepoint()), rule));
            Map<String, DerivedValue> ratios = new LinkedHashMap<>();
            Set<String> paired = new java.util.HashSet<>();
            for (DerivedValue derived : protocol.caseSchema().derived()) {
                if (derived.kind() != DerivedValue.Kind.RATIO) {
                    continue;
                }
                for (TimePoint timepoint : protocol.timepoints()) {
                    String numerator = target(derived.numerator(), timepoint.name());
                    String denominator = target(derived.denominator(), timepoint.name());
                    if (byTarget.containsKey(numerator) && byTarget.containsKey(denominator)) {
                        paired.add(numerator);
                        paired.add(denominator);
                        ratios.put(target(derived.name(), timepoint.name()), derived);
                    }
                }
            }
            List<Value> values = new ArrayList<>();
            for (ExtractRule rule : protocol.extract()) {
                String target = target(rule.variable() != null ? rule.variable() : rule.field(), rule.timepoint());
                if (rule.variable() != null && (paired.contains(target) || ratios.containsKey(target))) {
                    continue;
                }
                value(rule).ifPresent(values::add);
            }
            ratios.forEach((target, ratio) -> ratio(ratio, target.substring(target.indexOf('@') + 1), byTarget).ifPresent(values::add));
            return values;
        }

        private static String target(String name, String timepoint)
        {
            return timepoint == null ? name : name + "@" + timepoint;
        }

        Optional<Value> value(ExtractRule rule)
        {
            if (rule.criterion() != null) {
                return fromCriterion(rule);
            }
            if (rule.kind() == null) {
                return patientFact(rule);
            }
            LocalDate anchor = anchor(rule);
            if (anchor == null) {
                return Optional.empty();
            }
            List<PlantedRecord> found = search(rule, rule, anchor);
            if (rule.variable() != null) {
                VariableSpec variable = protocol.findVariable(rule.variable()).orElseThrow();
                List<Candidate> usable = new ArrayList<>();
                for (PlantedRecord record : found) {
                    converted(record, variable).ifPresent(value -> usable.add(new Candidate(record, value, List.of(record))));
                }
                return pick(usable, rule, anchor).map(candidate -> measurement(rule.variable(), rule.timepoint(), candidate.value(), candidate));
            }
            return switch (rule.value()) {
                case "exists" -> Optional.of(field(rule, found.isEmpty() ? "no" : "yes", found.isEmpty() ? List.of() : List.of(found.get(0))));
                case "count" -> Optional.of(field(rule, Integer.toString(found.size()), found));
                default -> {
                    List<Candidate> candidates = new ArrayList<>();
                    for (PlantedRecord record : found) {
                        BigDecimal number = switch (rule.value()) {
                            case "dose" -> record.dose != null && rule.doseUnit().equalsIgnoreCase(record.doseUnit) ? record.dose : null;
                            case "value" -> record.value;
                            default -> null;
                        };
                        if (number != null || !rule.value().equals("dose") && !rule.value().equals("value")) {
                            candidates.add(new Candidate(record, number, List.of(record)));
                        }
                    }
                    yield pick(candidates, rule, anchor).flatMap(candidate -> recordValue(rule, candidate.record()));
                }
            };
        }

        private LocalDate anchor(ExtractRule rule)
        {
            return switch (rule.anchor()) {
                case "admission" -> judgement.stayStart;
                case "discharge" -> judgement.stayEnd;
                default -> dayZero;
            };
        }

        /** The counting records of {@code records}' kind, code set and filter in {@code window}'s window, in order. */
        private List<PlantedRecord> search(ExtractRule records, ExtractRule window, LocalDate anchor)
        {
            return patient.records().stream()
                    .filter(record -> matches(record, records.kind(), records.codeSet(), records.filter(), List.of(), DEFAULT_ENCOUNTER_EXCLUDED))
                    .filter(record -> inWindow(record.day, window, anchor))
                    .sorted(PlantedRecord.ORDER)
                    .toList();
        }

        /**
         * A derived ratio at a time point: each numerator record in the governing rule's window (the
         * ratio's own rule, else the numerator's) over the denominator record nearest in time within
         * the protocol's minutes, and records of the ratio itself; picked by the governing rule,
         * rounded half-up to one decimal.
         */
        private Optional<Value> ratio(DerivedValue ratio, String timepoint, Map<String, ExtractRule> byTarget)
        {
            VariableSpec result = protocol.findVariable(ratio.name()).orElse(null);
            VariableSpec numerator = protocol.findVariable(ratio.numerator()).orElse(null);
            VariableSpec denominator = protocol.findVariable(ratio.denominator()).orElse(null);
            if (result == null || numerator == null || denominator == null) {
                return Optional.empty();
            }
            ExtractRule numeratorRule = byTarget.get(target(ratio.numerator(), timepoint));
            ExtractRule denominatorRule = byTarget.get(target(ratio.denominator(), timepoint));
            ExtractRule own = byTarget.get(target(ratio.name(), timepoint));
            ExtractRule governing = own != null && own.criterion() == null ? own : numeratorRule;
            LocalDate anchor = anchor(governing);
            if (anchor == null) {
                return Optional.empty();
            }
            List<PlantedRecord> denominators = patient.records().stream()
                    .filter(record -> matches(record, denominatorRule.kind(), denominatorRule.codeSet(), denominatorRule.filter(), List.of(), DEFAULT_ENCOUNTER_EXCLUDED))
                    .toList();
            List<Candidate> candidates = new ArrayList<>();
            for (PlantedRecord top : search(numeratorRule, governing, anchor)) {
                Optional<BigDecimal> n = converted(top, numerator);
                if (n.isEmpty() || top.time == null) {
                    continue;
                }
                PlantedRecord nearest = null;
                BigDecimal nearestValue = null;
                long nearestSeconds = Long.MAX_VALUE;
                for (PlantedRecord bottom : denominators) {
                    Optional<BigDecimal> d = converted(bottom, denominator);
                    if (d.isEmpty() || d.get().signum() <= 0 || bottom.time == null) {
                        continue;
                    }
                    long seconds = Math.abs(Duration.between(instant(top), instant(bottom)).getSeconds());
                    if (seconds > ratio.maxMinutesApart() * 60L) {
                        continue;
                    }
                    if (nearest == null || seconds < nearestSeconds || seconds == nearestSeconds && PlantedRecord.ORDER.compare(bottom, nearest) < 0) {
                        nearest = bottom;
                        nearestValue = d.get();
                        nearestSeconds = seconds;
                    }
                }
                if (nearest != null) {
                    BigDecimal exact = n.get().divide(nearestValue, MathContext.DECIMAL64);
                    if (result.isPlausible(exact.setScale(1, RoundingMode.HALF_UP).doubleValue())) {
                        candidates.add(new Candidate(top, exact, List.of(top, nearest)));
                    }
                }
            }
            if (own != null && own.criterion() == null) {
                for (PlantedRecord record : search(own, own, anchor)) {
                    converted(record, result)
                            .filter(value -> result.isPlausible(value.setScale(1, RoundingMode.HALF_UP).doubleValue()))
                            .ifPresent(value -> candidates.add(new Candidate(record, value, List.of(record))));
                }
            }
            return pick(candidates, governing, anchor)
                    .map(candidate -> measurement(ratio.name(), timepoint, candidate.value().setScale(1, RoundingMode.HALF_UP), candidate));
        }

        private boolean inWindow(LocalDate day, ExtractRule rule, LocalDate anchor)
        {
            boolean afterStart = rule.duringAdmission() ? !day.isBefore(judgement.stayStart) : ChronoUnit.DAYS.between(anchor, day) >= rule.window().from();
            Integer to = rule.duringAdmission() ? null : rule.window().to();
            boolean beforeEnd = to != null
                    ? ChronoUnit.DAYS.between(anchor, day) <= to
                    : judgement.stayEnd == null || !day.isAfter(judgement.stayEnd);
            return afterStart && beforeEnd;
        }

        private Optional<Candidate> pick(List<Candidate> candidates, ExtractRule rule, LocalDate anchor)
        {
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            Comparator<Candidate> order = Comparator.comparing(Candidate::record, PlantedRecord.ORDER);
            Comparator<Candidate> chosen = switch (rule.pick()) {
                case "last" -> Comparator.comparing((Candidate candidate) -> candidate.record().day)
                        .thenComparing(candidate -> candidate.record().time == null ? "" : "1" + candidate.record().time).reversed()
                        .thenComparing(candidate -> candidate.record().id);
                case "lowest" -> Comparator.comparing(Candidate::value).thenComparing(order);
                case "highest" -> Comparator.comparing(Candidate::value).reversed().thenComparing(order);
                case "nearest" -> Comparator.comparing((Candidate candidate) -> Math.abs(ChronoUnit.DAYS.between(anchor, candidate.record().day) - rule.nearestDay()))
                        .thenComparing(order);
                default -> order;
            };
            return candidates.stream().min(chosen);
        }

        private Value measurement(String variable, String timepoint, BigDecimal value, Candidate candidate)
        {
            return new Value(null, variable, timepoint, plain(value), value, candidate.record().day, candidate.sources());
        }

        private Optional<Value> fromCriterion(ExtractRule rule)
        {
            Optional<PlantedRecord> matched = judgement.matchedRecord(rule.criterion());
            return switch (rule.value()) {
                case "exists" -> Optional.of(field(rule, matched.isPresent() ? "yes" : "no", matched.map(List::of).orElse(List.of())));
                case "count" -> Optional.of(field(rule, Integer.toString(judgement.count(rule.criterion())), matched.map(List::of).orElse(List.of())));
                default -> {
                    if (matched.isEmpty()) {
                        yield Optional.empty();
                    }
                    if (rule.variable() != null) {
                        VariableSpec variable = protocol.findVariable(rule.variable()).orElseThrow();
                        yield converted(matched.get(), variable).map(value -> measurement(rule.variable(), rule.timepoint(), value, new Candidate(matched.get(), value, List.of(matched.get()))));
                    }
                    yield recordValue(rule, matched.get());
                }
            };
        }

        private Optional<Value> recordValue(ExtractRule rule, PlantedRecord record)
        {
            String text = switch (rule.value()) {
                case "date" -> record.day.toString();
                case "days_to_day0" -> Long.toString(ChronoUnit.DAYS.between(record.day, dayZero));
                case "agent" -> agent(record, rule.criterion() != null ? find(rule.criterion()).codeSet() : rule.codeSet());
                case "dose" -> record.dose != null && rule.doseUnit().equalsIgnoreCase(record.doseUnit) ? plain(record.dose) : null;
                case "value" -> record.value == null ? null : plain(record.value);
                default -> throw new IllegalStateException("value " + rule.value());
            };
            return text == null ? Optional.empty() : Optional.of(field(rule, text, List.of(record)));
        }

        private String agent(PlantedRecord record, String codeSet)
        {
            if (codeSet == null) {
                return null;
            }
            return match(record, codeSet).map(found -> found.entry().findAgent().orElse(found.byText() ? record.text : null)).orElse(null);
        }

        private Optional<Value> patientFact(ExtractRule rule)
        {
            String text = switch (rule.value()) {
                case "death_date" -> patient.deceased() == null ? null : patient.deceased().toString();
                case "birth_age" -> patient.birthDate().isAfter(dayZero) ? null : Integer.toString(Period.between(patient.birthDate(), dayZero).getYears());
                case "sex" -> patient.gender().equals("female") ? "F" : patient.gender().equals("male") ? "M" : null;
                case "admission_date" -> judgement.stayStart.toString();
                case "discharge_date" -> judgement.stayEnd == null ? null : judgement.stayEnd.toString();
                default -> throw new IllegalStateException("value " + rule.value());
            };
            if (text == null) {
                return Optional.empty();
            }
            List<PlantedRecord> sources = rule.value().endsWith("_date") && !rule.value().equals("death_date") ? List.of(judgement.index) : List.of(patient.resource());
            return Optional.of(field(rule, text, sources));
        }

        private Value field(ExtractRule rule, String text, List<PlantedRecord> sources)
        {
            return new Value(rule.field(), null, null, text, null, null, sources);
        }
    }

    /** A record's value in the variable's canonical unit, when its unit is accepted and the value is plausible. */
    static Optional<BigDecimal> converted(PlantedRecord record, VariableSpec variable)
    {
        if (record.value == null) {
            return Optional.empty();
        }
        String unit = record.unit == null ? "" : record.unit;
        Optional<Double> factor = unit.equalsIgnoreCase(variable.unit()) ? Optional.of(1.0) : variable.findFactor(unit);
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        // as written at factor 1; else the product without trailing zeros (as screening converts)
        BigDecimal value = factor.get() == 1.0 ? record.value : record.value.multiply(BigDecimal.valueOf(factor.get())).stripTrailingZeros();
        return variable.isPlausible(value.doubleValue()) ? Optional.of(value) : Optional.empty();
    }

    /** A decimal as the workbook writes it: no trailing zeros, no exponent. */
    static String plain(BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    static Map<String, String> texts(List<Value> values)
    {
        Map<String, String> texts = new LinkedHashMap<>();
        values.stream().filter(value -> value.field() != null).forEach(value -> texts.put(value.field(), value.text()));
        return texts;
    }
}
