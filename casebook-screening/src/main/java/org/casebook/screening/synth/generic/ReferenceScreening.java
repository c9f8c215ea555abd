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
    record Value(String field, String variable, String timepoint, String text, BigDecimal number, LocalDate date, List<PlantedRecord> sources)
    {
        /** A time point's CT study (a {@code ct_study} rule's): neither a field nor a variable; {@code text} is the study's id. */
        boolean isCtStudy()
        {
            return field == null && variable == null;
        }
    }

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
        if (filter.dose() != null) {
            // the record's one dose, in the filter's unit
            BigDecimal dose = doseIn(record, filter.dose().unit());
            if (dose == null || !filter.dose().accepts(dose)) {
                return false;
            }
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

    /** A record a search found, with the day and time its window judged ({@code record_date}). */
    private record Found(PlantedRecord record, LocalDate day, String time) {}

    /** Found records in time: the judged day, date-only before times, the time as written, then type and id. */
    private static final Comparator<Found> FOUND_ORDER = Comparator.comparing(Found::day)
            .thenComparing(found -> found.time() == null ? "" : "1" + found.time())
            .thenComparing(found -> found.record().resourceType)
            .thenComparing(found -> found.record().id);

    /** A record a pick chooses among, with its number (a value in the canonical unit, a ratio, a dose) and the records it comes from. */
    private record Pickable(Found found, BigDecimal value, List<PlantedRecord> sources) {}

    /** The values of an included patient, one per {@code extract} rule that finds one, in the rules' order. */
    private final class Extraction
    {
        final Patient patient;
        final Judgement judgement;
        final LocalDate dayZero;
        /** The record each field's rule chose, with the day its window judged, for {@code record_of} rules. */
        final Map<String, Found> chosen = new HashMap<>();

        Extraction(Patient patient, Judgement judgement, LocalDate dayZero)
        {
            this.patient = patient;
            this.judgement = judgement;
            this.dayZero = dayZero;
        }

        List<Value> values()
        {
            Map<String, ExtractRule> byTarget = new HashMap<>();
            protocol.extract().stream().filter(rule -> !rule.ctStudy())
                    .forEach(rule -> byTarget.put(target(rule.variable() != null ? rule.variable() : rule.field(), rule.timepoint()), rule));
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
            Map<String, Value> studies = new HashMap<>();
            for (ExtractRule rule : protocol.extract()) {
                if (rule.ctStudy()) {
                    ctStudy(rule, studies).ifPresent(study -> studies.put(rule.timepoint(), study));
                    continue;
                }
                String target = target(rule.variable() != null ? rule.variable() : rule.field(), rule.timepoint());
                if (rule.variable() != null && (paired.contains(target) || ratios.containsKey(target))) {
                    continue;
                }
                value(rule).ifPresent(values::add);
            }
            ratios.forEach((target, ratio) -> ratio(ratio, target.substring(target.indexOf('@') + 1), byTarget).ifPresent(values::add));
            // CT studies in the protocol's time-point order
            for (TimePoint timepoint : protocol.timepoints()) {
                Value study = studies.get(timepoint.name());
                if (study != null) {
                    values.add(study);
                }
            }
            return values;
        }

        private static String target(String name, String timepoint)
        {
            return timepoint == null ? name : name + "@" + timepoint;
        }

        /** The study a CT rule picks in its window among the counting studies no earlier CT rule chose. */
        private Optional<Value> ctStudy(ExtractRule rule, Map<String, Value> taken)
        {
            LocalDate anchor = anchor(rule);
            Optional<List<Found>> found = search(rule, rule, anchor);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Set<PlantedRecord> used = new java.util.HashSet<>();
            taken.values().forEach(study -> used.addAll(study.sources()));
            List<Pickable> candidates = found.get().stream().filter(each -> !used.contains(each.record())).map(each -> new Pickable(each, null, List.of(each.record()))).toList();
            return pick(candidates, rule, anchor).map(c -> new Value(null, null, rule.timepoint(), c.found().record().id, null, c.found().day(), List.of(c.found().record())));
        }

        Optional<Value> value(ExtractRule rule)
        {
            if (rule.recordOf() != null) {
                Found source = chosen.get(rule.recordOf());
                return source == null ? Optional.empty() : remember(rule, recordValue(rule, source), source);
            }
            if (rule.criterion() != null) {
                return fromCriterion(rule);
            }
            if (rule.kind() == null && rule.anyOf().isEmpty()) {
                return patientFact(rule);
            }
            LocalDate anchor = anchor(rule);
            Optional<List<Found>> searched = search(rule, rule, anchor);
            if (searched.isEmpty()) {
                return Optional.empty();
            }
            List<Found> found = searched.get();
            if (rule.variable() != null) {
                VariableSpec variable = protocol.findVariable(rule.variable()).orElseThrow();
                List<Pickable> usable = new ArrayList<>();
                for (Found each : found) {
                    converted(each.record(), variable, rule).ifPresent(value -> usable.add(new Pickable(each, value, List.of(each.record()))));
                }
                return pick(usable, rule, anchor).map(candidate -> measurement(rule.variable(), rule.timepoint(), candidate.value(), candidate));
            }
            return switch (rule.value()) {
                case "exists" -> remember(rule, Optional.of(field(rule, found.isEmpty() ? "no" : "yes", found.isEmpty() ? List.of() : List.of(found.get(0).record()))),
                        found.isEmpty() ? null : found.get(0));
                case "count" -> Optional.of(field(rule, Integer.toString(found.size()), found.stream().map(Found::record).toList()));
                default -> {
                    List<Pickable> candidates = new ArrayList<>();
                    for (Found each : found) {
                        BigDecimal number = switch (rule.value()) {
                            case "dose" -> doseIn(each.record(), rule.doseUnit());
                            case "value" -> each.record().value;
                            default -> null;
                        };
                        if (number != null || !rule.value().equals("dose") && !rule.value().equals("value")) {
                            candidates.add(new Pickable(each, number, List.of(each.record())));
                        }
                    }
                    Optional<Pickable> picked = pick(candidates, rule, anchor);
                    yield picked.isEmpty() ? Optional.empty() : remember(rule, recordValue(rule, picked.get().found()), picked.get().found());
                }
            };
        }

        /** A field's value; the record it came from is what later {@code record_of} rules take (only when the value was found). */
        private Optional<Value> remember(ExtractRule rule, Optional<Value> value, Found source)
        {
            if (value.isPresent() && source != null && rule.field() != null) {
                chosen.put(rule.field(), source);
            }
            return value;
        }

        private LocalDate anchor(ExtractRule rule)
        {
            return switch (rule.anchor()) {
                case "admission" -> judgement.stayStart;
                case "discharge" -> judgement.stayEnd;
                default -> dayZero;
            };
        }

        /**
         * The counting records of {@code records}' searches (its kind, code set and filter, or each of
         * its {@code any_of} alternatives) whose judged day lies in {@code window}'s window, in time
         * order; empty when the window has no anchor or no end (an open stay).
         */
        private Optional<List<Found>> search(ExtractRule records, ExtractRule window, LocalDate anchor)
        {
            if (!window.duringAdmission() && (anchor == null || window.window().to() == null && judgement.stayEnd == null)) {
                return Optional.empty();
            }
            List<Found> found = new ArrayList<>();
            Set<PlantedRecord> seen = new java.util.HashSet<>();
            for (ExtractRule search : records.anyOf().isEmpty() ? List.of(records) : records.anyOf()) {
                for (PlantedRecord record : patient.records()) {
                    LocalDate day = record.judgedDay(search.recordDate());
                    // "records of any of these searches": a record two of them find is one record, judged by the first
                    if (!seen.contains(record) && day != null && inWindow(day, window, anchor)
                            && matches(record, search.kind(), search.codeSet(), search.filter(), List.of(), DEFAULT_ENCOUNTER_EXCLUDED)
                            && seen.add(record)) {
                        found.add(new Found(record, day, record.judgedTime(search.recordDate())));
                    }
                }
            }
            found.sort(FOUND_ORDER);
            return Optional.of(found);
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
            Optional<List<Found>> numerators = search(numeratorRule, governing, anchor);
            if (numerators.isEmpty()) {
                return Optional.empty();
            }
            List<PlantedRecord> denominators = patient.records().stream()
                    .filter(record -> matches(record, denominatorRule.kind(), denominatorRule.codeSet(), denominatorRule.filter(), List.of(), DEFAULT_ENCOUNTER_EXCLUDED))
                    .toList();
            List<Pickable> candidates = new ArrayList<>();
            for (Found found : numerators.get()) {
                PlantedRecord top = found.record();
                Optional<BigDecimal> n = converted(top, numerator, numeratorRule);
                if (n.isEmpty() || top.time == null) {
                    continue;
                }
                PlantedRecord nearest = null;
                BigDecimal nearestValue = null;
                long nearestSeconds = Long.MAX_VALUE;
                for (PlantedRecord bottom : denominators) {
                    Optional<BigDecimal> d = converted(bottom, denominator, denominatorRule);
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
                        candidates.add(new Pickable(found, exact, List.of(top, nearest)));
                    }
                }
            }
            if (own != null && own.criterion() == null) {
                for (Found found : search(own, own, anchor).orElse(List.of())) {
                    converted(found.record(), result, own)
                            .filter(value -> result.isPlausible(value.setScale(1, RoundingMode.HALF_UP).doubleValue()))
                            .ifPresent(value -> candidates.add(new Pickable(found, value, List.of(found.record()))));
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

        /** first: the earliest; last: the latest (ties: the earlier in time order); lowest/highest by value (ties: the earlier); nearest to the day (ties: the earlier). */
        private Optional<Pickable> pick(List<Pickable> candidates, ExtractRule rule, LocalDate anchor)
        {
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            Comparator<Pickable> order = Comparator.comparing(Pickable::found, FOUND_ORDER);
            Comparator<Pickable> moment = Comparator.comparing((Pickable c) -> c.found().day()).thenComparing(c -> c.found().time() == null ? "" : "1" + c.found().time());
            Comparator<Pickable> chosen = switch (rule.pick()) {
                case "last" -> moment.reversed().thenComparing(order);
                case "lowest" -> Comparator.comparing(Pickable::value).thenComparing(order);
                case "highest" -> Comparator.comparing(Pickable::value).reversed().thenComparing(order);
                case "nearest" -> Comparator.comparing((Pickable c) -> Math.abs(ChronoUnit.DAYS.between(anchor, c.found().day()) - rule.nearestDay()))
                        .thenComparing(order);
                default -> order;
            };
            return candidates.stream().filter(c -> c.value() != null || !rule.pick().equals("lowest") && !rule.pick().equals("highest")).min(chosen);
        }

        private Value measurement(String variable, String timepoint, BigDecimal value, Pickable candidate)
        {
            return new Value(null, variable, timepoint, plain(value), value, candidate.found().day(), candidate.sources());
        }

        private Optional<Value> fromCriterion(ExtractRule rule)
        {
            Optional<PlantedRecord> matched = judgement.matchedRecord(rule.criterion());
            Found found = matched.map(record -> new Found(record, record.day, record.time)).orElse(null);
            return switch (rule.value()) {
                case "exists" -> remember(rule, Optional.of(field(rule, matched.isPresent() ? "yes" : "no", matched.map(List::of).orElse(List.of()))), found);
                case "count" -> remember(rule, Optional.of(field(rule, Integer.toString(judgement.count(rule.criterion())), matched.map(List::of).orElse(List.of()))), found);
                default -> {
                    if (matched.isEmpty()) {
                        yield Optional.empty();
                    }
                    if (rule.variable() != null) {
                        VariableSpec variable = protocol.findVariable(rule.variable()).orElseThrow();
                        yield converted(matched.get(), variable, rule).map(value -> measurement(rule.variable(), rule.timepoint(), value, new Pickable(found, value, List.of(matched.get()))));
                    }
                    yield remember(rule, recordValue(rule, found), found);
                }
            };
        }

        /** A value of one record: its judged day for {@code date} and {@code days_to_day0}. */
        private Optional<Value> recordValue(ExtractRule rule, Found found)
        {
            PlantedRecord record = found.record();
            String text = switch (rule.value()) {
                case "date" -> found.day().toString();
                case "days_to_day0" -> Long.toString(ChronoUnit.DAYS.between(found.day(), dayZero));
                case "agent" -> agent(record, agentCodeSet(rule, record));
                case "dose" -> Optional.ofNullable(doseIn(record, rule.doseUnit())).map(ReferenceScreening::plain).orElse(null);
                case "value" -> record.value == null ? null : plain(record.value);
                case "status_reason" -> statusReason(rule, record);
                default -> throw new IllegalStateException("value " + rule.value());
            };
            return text == null ? Optional.empty() : Optional.of(field(rule, text, List.of(record)));
        }

        /** The code set whose entry names the agent: the criterion's, the search's (for any_of the alternative of the record's kind), or the chosen rule's. */
        private String agentCodeSet(ExtractRule rule, PlantedRecord record)
        {
            ExtractRule source = rule;
            while (source.recordOf() != null) {
                String field = source.recordOf();
                source = protocol.extract().stream().filter(other -> field.equals(other.field())).findFirst().orElseThrow();
            }
            if (source.criterion() != null) {
                return find(source.criterion()).codeSet();
            }
            for (ExtractRule alternative : source.anyOf()) {
                if (alternative.kind().equals(record.kind) && (alternative.codeSet() == null || match(record, alternative.codeSet()).isPresent())) {
                    return alternative.codeSet();
                }
            }
            return source.codeSet();
        }

        private String agent(PlantedRecord record, String codeSet)
        {
            if (codeSet == null) {
                return record.text == null ? null : record.text.strip().toLowerCase(java.util.Locale.ROOT);
            }
            return match(record, codeSet).map(found -> found.entry().findAgent().orElse(record.text == null ? null : record.text.strip().toLowerCase(java.util.Locale.ROOT)))
                    .orElse(null);
        }

        /** reason_text when the record's reason is in reason_code_set (codes, then text terms); else the reason's text, display or code. */
        private String statusReason(ExtractRule rule, PlantedRecord record)
        {
            if (record.reasonSystem == null && record.reasonText == null) {
                return null;
            }
            if (rule.reasonCodeSet() != null) {
                CodeSet reasons = protocol.codeSets().get(rule.reasonCodeSet());
                boolean coded = record.reasonSystem != null && reasons.matchCoding(record.reasonSystem, record.reasonCode).isPresent();
                boolean byText = !coded && reasons.hasTextTerms()
                        && (record.reasonText != null && reasons.matchText(record.reasonText).isPresent()
                                || record.reasonDisplay != null && reasons.matchText(record.reasonDisplay).isPresent());
                if (coded || byText) {
                    return rule.reasonText();
                }
            }
            if (record.reasonText != null && !record.reasonText.isBlank()) {
                return record.reasonText.strip();
            }
            return record.reasonDisplay != null ? record.reasonDisplay : record.reasonCode;
        }

        private Optional<Value> patientFact(ExtractRule rule)
        {
            if (rule.value().equals("last_record_date")) {
                return lastRecord(rule.kinds()).map(record -> field(rule, record.day().toString(), List.of(record.source())));
            }
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

        /**
         * The latest date written on the patient's records of these kinds (empty: all; {@code patient}
         * the death date), counting or not; on a tie the record read first: its type's file by name,
         * then its line.
         */
        private Optional<Written> lastRecord(List<String> kinds)
        {
            List<Written> written = new ArrayList<>();
            if (patient.deceased() != null) {
                written.add(new Written(patient.deceased(), null, patient.resource()));
            }
            for (PlantedRecord record : patient.records()) {
                written.add(new Written(record.day, record.time, record));
                if (record.kind.equals("condition") && record.recordedDay != null) {
                    written.add(new Written(record.recordedDay, record.recordedTime, record));
                }
                if (record.endDay != null) {
                    written.add(new Written(record.endDay, record.endTime, record));
                }
            }
            Comparator<Written> readOrder = Comparator.comparing((Written each) -> each.source().resourceType)
                    .thenComparing(each -> each.source().kind.equals("patient") ? -1 : patient.records().indexOf(each.source()));
            Comparator<Written> latestFirst = Comparator.comparing(Written::day)
                    .thenComparing(each -> each.time() == null ? 0 : 1)
                    .thenComparing(each -> each.time() == null ? java.time.LocalTime.MIN : java.time.LocalTime.parse(each.time().substring(0, 8)))
                    .reversed()
                    .thenComparing(readOrder);
            return written.stream().filter(each -> kinds.isEmpty() || kinds.contains(each.source().kind)).min(latestFirst);
        }

        private Value field(ExtractRule rule, String text, List<PlantedRecord> sources)
        {
            return new Value(rule.field(), null, null, text, null, null, sources);
        }
    }

    /** A date written on a record (or the Patient's death date), for the last follow-up. */
    private record Written(LocalDate day, String time, PlantedRecord source) {}

    /** A record's first dose in {@code unit}: as written in that unit; mg, g and µg converted between each other; else null. */
    static BigDecimal doseIn(PlantedRecord record, String unit)
    {
        if (record.dose == null || unit == null || record.doseUnit == null) {
            return null;
        }
        if (record.doseUnit.equalsIgnoreCase(unit.strip())) {
            return record.dose;
        }
        Integer from = MASS_EXPONENTS.get(record.doseUnit.toLowerCase(java.util.Locale.ROOT));
        Integer to = MASS_EXPONENTS.get(unit.strip().toLowerCase(java.util.Locale.ROOT));
        return from == null || to == null ? null : record.dose.movePointRight(from - to);
    }

    /** Mass units as powers of ten of a gram. */
    static final Map<String, Integer> MASS_EXPONENTS = Map.of("g", 0, "mg", -3, "ug", -6, "µg", -6, "mcg", -6);

    /**
     * A record's value in the variable's canonical unit, when its unit is accepted (by the rule's own
     * {@code units} when it has them, else the variable's) and the value is plausible.
     */
    static Optional<BigDecimal> converted(PlantedRecord record, VariableSpec variable, ExtractRule rule)
    {
        // an observation's value; a medication's (first) dose
        BigDecimal number = record.value != null ? record.value : record.dose;
        String written = record.value != null ? record.unit : record.doseUnit;
        if (number == null) {
            return Optional.empty();
        }
        String unit = written == null ? "" : written.strip();
        Optional<BigDecimal> factor;
        if (rule != null && rule.units() != null) {
            factor = rule.units().entrySet().stream().filter(entry -> entry.getKey().strip().equalsIgnoreCase(unit)).map(Map.Entry::getValue).findFirst();
        }
        else {
            factor = (unit.equalsIgnoreCase(variable.unit()) ? Optional.of(1.0) : variable.findFactor(unit)).map(BigDecimal::valueOf);
        }
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        // as written at factor 1; else the product without trailing zeros (as screening converts)
        BigDecimal value = factor.get().compareTo(BigDecimal.ONE) == 0 ? number : number.multiply(factor.get()).stripTrailingZeros();
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
