package org.casebook.screening.synth.generic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetEntry;
import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.ExtractRule;
import org.casebook.protocol.RecordFilter;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.DerivedValue;
import org.casebook.screening.synth.generic.Variant.Change;

/**
 * Plans one planted patient's records from the protocol alone: the index record (criterion 0's
 * kind, a code of its set, a day in the study window), a record meeting each inclusion criterion
 * in its timing (relative ones after the record they count from), none for exclusions, and for
 * each {@code extract} search a record in its window with a plausible value; then the variant's
 * one change. Eligible patients also get the extraction near misses (a day outside each window,
 * records that do not count, implausible values, units not accepted, ties).
 */
final class Timeline
{
    static final String OFFSET = "+09:00";
    static final String WEST_LATE = "23:30:00-05:00";
    static final String EAST_EARLY = "00:30:00+09:00";
    private static final List<String> CLASSES = List.of("AMB", "EMER", "IMP", "ACUTE", "NONAC", "HH", "VR", "SS", "OBSENC");
    private static final List<String> MODALITIES = List.of("XR", "MR", "US", "CT", "NM", "OP", "PT");
    private static final List<String> DOSES = List.of("0.25", "0.5", "1", "2.5", "5", "10", "15", "20", "40", "100");

    private final StudyProtocol protocol;
    private final ReferenceScreening reference;
    private final SplittableRandom random;
    private final String patientId;
    final List<PlantedRecord> records = new ArrayList<>();
    private final Map<String, LocalDate> matchedDay = new HashMap<>();
    /** By the rule or criterion whose records a value reads ({@link #carrier}): the dose unit asked for. */
    private final Map<String, String> doseUnits = new HashMap<>();
    /** By the rule or criterion whose records a value reads: the status_reason rule asking for a stop reason. */
    private final Map<String, ExtractRule> reasonRules = new HashMap<>();
    /** The patient's screening as planted, which extraction records must leave unchanged. */
    private String planted;
    /** For a ratio's numerator rule (variable@timepoint), the ratio and its denominator's rule at that time point. */
    private final Map<String, Pairing> pairings = new HashMap<>();
    private int counter;
    LocalDate indexDay;
    LocalDate stayEnd;
    LocalDate dayZero;

    Timeline(StudyProtocol protocol, ReferenceScreening reference, SplittableRandom random, String patientId)
    {
        this.protocol = protocol;
        this.reference = reference;
        this.random = random;
        this.patientId = patientId;
        for (ExtractRule rule : protocol.extract()) {
            // a dose or a stop reason is taken from the records of the search (or criterion) the rule reads, directly or through record_of
            if (rule.value().equals("dose")) {
                doseUnits.put(carrier(rule), rule.doseUnit());
            }
            if (rule.value().equals("status_reason")) {
                reasonRules.put(carrier(rule), rule);
            }
        }
        for (DerivedValue derived : protocol.caseSchema().derived()) {
            if (derived.kind() != DerivedValue.Kind.RATIO) {
                continue;
            }
            for (ExtractRule numerator : protocol.extract()) {
                if (!derived.numerator().equals(numerator.variable()) || numerator.kind() == null || numerator.criterion() != null) {
                    continue;
                }
                protocol.extract().stream()
                        .filter(rule -> derived.denominator().equals(rule.variable()) && numerator.timepoint().equals(rule.timepoint()) && rule.kind() != null && rule.criterion() == null)
                        .findFirst()
                        .ifPresent(denominator -> pairings.put(numerator.variable() + "@" + numerator.timepoint(), new Pairing(derived, denominator)));
            }
        }
    }

    private record Pairing(DerivedValue ratio, ExtractRule denominator) {}

    /** The key of the records a rule's value comes from: {@code criterion:<id>}, or {@code field:<field>} of the search rule at the end of its record_of chain. */
    private String carrier(ExtractRule rule)
    {
        ExtractRule source = rule;
        while (source.recordOf() != null) {
            String field = source.recordOf();
            source = protocol.extract().stream().filter(other -> field.equals(other.field())).findFirst().orElseThrow();
        }
        return source.criterion() != null ? "criterion:" + source.criterion() : "field:" + source.target();
    }

    // --- a planted patient -----------------------------------------------------------------------

    void plant(Variant variant)
    {
        List<EligibilityCriterion> criteria = protocol.eligibility();
        EligibilityCriterion index = criteria.get(0);
        Change indexChange = targets(variant, index) ? variant.change() : Change.NONE;
        LocalDate start = protocol.studyWindow().start();
        LocalDate end = protocol.studyWindow().end();
        indexDay = switch (indexChange) {
            case DAY_BEFORE, TZ_DAY_BEFORE -> start.minusDays(1);
            case DAY_AFTER, TZ_DAY_AFTER -> end.plusDays(1);
            case TZ_FIRST_DAY -> start;
            case TZ_LAST_DAY -> end;
            default -> between(start, end);
        };
        PlantedRecord indexRecord = criterionRecord(index, indexDay, time(indexChange), indexChange);
        stayEnd = index.kind().equals("encounter") ? indexDay.plusDays(random.nextInt(2, 13)) : indexDay;
        if (index.kind().equals("encounter")) {
            indexRecord.endDay = stayEnd;
        }
        add(indexRecord);
        matchedDay.put(index.id(), indexDay);
        if (indexChange == Change.EARLIER_RECORD) {
            add(criterionRecord(index, start.minusDays(random.nextInt(30, 400)), time(Change.NONE), Change.NONE));
        }
        for (EligibilityCriterion criterion : dependencyOrder()) {
            if (!criterion.isIndexEvent()) {
                plantCriterion(criterion, targets(variant, criterion) ? variant.change() : Change.NONE, targets(variant, criterion));
            }
        }
        String dayZeroCriterion = protocol.dayZero().criterion();
        dayZero = dayZeroCriterion == null ? indexDay : matchedDay.getOrDefault(dayZeroCriterion, indexDay);
        // A search's records are kept only when they leave the patient's screening as planted (an
        // exclusion's code set searched in another window, the index's code set after the index, …).
        planted = eligibility();
        for (ExtractRule rule : protocol.extract()) {
            if ((rule.kind() != null || !rule.anyOf().isEmpty()) && rule.criterion() == null) {
                plantExtraction(rule, variant == Variant.ELIGIBLE);
            }
            if (rule.value().equals("last_record_date") && variant == Variant.ELIGIBLE) {
                new ExtractionNearMisses(this, random).lastRecord(rule);
            }
        }
    }

    /** Drops the records added since {@code before} when they change the patient's screening (status, reason, index record, day 0). */
    void settle(int before)
    {
        if (records.size() > before && !eligibility().equals(planted)) {
            records.subList(before, records.size()).clear();
        }
    }

    /** The patient's screening as it stands: status, reason, index record and day 0. */
    private String eligibility()
    {
        PlantedRecord resource = new PlantedRecord("patient");
        resource.resourceType = "Patient";
        resource.id = patientId;
        ReferenceScreening.Outcome outcome = reference.screen(new ReferenceScreening.Patient(patientId, LocalDate.of(1900, 1, 1), "unknown", null, resource, records), false);
        return outcome.status() + "," + outcome.reason() + "," + (outcome.index() == null ? null : outcome.index().id) + "," + outcome.dayZero();
    }

    /** A background patient: records of the study's concepts, but no index event in the study window. */
    void background()
    {
        LocalDate start = protocol.studyWindow().start();
        LocalDate end = protocol.studyWindow().end();
        for (EligibilityCriterion criterion : protocol.eligibility()) {
            if (random.nextDouble() >= 0.35) {
                continue;
            }
            LocalDate day = criterion.isIndexEvent()
                    ? random.nextBoolean() ? start.minusDays(random.nextInt(30, 700)) : end.plusDays(random.nextInt(30, 700))
                    : between(start.minusDays(800), end.plusDays(400));
            PlantedRecord record = criterionRecord(criterion, day, time(Change.NONE), Change.NONE);
            if (criterion.kind().equals("encounter")) {
                record.endDay = day.plusDays(random.nextInt(0, 5));
            }
            add(record);
        }
        for (ExtractRule rule : protocol.extract()) {
            if (rule.variable() != null && rule.kind() != null && random.nextDouble() < 0.5) {
                VariableSpec variable = protocol.findVariable(rule.variable()).orElseThrow();
                PlantedRecord record = searchRecord(rule, between(start.minusDays(400), end.plusDays(400)), time(Change.NONE));
                writeValue(record, rule, variable, midValue(variable), true);
                add(record);
                // a variable read from the index criterion's records (a drug's dose) must not give the patient an index event
                if (!eligibility().startsWith("absent,")) {
                    records.remove(records.size() - 1);
                }
            }
        }
    }

    private static boolean targets(Variant variant, EligibilityCriterion criterion)
    {
        return criterion.id().equals(variant.criterion());
    }

    /** Criteria ordered so that each comes after the one its relative timing counts from. */
    private List<EligibilityCriterion> dependencyOrder()
    {
        Set<EligibilityCriterion> ordered = new LinkedHashSet<>();
        for (EligibilityCriterion criterion : protocol.eligibility()) {
            addAfterTarget(criterion, ordered);
        }
        return List.copyOf(ordered);
    }

    private void addAfterTarget(EligibilityCriterion criterion, Set<EligibilityCriterion> ordered)
    {
        if (ordered.contains(criterion)) {
            return;
        }
        if (criterion.relativeTo() != null) {
            addAfterTarget(find(criterion.relativeTo()), ordered);
        }
        ordered.add(criterion);
    }

    private EligibilityCriterion find(String id)
    {
        return protocol.eligibility().stream().filter(criterion -> criterion.id().equals(id)).findFirst().orElseThrow();
    }

    // --- criteria --------------------------------------------------------------------------------

    private void plantCriterion(EligibilityCriterion criterion, Change change, boolean targeted)
    {
        if (criterion.exclusion() && !targeted) {
            return;
        }
        LocalDate[] range = range(criterion);
        LocalDate first = range[0];
        LocalDate last = range[1];
        LocalDate day = switch (change) {
            case DAY_BEFORE, TZ_DAY_BEFORE -> first.minusDays(1);
            case DAY_AFTER, TZ_DAY_AFTER -> last.plusDays(1);
            case TZ_FIRST_DAY -> first;
            case TZ_LAST_DAY -> last;
            default -> normalDay(first, last);
        };
        int count = criterion.minCount() - (change == Change.MIN_COUNT_SHORT ? 1 : 0);
        boolean dayChange = day != null && change != Change.NONE && change.name().startsWith("TZ") || change == Change.DAY_BEFORE || change == Change.DAY_AFTER;
        LocalDate earliest = null;
        for (int i = 0; i < count; i++) {
            LocalDate recordDay = i == 0 || dayChange ? day : normalDay(first, last);
            String time = i == 0 ? time(change) : String.format("%02d:%02d:00%s", 8 + i % 10, 5 * (i % 12), OFFSET);
            if (dayChange && i > 0) {
                time = change.name().startsWith("TZ") ? time(change).replace(":30:00", ":" + (30 + i % 29) + ":00") : time;
            }
            PlantedRecord record = criterionRecord(criterion, recordDay, time, change);
            if (criterion.kind().equals("encounter")) {
                record.endDay = recordDay;
            }
            add(record);
            earliest = earliest == null || recordDay.isBefore(earliest) ? recordDay : earliest;
        }
        if (earliest != null) {
            matchedDay.put(criterion.id(), earliest);
        }
    }

    /** The first and last day the criterion's timing allows (either may be null: no bound). */
    private LocalDate[] range(EligibilityCriterion criterion)
    {
        return switch (criterion.timing()) {
            case "during_admission" -> new LocalDate[] {indexDay, stayEnd};
            case "on_or_before_admission" -> new LocalDate[] {null, indexDay};
            case "window" -> new LocalDate[] {indexDay.plusDays(criterion.window().from()), indexDay.plusDays(criterion.window().to())};
            case "relative" -> {
                LocalDate anchor = matchedDay.getOrDefault(criterion.relativeTo(), indexDay);
                Integer to = criterion.window().to();
                yield new LocalDate[] {anchor.plusDays(criterion.window().from()), to == null ? null : anchor.plusDays(to)};
            }
            default -> throw new IllegalStateException("timing " + criterion.timing());
        };
    }

    private LocalDate normalDay(LocalDate first, LocalDate last)
    {
        if (first == null) {
            return last.minusDays(random.nextInt(30, 1500));
        }
        if (last == null) {
            return first.plusDays(random.nextInt(0, 31));
        }
        return between(first, last);
    }

    String time(Change change)
    {
        return switch (change) {
            case TZ_LAST_DAY, TZ_DAY_BEFORE -> WEST_LATE;
            case TZ_DAY_AFTER, TZ_FIRST_DAY -> EAST_EARLY;
            default -> String.format("%02d:%02d:00%s", random.nextInt(8, 18), 5 * random.nextInt(0, 12), OFFSET);
        };
    }

    /** A record meeting the criterion (kind, code, status, filter), then the change to its content. */
    PlantedRecord criterionRecord(EligibilityCriterion criterion, LocalDate day, String time, Change change)
    {
        PlantedRecord record = new PlantedRecord(criterion.kind());
        record.day = day;
        record.time = time;
        setCode(record, criterion.codeSet(), change == Change.CODE_NOT_IN_SET);
        RecordFilter filter = criterion.filter();
        switch (criterion.kind()) {
            case "encounter" -> {
                record.resourceType = "Encounter";
                record.status = change == Change.STATUS_NOT_COUNTED
                        ? (criterion.excludedStatuses().isEmpty() ? ReferenceScreening.DEFAULT_ENCOUNTER_EXCLUDED : criterion.excludedStatuses()).get(0)
                        : "finished";
                List<String> classes = criterion.encounterClasses();
                record.encounterClass = change == Change.CLASS_NOT_COUNTED
                        ? CLASSES.stream().filter(code -> !classes.contains(code)).findFirst().orElseThrow()
                        : classes.isEmpty() ? "IMP" : classes.get(random.nextInt(classes.size()));
            }
            case "condition" -> {
                record.resourceType = "Condition";
                record.status = switch (change) {
                    case REFUTED -> "refuted";
                    case ENTERED_IN_ERROR -> "entered-in-error";
                    default -> "confirmed";
                };
            }
            case "medication" -> {
                medication(record, filter, change, doseUnits.get("criterion:" + criterion.id()));
                ExtractRule reasons = reasonRules.get("criterion:" + criterion.id());
                if (reasons != null && !criterion.id().equals("extract")) {
                    stopReason(record, reasons);
                }
            }
            case "observation" -> observation(record, criterion.codeSet(), filter, change);
            case "procedure" -> {
                record.resourceType = "Procedure";
                record.status = statusOf(filter, change, "completed", List.of("not-done", "entered-in-error", "stopped", "in-progress"));
            }
            case "device_request" -> {
                record.resourceType = "DeviceRequest";
                record.status = statusOf(filter, change, "active", List.of("entered-in-error", "draft", "revoked", "on-hold"));
            }
            case "imaging_study" -> {
                record.resourceType = "ImagingStudy";
                record.status = change == Change.STATUS_NOT_COUNTED ? "entered-in-error" : "available";
                List<String> modalities = filter.modalities();
                record.modality = change == Change.MODALITY_NOT_LISTED
                        ? MODALITIES.stream().filter(code -> !modalities.contains(code)).findFirst().orElseThrow()
                        : modalities.isEmpty() ? "CT" : modalities.get(random.nextInt(modalities.size()));
            }
            default -> throw new IllegalStateException("kind " + criterion.kind());
        }
        return record;
    }

    private void medication(PlantedRecord record, RecordFilter filter, Change change, String doseUnit)
    {
        List<String> allowed = filter.recordTypes().isEmpty() ? List.of("administration", "request", "statement") : filter.recordTypes();
        String type;
        if (change == Change.RECORD_TYPE_NOT_COUNTED) {
            type = List.of("administration", "request", "statement").stream().filter(each -> !allowed.contains(each)).findFirst().orElseThrow();
        }
        else {
            type = allowed.get(random.nextInt(allowed.size()));
        }
        record.resourceType = ReferenceScreening.RESOURCE_TYPES.get(type);
        String counting = switch (type) {
            case "administration" -> "completed";
            case "request" -> "active";
            default -> "active";
        };
        List<String> notCounting = switch (type) {
            case "administration" -> List.of("not-done", "entered-in-error", "stopped", "on-hold");
            case "request" -> List.of("cancelled", "entered-in-error", "draft", "stopped", "on-hold");
            default -> List.of("not-taken", "entered-in-error", "stopped", "on-hold");
        };
        record.status = statusOf(filter, change, counting, notCounting);
        if (filter.dose() != null) {
            dose(record, filter.dose(), change);
            return;
        }
        record.dose = new BigDecimal(DOSES.get(random.nextInt(DOSES.size())));
        record.doseUnit = doseUnit == null ? "mg" : doseUnit;
        otherMassUnit(record);
    }

    /** A dose passing the filter (now and then in another mass unit), or with a dose change one that fails it, is not a mass, or is missing. */
    private void dose(PlantedRecord record, RecordFilter.Threshold limit, Change change)
    {
        BigDecimal threshold = limit.threshold();
        BigDecimal step = BigDecimal.ONE.movePointLeft(Math.max(0, threshold.scale()));
        boolean upward = limit.comparator().startsWith(">");
        boolean inclusive = limit.comparator().endsWith("=");
        BigDecimal value;
        if (change == Change.DOSE_FAILS) {
            value = inclusive ? (upward ? threshold.subtract(step) : threshold.add(step)) : threshold;
        }
        else {
            BigDecimal distance = inclusive && random.nextInt(3) == 0 ? BigDecimal.ZERO : step.multiply(BigDecimal.valueOf(random.nextInt(1, 16)));
            value = upward ? threshold.add(distance) : threshold.subtract(distance);
            if (value.signum() <= 0) {
                value = threshold.divide(BigDecimal.valueOf(2));
            }
        }
        record.dose = value;
        record.doseUnit = limit.unit().strip();
        switch (change) {
            case DOSE_NOT_MASS -> record.doseUnit = "mL";
            case NO_DOSE -> {
                record.dose = null;
                record.doseUnit = null;
            }
            case DOSE_FAILS -> { }
            default -> otherMassUnit(record);
        }
    }

    /** Now and then the same dose written in another mass unit (g for mg, mg for g and µg), which screening converts. */
    private void otherMassUnit(PlantedRecord record)
    {
        Integer exponent = ReferenceScreening.MASS_EXPONENTS.get(record.doseUnit.toLowerCase(java.util.Locale.ROOT));
        if (exponent == null || random.nextDouble() >= 0.25) {
            return;
        }
        String other = exponent == 0 ? "mg" : "g";
        record.dose = record.dose.movePointLeft(ReferenceScreening.MASS_EXPONENTS.get(other) - exponent).stripTrailingZeros();
        if (record.dose.scale() < 0) {
            record.dose = record.dose.setScale(0);
        }
        record.doseUnit = other;
    }

    /** A counting status (the filter's first when it lists them), or with STATUS_NOT_COUNTED one that does not count. */
    private String statusOf(RecordFilter filter, Change change, String counting, List<String> notCounting)
    {
        if (change != Change.STATUS_NOT_COUNTED) {
            return filter.statuses().isEmpty() ? counting : filter.statuses().get(0);
        }
        return notCounting.stream()
                .filter(status -> filter.statuses().isEmpty() ? reference.neverCounting().medicationStatuses().contains(status) : !filter.statuses().contains(status))
                .findFirst()
                .orElse("entered-in-error");
    }

    private void observation(PlantedRecord record, String codeSet, RecordFilter filter, Change change)
    {
        record.resourceType = "Observation";
        record.status = change == Change.STATUS_NOT_COUNTED ? "entered-in-error" : "final";
        if (filter.comparator() != null) {
            BigDecimal threshold = filter.threshold();
            BigDecimal step = BigDecimal.ONE.movePointLeft(Math.max(1, threshold.scale()));
            boolean upward = filter.comparator().startsWith(">");
            boolean inclusive = filter.comparator().endsWith("=");
            BigDecimal value;
            if (change == Change.VALUE_FAILS) {
                value = inclusive ? (upward ? threshold.subtract(step) : threshold.add(step)) : threshold;
            }
            else {
                BigDecimal distance = inclusive && random.nextInt(3) == 0 ? BigDecimal.ZERO : step.multiply(BigDecimal.valueOf(random.nextInt(1, 16)));
                value = upward ? threshold.add(distance) : threshold.subtract(distance);
            }
            record.value = value;
            String unit = filter.unit() != null ? filter.unit() : unitOf(codeSet);
            record.unit = change == Change.VALUE_OTHER_UNIT ? ("mg/dL".equalsIgnoreCase(unit) ? "mmol/L" : "mg/dL") : unit;
        }
        else if (filter.valueCodeSet() == null) {
            VariableSpec variable = variableOf(codeSet);
            if (variable != null) {
                writeValue(record, null, variable, midValue(variable), true);
            }
        }
        if (filter.valueCodeSet() != null) {
            String[] code = change == Change.VALUE_CODE_NOT_IN_SET ? codeNotIn(filter.valueCodeSet()) : codeIn(filter.valueCodeSet());
            record.valueSystem = code[0];
            record.valueCode = code[1];
        }
    }

    /** The variable whose extract rules read this code set, if any. */
    private VariableSpec variableOf(String codeSet)
    {
        return protocol.extract().stream()
                .filter(rule -> rule.variable() != null && codeSet != null && codeSet.equals(rule.codeSet()))
                .findFirst()
                .flatMap(rule -> protocol.findVariable(rule.variable()))
                .orElse(null);
    }

    private String unitOf(String codeSet)
    {
        VariableSpec variable = variableOf(codeSet);
        return variable == null ? "1" : variable.unit();
    }

    // --- codes -----------------------------------------------------------------------------------

    private void setCode(PlantedRecord record, String codeSet, boolean notInSet)
    {
        if (codeSet == null) {
            return;
        }
        CodeSet set = protocol.codeSets().get(codeSet);
        if (notInSet) {
            String[] code = codeNotIn(codeSet);
            record.system = code[0];
            record.code = code[1];
            return;
        }
        List<CodeSetEntry> coded = set.entries().stream().filter(entry -> !entry.isText()).toList();
        if (coded.isEmpty()) {
            CodeSetEntry entry = set.entries().get(random.nextInt(set.entries().size()));
            record.text = entry.text();
            return;
        }
        List<CodeSetEntry> safe = coded.stream().filter(entry -> !inExclusionSet(entry.system(), concrete(entry.code()))).toList();
        CodeSetEntry entry = (safe.isEmpty() ? coded : safe).get(random.nextInt((safe.isEmpty() ? coded : safe).size()));
        record.system = entry.system();
        record.code = concrete(entry.code());
        record.display = entry.display();
    }

    private boolean inExclusionSet(String system, String code)
    {
        return protocol.eligibility().stream()
                .filter(EligibilityCriterion::exclusion)
                .anyMatch(criterion -> criterion.codeSet() != null && protocol.codeSets().get(criterion.codeSet()).matchCoding(system, code).isPresent());
    }

    /** A code the entry matches: a prefix entry ({@code J84.*}) gets a digit. */
    private static String concrete(String code)
    {
        return code.endsWith("*") ? code.substring(0, code.length() - 1) + "9" : code;
    }

    private String[] codeIn(String codeSet)
    {
        List<CodeSetEntry> coded = protocol.codeSets().get(codeSet).entries().stream().filter(entry -> !entry.isText()).toList();
        CodeSetEntry entry = coded.get(random.nextInt(coded.size()));
        return new String[] {entry.system(), concrete(entry.code())};
    }

    /** A code of the set's first system that no code set of the protocol matches. */
    private String[] codeNotIn(String codeSet)
    {
        String system = protocol.codeSets().get(codeSet).entries().stream().filter(entry -> !entry.isText()).map(CodeSetEntry::system).findFirst()
                .orElse("http://snomed.info/sct");
        for (String code : List.of("Z99.89", "R69", "00000000", "999999", "X1", "Y2")) {
            boolean anywhere = protocol.codeSets().values().stream().anyMatch(set -> set.matchCoding(system, code).isPresent());
            if (!anywhere) {
                return new String[] {system, code};
            }
        }
        return new String[] {system, "casebook-synthetic-other"};
    }

    // --- extraction ------------------------------------------------------------------------------

    private void plantExtraction(ExtractRule rule, boolean nearMisses)
    {
        LocalDate anchor = switch (rule.anchor()) {
            case "admission" -> indexDay;
            case "discharge" -> stayEnd;
            default -> dayZero;
        };
        LocalDate first = rule.duringAdmission() ? indexDay : anchor.plusDays(rule.window().from());
        LocalDate last = rule.duringAdmission() || rule.window().to() == null ? stayEnd : anchor.plusDays(rule.window().to());
        if (last.isBefore(first)) {
            return;
        }
        VariableSpec variable = rule.variable() == null ? null : protocol.findVariable(rule.variable()).orElseThrow();
        if (variable == null && random.nextDouble() >= 0.75) {
            // no record in the window: exists is no, count 0, the others blank; the near misses still come
        }
        else {
            int count = random.nextInt(1, 3);
            for (int i = 0; i < count; i++) {
                int before = records.size();
                PlantedRecord record = searchRecord(rule, between(first, last), time(Change.NONE));
                if (variable != null) {
                    writeValue(record, rule, variable, midValue(variable), true);
                }
                add(record);
                pair(rule, record, random.nextInt(0, 46));
                settle(before);
            }
        }
        if (nearMisses) {
            new ExtractionNearMisses(this, random).plant(rule, variable, anchor, first, last);
            Pairing pairing = variable == null ? null : pairings.get(rule.variable() + "@" + rule.timepoint());
            if (pairing != null) {
                // a numerator whose denominator is exactly the protocol's minutes away (paired), and one a minute further (alone)
                int before = records.size();
                PlantedRecord edge = plantValue(rule, variable, between(first, last), "10:00:00" + OFFSET, midValue(variable), "pair_at_max_minutes");
                pair(rule, edge, pairing.ratio().maxMinutesApart());
                settle(before);
                before = records.size();
                PlantedRecord alone = plantValue(rule, variable, between(first, last), "10:00:00" + OFFSET, winningValue(rule, variable), "pair_too_far");
                pair(rule, alone, pairing.ratio().maxMinutesApart() + 1);
                settle(before);
            }
        }
    }

    /** For a ratio's numerator, a denominator record {@code minutes} after it. */
    private void pair(ExtractRule rule, PlantedRecord numerator, int minutes)
    {
        Pairing pairing = rule.variable() == null ? null : pairings.get(rule.variable() + "@" + rule.timepoint());
        if (pairing == null || numerator.time == null) {
            return;
        }
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse(numerator.day + "T" + numerator.time).plusMinutes(minutes);
        PlantedRecord denominator = searchRecord(pairing.denominator(), at.toLocalDate(), at.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ssxxx")));
        VariableSpec variable = protocol.findVariable(pairing.denominator().variable()).orElseThrow();
        writeValue(denominator, pairing.denominator(), variable, midValue(variable), true);
        denominator.note = "denominator";
        add(denominator);
    }

    PlantedRecord plantValue(ExtractRule rule, VariableSpec variable, LocalDate day, String time, BigDecimal value, String note)
    {
        return plantValue(rule, null, variable, day, time, value, Change.NONE, note);
    }

    /** A record of the rule's search ({@code search}: one of its any_of alternatives, null: any) judged on {@code day}, with the value that would win. */
    PlantedRecord plantValue(ExtractRule rule, ExtractRule search, VariableSpec variable, LocalDate day, String time, BigDecimal value, Change change, String note)
    {
        PlantedRecord record = searchRecord(rule, search, day, time, change);
        boolean valueChanged = change == Change.VALUE_FAILS || change == Change.VALUE_OTHER_UNIT || change == Change.VALUE_CODE_NOT_IN_SET;
        if (variable != null && value != null && !valueChanged) {
            writeValue(record, rule, variable, value, false);
        }
        record.note = note;
        record.rule = rule.target();
        add(record);
        return record;
    }

    /** A value the pick would choose over the planted ones: lower for lowest, higher for highest, else a middle one. */
    BigDecimal winningValue(ExtractRule rule, VariableSpec variable)
    {
        double span = variable.max() - variable.min();
        return switch (rule.pick()) {
            case "lowest" -> decimal(variable.min() + span * 0.1 + random.nextDouble() * span * 0.05);
            case "highest" -> decimal(variable.max() - span * 0.1 - random.nextDouble() * span * 0.05);
            default -> midValue(variable);
        };
    }

    private PlantedRecord searchRecord(ExtractRule rule, LocalDate day, String time)
    {
        return searchRecord(rule, null, day, time, Change.NONE);
    }

    /** A search rule's records as a criterion of the same kind, code set and filter (for the record changes of {@link NearMisses}). */
    static EligibilityCriterion like(ExtractRule search)
    {
        return new EligibilityCriterion("extract", "extract", search.kind(), search.codeSet(), "window", List.of(), List.of(), false,
                new org.casebook.protocol.DayWindow(0, 0), null, 1, false, search.filter());
    }

    static EligibilityCriterion like(String kind)
    {
        return new EligibilityCriterion("extract", "extract", kind, null, "window", List.of(), List.of(), false,
                new org.casebook.protocol.DayWindow(0, 0), null, 1, false, RecordFilter.NONE);
    }

    /**
     * A record the extract search finds, counting, with a code of its set, whose judged date
     * ({@code record_date}) is {@code day} at {@code time}; with {@code any_of}, of the given
     * alternative or one at random. Medication records carry the dose in the unit a dose rule asks,
     * and a stop reason when a status_reason rule reads them.
     */
    private PlantedRecord searchRecord(ExtractRule rule, ExtractRule search, LocalDate day, String time, Change change)
    {
        ExtractRule chosen = search != null ? search : rule.anyOf().isEmpty() ? rule : rule.anyOf().get(random.nextInt(rule.anyOf().size()));
        String doseUnit = doseUnits.get(rule.field() != null ? "field:" + rule.target() : "");
        PlantedRecord record = criterionRecord(like(chosen), day, time, change);
        if (record.kind.equals("medication") && doseUnit != null && chosen.filter().dose() == null && record.dose != null && change != Change.NO_DOSE) {
            record.doseUnit = doseUnit;
            otherMassUnit(record);
        }
        place(record, chosen.recordDate(), day, time);
        ExtractRule reasons = rule.field() == null ? null : reasonRules.get("field:" + rule.target());
        if (record.kind.equals("medication") && reasons != null) {
            stopReason(record, reasons);
        }
        return record;
    }

    /**
     * Puts the date the rule judges on {@code day} at {@code time}: an end (the start some days
     * before) or a recorded date (the onset some days before); a start date now and then gets an
     * end or a later recorded date, which other rules may judge.
     */
    private void place(PlantedRecord record, String recordDate, LocalDate day, String time)
    {
        switch (recordDate) {
            case "end" -> {
                record.endDay = day;
                record.endTime = time;
                record.day = day.minusDays(random.nextInt(1, 30));
                record.time = time(Change.NONE);
            }
            case "recorded" -> {
                record.recordedDay = day;
                record.recordedTime = time;
                record.day = day.minusDays(random.nextInt(1, 60));
                record.time = time(Change.NONE);
            }
            default -> {
                if (record.kind.equals("encounter")) {
                    record.endDay = day.plusDays(random.nextInt(0, 3));
                }
                else if (record.kind.equals("medication") && random.nextDouble() < 0.4) {
                    record.endDay = day.plusDays(random.nextInt(1, 90));
                }
                else if (record.kind.equals("condition") && random.nextDouble() < 0.4) {
                    record.recordedDay = day.plusDays(random.nextInt(1, 60));
                    record.recordedTime = time(Change.NONE);
                }
            }
        }
    }

    /** A stop reason: one of the reason code set's (its text term when it has no codes), free text, a coding outside the set with a display, or none. */
    private void stopReason(PlantedRecord record, ExtractRule rule)
    {
        switch (random.nextInt(4)) {
            case 0 -> {
                if (rule.reasonCodeSet() == null) {
                    record.reasonText = "intolerance";
                    return;
                }
                List<CodeSetEntry> entries = protocol.codeSets().get(rule.reasonCodeSet()).entries();
                List<CodeSetEntry> coded = entries.stream().filter(entry -> !entry.isText()).toList();
                if (coded.isEmpty()) {
                    record.reasonText = entries.get(random.nextInt(entries.size())).text();
                    return;
                }
                CodeSetEntry entry = coded.get(random.nextInt(coded.size()));
                record.reasonSystem = entry.system();
                record.reasonCode = concrete(entry.code());
            }
            case 1 -> record.reasonText = "switched to another drug";
            case 2 -> {
                String[] code = rule.reasonCodeSet() == null ? new String[] {"http://snomed.info/sct", "182890002"} : codeNotIn(rule.reasonCodeSet());
                record.reasonSystem = code[0];
                record.reasonCode = code[1];
                record.reasonDisplay = "Patient preference";
            }
            default -> {
                // no reason written
            }
        }
    }

    private BigDecimal midValue(VariableSpec variable)
    {
        double span = variable.max() - variable.min();
        return decimal(variable.min() + span * 0.3 + random.nextDouble() * span * 0.25);
    }

    private static BigDecimal decimal(double value)
    {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }

    /** The units a rule's records may be written in, with their factors to the variable's unit: the rule's own, else the variable's; sorted, so a seed writes the same. */
    private static Map<String, BigDecimal> acceptedUnits(ExtractRule rule, VariableSpec variable)
    {
        Map<String, BigDecimal> units = new java.util.TreeMap<>();
        if (rule != null && rule.units() != null) {
            units.putAll(rule.units());
            return units;
        }
        variable.unitFactors().forEach((unit, factor) -> units.put(unit, BigDecimal.valueOf(factor)));
        units.put(variable.unit(), BigDecimal.ONE);
        return units;
    }

    /**
     * A canonical value written in a unit the rule accepts: the variable's unit (or another of factor
     * 1) as is; with {@code other}, now and then in another accepted unit that converts to a
     * plausible value (as {@code 118600 g} for {@code 118.6 kg}).
     */
    void writeValue(PlantedRecord record, ExtractRule rule, VariableSpec variable, BigDecimal canonical, boolean other)
    {
        Map<String, BigDecimal> units = acceptedUnits(rule, variable);
        String plain = units.entrySet().stream()
                .filter(entry -> entry.getValue().compareTo(BigDecimal.ONE) == 0)
                .map(Map.Entry::getKey)
                .min(java.util.Comparator.comparing((String unit) -> !unit.equalsIgnoreCase(variable.unit())).thenComparing(unit -> unit.isBlank()).thenComparing(unit -> unit))
                .orElse(null);
        record.value = canonical;
        record.unit = plain;
        List<Map.Entry<String, BigDecimal>> others = units.entrySet().stream().filter(entry -> !entry.getKey().equals(plain)).toList();
        if (plain != null && (!other || others.isEmpty() || random.nextDouble() >= 0.3) || others.isEmpty()) {
            asDose(record);
            return;
        }
        Map.Entry<String, BigDecimal> chosen = others.get(random.nextInt(others.size()));
        BigDecimal written = canonical.divide(chosen.getValue(), 2, RoundingMode.HALF_UP);
        BigDecimal converted = written.multiply(chosen.getValue());
        if (written.signum() > 0 && (plain == null || variable.isPlausible(converted.doubleValue()))) {
            record.value = written;
            record.unit = chosen.getKey();
        }
        asDose(record);
    }

    /** A medication record's value is its first dose (what screening takes for a variable): the value and unit move there. */
    private static void asDose(PlantedRecord record)
    {
        if (record.kind.equals("medication") && record.value != null) {
            record.dose = record.value;
            record.doseUnit = record.unit == null ? "" : record.unit;
            record.value = null;
            record.unit = null;
        }
    }

    /** Writes the record's value (a medication's dose) in another unit. */
    static void setUnit(PlantedRecord record, String unit)
    {
        if (record.kind.equals("medication")) {
            record.doseUnit = unit;
        }
        else {
            record.unit = unit;
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    void add(PlantedRecord record)
    {
        record.id = patientId + "-" + (++counter);
        records.add(record);
    }

    LocalDate between(LocalDate first, LocalDate last)
    {
        long days = last.toEpochDay() - first.toEpochDay();
        return days <= 0 ? first : first.plusDays(random.nextLong(0, days + 1));
    }

    static LocalDate clamp(LocalDate day, LocalDate first, LocalDate last)
    {
        return day.isBefore(first) ? first : day.isAfter(last) ? last : day;
    }
}
