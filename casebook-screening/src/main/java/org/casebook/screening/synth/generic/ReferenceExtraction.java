package org.casebook.screening.synth.generic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
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
import org.casebook.protocol.ExtractRule;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.DerivedValue;
import org.casebook.screening.synth.generic.ReferenceScreening.Judgement;
import org.casebook.screening.synth.generic.ReferenceScreening.Patient;
import org.casebook.screening.synth.generic.ReferenceScreening.Value;

import static org.casebook.screening.synth.generic.ReferenceScreening.DEFAULT_ENCOUNTER_EXCLUDED;
import static org.casebook.screening.synth.generic.ReferenceScreening.converted;
import static org.casebook.screening.synth.generic.ReferenceScreening.doseIn;
import static org.casebook.screening.synth.generic.ReferenceScreening.instant;
import static org.casebook.screening.synth.generic.ReferenceScreening.plain;

/**
 * The values of an included patient, one per {@code extract} rule that finds one, in the rules'
 * order: the reference's reading of the {@code extract} rules for one included patient (docs/screening.md,
 * "Any protocol", Extraction), from the generator's model of the records: searches (and
 * {@code any_of}) in their windows by the date each judges, picks, units, ratios, CT studies,
 * the records {@code record_of} rules take, stop reasons and the last record date.
 */
final class ReferenceExtraction
{
    private final ReferenceScreening reference;
    private final StudyProtocol protocol;
    private final Patient patient;
    private final Judgement judgement;
    private final LocalDate dayZero;
    /** The record each field's rule chose, with the day its window judged, for {@code record_of} rules. */
    private final Map<String, Found> chosen = new HashMap<>();

    ReferenceExtraction(ReferenceScreening reference, Patient patient, Judgement judgement, LocalDate dayZero)
    {
        this.reference = reference;
        this.protocol = reference.protocol();
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
        ratios.forEach((target, ratio) -> {
            String timepoint = target.substring(target.indexOf('@') + 1);
            Optional<Value> made = ratio(ratio, timepoint, byTarget);
            if (made.isPresent()) {
                values.add(made.get());
            }
            else {
                // no ratio: the numerator's and denominator's own values, as the engine writes them
                value(byTarget.get(target(ratio.numerator(), timepoint))).ifPresent(values::add);
                value(byTarget.get(target(ratio.denominator(), timepoint))).ifPresent(values::add);
            }
        });
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
                        && reference.matches(record, search.kind(), search.codeSet(), search.filter(), List.of(), DEFAULT_ENCOUNTER_EXCLUDED)
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
                .filter(record -> reference.matches(record, denominatorRule.kind(), denominatorRule.codeSet(), denominatorRule.filter(), List.of(), DEFAULT_ENCOUNTER_EXCLUDED))
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
            return reference.find(source.criterion()).codeSet();
        }
        for (ExtractRule alternative : source.anyOf()) {
            if (alternative.kind().equals(record.kind) && (alternative.codeSet() == null || reference.match(record, alternative.codeSet()).isPresent())) {
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
        return reference.match(record, codeSet).map(found -> found.entry().findAgent().orElse(record.text == null ? null : record.text.strip().toLowerCase(java.util.Locale.ROOT)))
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
            case "sex" -> sex(rule.field());
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
     * docs/screening.md: {@code F}/{@code M} from gender female/male when the field's levels take
     * it, else the gender as written when a level is that word (levels compared ignoring case,
     * written as the protocol writes them); a field of another kind takes the letter.
     */
    private String sex(String fieldName)
    {
        String gender = patient.gender();
        String letter = gender.equals("female") ? "F" : gender.equals("male") ? "M" : null;
        org.casebook.schema.CaseField field = protocol.caseSchema().findField(fieldName).orElseThrow();
        if (field.kind() != org.casebook.schema.FieldKind.CATEGORY) {
            return letter;
        }
        for (String wanted : new String[] {letter, gender}) {
            for (String level : field.levels()) {
                if (wanted != null && level.equalsIgnoreCase(wanted)) {
                    return level;
                }
            }
        }
        return null;
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

    /** A record a search found, with the day and time its window judged ({@code record_date}). */
    private record Found(PlantedRecord record, LocalDate day, String time) {}

    /** Found records in time: the judged day, date-only before times, the time as written, then type and id. */
    private static final Comparator<Found> FOUND_ORDER = Comparator.comparing(Found::day)
            .thenComparing(found -> found.time() == null ? "" : "1" + found.time())
            .thenComparing(found -> found.record().resourceType)
            .thenComparing(found -> found.record().id);

    /** A record a pick chooses among, with its number (a value in the canonical unit, a ratio, a dose) and the records it comes from. */
    private record Pickable(Found found, BigDecimal value, List<PlantedRecord> sources) {}

    /** A date written on a record (or the Patient's death date), for the last follow-up. */
    private record Written(LocalDate day, String time, PlantedRecord source) {}
}
