package org.casebook.screening.generic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.casebook.protocol.ExtractRule;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseCheck;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.DerivedValue;
import org.casebook.schema.FieldKind;
import org.casebook.schema.FieldParser;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.generic.GenericDecision.Stay;
import org.casebook.screening.generic.RecordMatcher.Hit;
import org.casebook.screening.generic.RecordMatcher.Spec;

/**
 * The protocol's {@code extract} rules for one included patient, as a pure function of the
 * patient's facts and decision (docs/screening.md, "Any protocol", Extraction).
 */
public final class GenericExtractor
{
    /** Records inside a window, by their day, then type and id. */
    static final Comparator<GenericRecord> DAY_ORDER = Comparator
            .comparing((GenericRecord record) -> record.day(), FhirDate.ORDER)
            .thenComparing(record -> record.source().resourceType())
            .thenComparing(record -> record.source().id());

    private final StudyProtocol protocol;
    private final CaseSchema schema;
    private final RecordMatcher matcher;

    public GenericExtractor(StudyProtocol protocol, RecordMatcher matcher)
    {
        this.protocol = protocol;
        this.schema = protocol.caseSchema();
        this.matcher = matcher;
    }

    /** A record a search found, with the day its window judged ({@code record_date}). */
    private record Found(Hit hit, FhirDate day) {}

    /** Found records by their judged day, then type and id. */
    private static final Comparator<Found> FOUND_ORDER = Comparator
            .comparing(Found::day, FhirDate.ORDER)
            .thenComparing(found -> found.hit().record().source().resourceType())
            .thenComparing(found -> found.hit().record().source().id());

    /** A record usable for a rule with the number it gives (null when the rule takes no number), dated at {@code day}. */
    private record Candidate(Hit hit, BigDecimal value, List<RecordRef> sources, FhirDate day)
    {
        Candidate(Found found, BigDecimal value)
        {
            this(found.hit(), value, List.of(found.hit().record().source()), found.day());
        }

        Found found()
        {
            return new Found(hit, day);
        }
    }

    /** A field's value and the record chosen for it (null when none was: a patient fact, a "no"). */
    private record Chosen(GenericCase.Value value, Hit hit) {}

    public GenericCase extract(GenericPatient patient, GenericDecision decision)
    {
        Anchors anchors = new Anchors(decision.dayZero(), decision.stay());
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, List<RecordRef>> sources = new HashMap<>();
        List<GenericCase.Measured> measurements = new ArrayList<>();
        Map<String, ExtractRule> byTarget = new HashMap<>();
        protocol.extract().stream().filter(rule -> !rule.ctStudy())
                .forEach(rule -> byTarget.put(key(rule.variable() != null ? rule.variable() : rule.field(), rule.timepoint()), rule));
        Set<String> pairing = new HashSet<>();
        Map<String, DerivedValue> ratios = new HashMap<>();
        for (DerivedValue derived : schema.derived()) {
            if (derived.kind() != DerivedValue.Kind.RATIO) {
                continue;
            }
            for (TimePoint timepoint : protocol.timepoints()) {
                if (byTarget.containsKey(key(derived.numerator(), timepoint.name())) && byTarget.containsKey(key(derived.denominator(), timepoint.name()))) {
                    pairing.add(key(derived.numerator(), timepoint.name()));
                    pairing.add(key(derived.denominator(), timepoint.name()));
                    ratios.put(key(derived.name(), timepoint.name()), derived);
                }
            }
        }
        Map<String, GenericCase.Measured> measured = new HashMap<>();
        Map<String, Hit> chosen = new HashMap<>();
        Map<String, GenericCase.CtStudy> studies = new HashMap<>();
        for (ExtractRule rule : protocol.extract()) {
            if (rule.ctStudy()) {
                ctStudy(patient, anchors, rule, studies).ifPresent(study -> studies.put(rule.timepoint(), study));
                continue;
            }
            if (rule.field() != null) {
                fieldValue(patient, decision, anchors, rule, chosen).ifPresent(found -> {
                    cells.put(rule.field(), found.value().text());
                    sources.put(rule.field(), found.value().sources());
                    if (found.hit() != null) {
                        chosen.put(rule.field(), found.hit());
                    }
                });
                continue;
            }
            String target = key(rule.variable(), rule.timepoint());
            if (pairing.contains(target) || ratios.containsKey(target)) {
                continue;
            }
            variableValue(patient, decision, anchors, rule).ifPresent(value -> measured.put(target, value));
        }
        for (Map.Entry<String, DerivedValue> ratio : ratios.entrySet()) {
            String timepoint = ratio.getKey().substring(ratio.getKey().indexOf('@') + 1);
            Optional<GenericCase.Measured> made = ratioValue(patient, anchors, ratio.getValue(), timepoint, byTarget);
            if (made.isPresent()) {
                measured.put(ratio.getKey(), made.get());
                continue;
            }
            // no ratio at this time point (no denominator within the minutes, say): the numerator and
            // denominator are still the values their own rules find, as a workbook keeps a PaO2 without FiO2
            for (String part : List.of(ratio.getValue().numerator(), ratio.getValue().denominator())) {
                String target = key(part, timepoint);
                variableValue(patient, decision, anchors, byTarget.get(target)).ifPresent(value -> measured.put(target, value));
            }
        }
        // in the order of the rules: a ratio where its own rule stands, else where its numerator's does
        Set<String> written = new HashSet<>();
        for (ExtractRule rule : protocol.extract()) {
            if (rule.variable() == null) {
                continue;
            }
            String target = key(rule.variable(), rule.timepoint());
            String shown = ratioOfNumerator(target, ratios, byTarget).filter(measured::containsKey).orElse(target);
            GenericCase.Measured value = measured.get(shown);
            if (value != null && written.add(shown)) {
                measurements.add(value);
            }
        }
        List<GenericCase.CtStudy> ctStudies = new ArrayList<>();
        for (TimePoint timepoint : protocol.timepoints()) {
            GenericCase.CtStudy study = studies.get(timepoint.name());
            if (study != null) {
                ctStudies.add(study);
            }
        }
        List<RecordRef> indexSource = List.of(decision.index().record().source());
        // With a fallback field and day 0 on the index event itself, the fallback (the index date) already gives day 0: the day-0 field is left blank.
        boolean dayZeroIsFallback = schema.dayZeroFallback() != null && protocol.dayZero().criterion() == null;
        if (!dayZeroIsFallback && schema.findField(schema.dayZeroField()).isPresent() && !byTarget.containsKey(key(schema.dayZeroField(), null))) {
            cells.put(schema.dayZeroField(), decision.dayZero().toString());
            sources.put(schema.dayZeroField(), indexSource);
        }
        if (schema.dayZeroFallback() != null && schema.findField(schema.dayZeroFallback()).isPresent() && !byTarget.containsKey(key(schema.dayZeroFallback(), null))) {
            cells.put(schema.dayZeroFallback(), decision.index().record().day().date().toString());
            sources.put(schema.dayZeroFallback(), indexSource);
        }
        CaseCheck check = schema.check(cells);
        Map<String, GenericCase.Value> fields = new LinkedHashMap<>();
        for (CaseField field : schema.fields()) {
            Object value = check.values().get(field.name());
            if (value != null) {
                fields.put(field.name(), new GenericCase.Value(FieldParser.format(value), sources.getOrDefault(field.name(), List.of())));
            }
        }
        return new GenericCase(patient.patientId(), decision.dayZero(), decision.index().record().source(), fields, measurements, ctStudies);
    }

    /** The CT study of a rule's time point: by its pick in the window, other than a study an earlier rule chose. */
    private Optional<GenericCase.CtStudy> ctStudy(GenericPatient patient, Anchors anchors, ExtractRule rule, Map<String, GenericCase.CtStudy> taken)
    {
        Optional<List<Found>> found = search(patient, rule, anchors);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Set<RecordRef> used = new HashSet<>();
        taken.values().forEach(study -> used.add(study.source()));
        List<Candidate> candidates = found.get().stream().filter(each -> !used.contains(each.hit().record().source())).map(each -> new Candidate(each, null)).toList();
        return pick(candidates, rule.pick(), rule.nearestDay(), anchors.anchor(rule.anchor()))
                .map(c -> new GenericCase.CtStudy(rule.timepoint(), c.day().date(), c.hit().record().source()));
    }

    /** The ratio a numerator's rule stands for, when the ratio has no rule of its own at that time point. */
    private static Optional<String> ratioOfNumerator(String target, Map<String, DerivedValue> ratios, Map<String, ExtractRule> byTarget)
    {
        for (Map.Entry<String, DerivedValue> ratio : ratios.entrySet()) {
            String timepoint = ratio.getKey().substring(ratio.getKey().indexOf('@') + 1);
            if (target.equals(key(ratio.getValue().numerator(), timepoint)) && !byTarget.containsKey(ratio.getKey())) {
                return Optional.of(ratio.getKey());
            }
        }
        return Optional.empty();
    }

    private static String key(String name, String timepoint)
    {
        return timepoint == null ? name : name + "@" + timepoint;
    }

    /** The days a rule's records must fall on: anchor + window, or the stay. */
    private record Anchors(LocalDate dayZero, Stay stay)
    {
        LocalDate anchor(String name)
        {
            return switch (name) {
                case "admission" -> stay.start();
                case "discharge" -> stay.end();
                default -> dayZero;
            };
        }
    }

    /** First and last day of a search rule's window (last null: no upper bound); empty when its anchor is missing (an open stay's discharge). */
    private static Optional<LocalDate[]> span(ExtractRule rule, Anchors anchors)
    {
        if (rule.duringAdmission()) {
            return Optional.of(new LocalDate[] {anchors.stay().start(), anchors.stay().end()});
        }
        LocalDate anchor = anchors.anchor(rule.anchor());
        if (anchor == null) {
            return Optional.empty();
        }
        LocalDate from = anchor.plusDays(rule.window().from());
        if (rule.window().to() == null && anchors.stay().end() == null) {
            // to the end of the stay: none while the stay is open
            return Optional.empty();
        }
        LocalDate to = rule.window().to() != null ? anchor.plusDays(rule.window().to()) : anchors.stay().end();
        return Optional.of(new LocalDate[] {from, to});
    }

    private Spec spec(ExtractRule rule)
    {
        return new Spec(rule.kind(), matcher.codeSet(rule.codeSet()), rule.filter(), Set.of(), RecordMatcher.DEFAULT_EXCLUDED_ENCOUNTER_STATUSES);
    }

    /**
     * The counting records of a search rule (or of any of its {@code any_of} searches) whose judged
     * day lies inside its window, by that day; empty when the window has no anchor.
     */
    private Optional<List<Found>> search(GenericPatient patient, ExtractRule rule, Anchors anchors)
    {
        Optional<LocalDate[]> span = span(rule, anchors);
        if (span.isEmpty()) {
            return Optional.empty();
        }
        LocalDate from = span.get()[0];
        LocalDate to = span.get()[1];
        List<Found> found = new ArrayList<>();
        // a record two any_of searches both find is one record (counted once, judged by the first search finding it)
        Set<GenericRecord> seen = new HashSet<>();
        for (ExtractRule search : rule.anyOf().isEmpty() ? List.of(rule) : rule.anyOf()) {
            Spec spec = spec(search);
            for (GenericRecord record : patient.records()) {
                if (seen.contains(record)) {
                    continue;
                }
                FhirDate day = record.day(search.recordDate());
                if (day == null || day.date().isBefore(from) || (to != null && day.date().isAfter(to))) {
                    continue;
                }
                matcher.hit(patient, record, spec).ifPresent(hit -> {
                    found.add(new Found(hit, day));
                    seen.add(record);
                });
            }
        }
        found.sort(FOUND_ORDER);
        return Optional.of(found);
    }

    /** Chooses one candidate by the rule's pick (candidates in day order). */
    private static Optional<Candidate> pick(List<Candidate> candidates, String pick, int nearestDay, LocalDate anchor)
    {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Comparator<Candidate> byDay = Comparator.comparing(Candidate::found, FOUND_ORDER);
        return switch (pick) {
            case "first" -> candidates.stream().min(byDay);
            case "last" -> {
                Candidate last = candidates.get(0);
                for (Candidate candidate : candidates) {
                    if (FhirDate.ORDER.compare(candidate.day(), last.day()) > 0) {
                        last = candidate;
                    }
                }
                yield Optional.of(last);
            }
            case "lowest" -> candidates.stream().filter(c -> c.value() != null).min(Comparator.comparing(Candidate::value).thenComparing(byDay));
            case "highest" -> candidates.stream().filter(c -> c.value() != null).min(Comparator.comparing(Candidate::value, Comparator.reverseOrder()).thenComparing(byDay));
            case "nearest" -> candidates.stream().min(Comparator
                    .comparingLong((Candidate c) -> Math.abs(ChronoUnit.DAYS.between(anchor, c.day().date()) - nearestDay))
                    .thenComparing(byDay));
            default -> throw new IllegalStateException("pick " + pick);
        };
    }

    private Optional<GenericCase.Measured> variableValue(GenericPatient patient, GenericDecision decision, Anchors anchors, ExtractRule rule)
    {
        VariableSpec variable = protocol.findVariable(rule.variable()).orElseThrow();
        if (rule.criterion() != null) {
            Hit hit = decision.matched().get(rule.criterion());
            BigDecimal value = hit == null ? null : convert(variable, rule, number(hit.record()));
            if (value == null || hit.record().day() == null) {
                return Optional.empty();
            }
            return Optional.of(new GenericCase.Measured(rule.timepoint(), variable.name(), value, variable.unit(), hit.record().day().date(), List.of(hit.record().source())));
        }
        Optional<List<Found>> hits = search(patient, rule, anchors);
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Found found : hits.get()) {
            BigDecimal value = convert(variable, rule, number(found.hit().record()));
            if (value != null) {
                candidates.add(new Candidate(found, value));
            }
        }
        return pick(candidates, rule.pick(), rule.nearestDay(), anchors.anchor(rule.anchor()))
                .map(c -> new GenericCase.Measured(rule.timepoint(), variable.name(), c.value(), variable.unit(), c.day().date(), c.sources()));
    }

    /** An observation's valueQuantity, a medication's first dose; else null. */
    private static Quantity number(GenericRecord record)
    {
        if (record.value() != null) {
            return record.value();
        }
        return record.doses().isEmpty() ? null : record.doses().get(0);
    }

    /** A quantity in the variable's canonical unit when its unit is accepted and the value plausible; else null. */
    static BigDecimal convert(VariableSpec variable, Quantity quantity)
    {
        return convert(variable, null, quantity);
    }

    /**
     * A quantity in the variable's canonical unit when its unit is accepted (by the rule's own
     * {@code units} when it has them, else the variable's) and the value plausible; else null. A
     * factor of 1 keeps the value as the record wrote it; another gives the product without trailing zeros.
     */
    static BigDecimal convert(VariableSpec variable, ExtractRule rule, Quantity quantity)
    {
        if (quantity == null) {
            return null;
        }
        Optional<BigDecimal> factor;
        if (rule != null && rule.units() != null) {
            String written = quantity.unitKey();
            factor = rule.units().entrySet().stream().filter(entry -> entry.getKey().strip().equalsIgnoreCase(written)).map(Map.Entry::getValue).findFirst();
        }
        else {
            factor = variable.findFactor(quantity.unitKey()).map(BigDecimal::valueOf);
        }
        if (factor.isEmpty()) {
            return null;
        }
        BigDecimal value = factor.get().compareTo(BigDecimal.ONE) == 0 ? quantity.value() : quantity.value().multiply(factor.get()).stripTrailingZeros();
        return variable.isPlausible(value.doubleValue()) ? value : null;
    }

    private Optional<GenericCase.Measured> ratioValue(GenericPatient patient, Anchors anchors, DerivedValue ratio, String timepoint, Map<String, ExtractRule> byTarget)
    {
        VariableSpec result = protocol.findVariable(ratio.name()).orElse(null);
        VariableSpec numerator = protocol.findVariable(ratio.numerator()).orElse(null);
        VariableSpec denominator = protocol.findVariable(ratio.denominator()).orElse(null);
        if (result == null || numerator == null || denominator == null) {
            return Optional.empty();
        }
        ExtractRule numeratorRule = byTarget.get(key(ratio.numerator(), timepoint));
        ExtractRule denominatorRule = byTarget.get(key(ratio.denominator(), timepoint));
        ExtractRule own = byTarget.get(key(ratio.name(), timepoint));
        ExtractRule governing = own != null && own.criterion() == null ? own : numeratorRule;
        List<Candidate> candidates = new ArrayList<>();
        Optional<List<Found>> numerators = search(patient, numeratorRule.inWindowOf(governing), anchors);
        if (numerators.isEmpty()) {
            return Optional.empty();
        }
        List<Hit> denominators = new ArrayList<>();
        Spec denominatorSpec = spec(denominatorRule);
        for (GenericRecord record : patient.records()) {
            matcher.hit(patient, record, denominatorSpec).ifPresent(denominators::add);
        }
        for (Found found : numerators.get()) {
            Hit top = found.hit();
            BigDecimal n = convert(numerator, numeratorRule, number(top.record()));
            if (n == null) {
                continue;
            }
            Hit nearest = null;
            BigDecimal nearestD = null;
            double nearestMinutes = Double.MAX_VALUE;
            for (Hit bottom : denominators) {
                BigDecimal d = convert(denominator, denominatorRule, number(bottom.record()));
                if (d == null || d.signum() <= 0 || top.record().date() == null || bottom.record().date() == null) {
                    continue;
                }
                Optional<Double> minutes = top.record().date().minutesTo(bottom.record().date());
                if (minutes.isEmpty() || minutes.get() > ratio.maxMinutesApart()) {
                    continue;
                }
                boolean better = nearest == null || minutes.get() < nearestMinutes
                        || (minutes.get() == nearestMinutes && GenericRecord.ORDER.compare(bottom.record(), nearest.record()) < 0);
                if (better) {
                    nearest = bottom;
                    nearestD = d;
                    nearestMinutes = minutes.get();
                }
            }
            if (nearest == null) {
                continue;
            }
            BigDecimal exact = n.divide(nearestD, MathContext.DECIMAL64);
            if (result.isPlausible(exact.setScale(1, RoundingMode.HALF_UP).doubleValue())) {
                candidates.add(new Candidate(top, exact, List.of(top.record().source(), nearest.record().source()), found.day()));
            }
        }
        if (own != null && own.criterion() == null) {
            search(patient, own, anchors).ifPresent(hits -> {
                for (Found found : hits) {
                    BigDecimal value = convert(result, own, number(found.hit().record()));
                    if (value != null && result.isPlausible(value.setScale(1, RoundingMode.HALF_UP).doubleValue())) {
                        candidates.add(new Candidate(found, value));
                    }
                }
            });
        }
        candidates.sort(Comparator.comparing(Candidate::found, FOUND_ORDER));
        return pick(candidates, governing.pick(), governing.nearestDay(), anchors.anchor(governing.anchor()))
                .map(c -> new GenericCase.Measured(timepoint, result.name(), c.value().setScale(1, RoundingMode.HALF_UP), result.unit(), c.day().date(), c.sources()));
    }

    private Optional<Chosen> fieldValue(GenericPatient patient, GenericDecision decision, Anchors anchors, ExtractRule rule, Map<String, Hit> chosen)
    {
        CaseField field = schema.findField(rule.field()).orElseThrow();
        RecordRef patientSource = patient.patientSource();
        List<RecordRef> patientSources = patientSource == null ? List.of() : List.of(patientSource);
        Hit index = decision.index();
        switch (rule.value()) {
            case "death_date":
                return patient.deceased() != null && patient.deceased().isDayPrecise()
                        ? fact(patient.deceased().date().toString(), patientSources) : Optional.empty();
            case "birth_age":
                return patient.birthDate() != null && patient.birthDate().isDayPrecise() && !patient.birthDate().date().isAfter(decision.dayZero())
                        ? fact(Integer.toString(Period.between(patient.birthDate().date(), decision.dayZero()).getYears()), patientSources)
                        : Optional.empty();
            case "sex":
                return sex(field, patient.gender()).flatMap(text -> fact(text, patientSources));
            case "admission_date":
                return fact(decision.stay().start().toString(), List.of(index.record().source()));
            case "discharge_date":
                // a discharge written to the day (an end such as 2024-03 gives none)
                FhirDate end = index.record().end();
                return decision.stay().end() == null || end != null && !end.isDayPrecise() ? Optional.empty()
                        : fact(decision.stay().end().toString(), List.of(index.record().source()));
            case "last_record_date":
                return patient.latestDay(rule.kinds()).flatMap(latest -> fact(latest.date().date().toString(), List.of(latest.source())));
            default:
                break;
        }
        if (rule.recordOf() != null) {
            Hit hit = chosen.get(rule.recordOf());
            return hit == null ? Optional.empty() : recordValue(rule, hit, dayOf(rule, hit), decision.dayZero())
                    .map(text -> new Chosen(new GenericCase.Value(text, List.of(hit.record().source())), hit));
        }
        if (rule.criterion() != null) {
            Hit hit = decision.matched().get(rule.criterion());
            return switch (rule.value()) {
                case "exists" -> Optional.of(new Chosen(new GenericCase.Value(hit != null ? "yes" : "no", hit == null ? List.of() : List.of(hit.record().source())), hit));
                case "count" -> Optional.of(new Chosen(new GenericCase.Value(Integer.toString(decision.counts().getOrDefault(rule.criterion(), 0)),
                        hit == null ? List.of() : List.of(hit.record().source())), hit));
                default -> hit == null ? Optional.empty() : recordValue(rule, hit, hit.record().day(), decision.dayZero())
                        .map(text -> new Chosen(new GenericCase.Value(text, List.of(hit.record().source())), hit));
            };
        }
        Optional<List<Found>> searched = search(patient, rule, anchors);
        if (searched.isEmpty()) {
            return Optional.empty();
        }
        List<Found> hits = searched.get();
        switch (rule.value()) {
            case "exists":
                return Optional.of(new Chosen(new GenericCase.Value(hits.isEmpty() ? "no" : "yes", hits.isEmpty() ? List.of() : List.of(hits.get(0).hit().record().source())),
                        hits.isEmpty() ? null : hits.get(0).hit()));
            case "count":
                return Optional.of(new Chosen(new GenericCase.Value(Integer.toString(hits.size()), hits.stream().map(found -> found.hit().record().source()).toList()),
                        null));
            default:
                break;
        }
        Function<Hit, BigDecimal> number = switch (rule.value()) {
            case "dose" -> hit -> dose(hit.record(), rule.doseUnit());
            case "value" -> hit -> hit.record().value() == null ? null : hit.record().value().value();
            default -> hit -> null;
        };
        boolean needsNumber = rule.value().equals("dose") || rule.value().equals("value");
        List<Candidate> candidates = new ArrayList<>();
        for (Found found : hits) {
            BigDecimal value = number.apply(found.hit());
            if (value != null || !needsNumber) {
                candidates.add(new Candidate(found, value));
            }
        }
        return pick(candidates, rule.pick(), rule.nearestDay(), anchors.anchor(rule.anchor()))
                .flatMap(c -> recordValue(rule, c.hit(), c.day(), decision.dayZero()).map(text -> new Chosen(new GenericCase.Value(text, c.sources()), c.hit())));
    }

    private static Optional<Chosen> fact(String text, List<RecordRef> sources)
    {
        return Optional.of(new Chosen(new GenericCase.Value(text, sources), null));
    }

    /** The day a record-of rule reports: the date the chosen record was judged by in its own rule. */
    private FhirDate dayOf(ExtractRule rule, Hit hit)
    {
        ExtractRule source = protocol.extract().stream().filter(other -> rule.recordOf().equals(other.field())).findFirst().orElseThrow();
        if (!source.anyOf().isEmpty()) {
            for (ExtractRule alternative : source.anyOf()) {
                if (alternative.kind().equals(hit.record().kind())) {
                    return hit.record().day(alternative.recordDate());
                }
            }
        }
        return hit.record().day(source.recordDate());
    }

    /** date, agent, dose, days_to_day0, value or status_reason of one record, as cell text; {@code day} the record's judged day. */
    private Optional<String> recordValue(ExtractRule rule, Hit hit, FhirDate day, LocalDate dayZero)
    {
        return switch (rule.value()) {
            case "date" -> day == null ? Optional.empty() : Optional.of(day.date().toString());
            case "days_to_day0" -> day == null ? Optional.empty() : Optional.of(Long.toString(ChronoUnit.DAYS.between(day.date(), dayZero)));
            case "agent" -> Optional.ofNullable(hit.agent());
            case "dose" -> Optional.ofNullable(dose(hit.record(), rule.doseUnit())).map(value -> value.stripTrailingZeros().toPlainString());
            case "value" -> Optional.ofNullable(hit.record().value()).map(value -> value.value().stripTrailingZeros().toPlainString());
            case "status_reason" -> statusReason(rule, hit.record());
            default -> Optional.empty();
        };
    }

    /** {@code reason_text} when a status reason matches {@code reason_code_set}; else the first reason's text, display or code. */
    private Optional<String> statusReason(ExtractRule rule, GenericRecord record)
    {
        if (rule.reasonCodeSet() != null && RecordMatcher.anyMatch(matcher.codeSet(rule.reasonCodeSet()), record.statusReasons())) {
            return Optional.of(rule.reasonText());
        }
        for (Concept reason : record.statusReasons()) {
            if (reason.text() != null && !reason.text().isBlank()) {
                return Optional.of(reason.text().strip());
            }
            Optional<String> written = reason.codings().stream()
                    .map(coding -> coding.display() != null ? coding.display() : coding.code())
                    .filter(text -> text != null && !text.isBlank())
                    .findFirst();
            if (written.isPresent()) {
                return written;
            }
        }
        return Optional.empty();
    }

    /** The record's first dose that is in {@code unit} or converts to it (mg, g and µg between each other); else null. */
    static BigDecimal dose(GenericRecord record, String unit)
    {
        if (unit == null) {
            return null;
        }
        for (Quantity dose : record.doses()) {
            BigDecimal value = dose(dose, unit);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** One dose in {@code unit}: as is in that unit; mg, g and µg converted between each other; else null. */
    static BigDecimal dose(Quantity dose, String unit)
    {
        if (dose.unitKey().equalsIgnoreCase(unit.strip())) {
            return dose.value();
        }
        BigDecimal perMilligram = switch (unit.strip().toLowerCase(Locale.ROOT)) {
            case "mg" -> BigDecimal.ONE;
            case "g" -> new BigDecimal("0.001");
            case "ug", "µg", "mcg" -> new BigDecimal("1000");
            default -> null;
        };
        if (perMilligram == null) {
            return null;
        }
        return dose.milligrams().map(mg -> mg.multiply(perMilligram)).orElse(null);
    }

    /** F/M from gender female/male when the field takes it; else the gender as written when the field takes that; else none. */
    private static Optional<String> sex(CaseField field, String gender)
    {
        if (gender == null) {
            return Optional.empty();
        }
        String letter = switch (gender.toLowerCase(Locale.ROOT)) {
            case "female" -> "F";
            case "male" -> "M";
            default -> null;
        };
        for (String text : new String[] {letter, gender}) {
            if (text != null && FieldParser.parse(field, text).isValid()) {
                return Optional.of(field.kind() == FieldKind.CATEGORY ? FieldParser.format(FieldParser.parse(field, text).value()) : text);
            }
        }
        return Optional.empty();
    }
}
