package org.casebook.screening.synth.generic;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.LocalDate;
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
import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.ExtractRule;
import org.casebook.protocol.RecordFilter;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;

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

    StudyProtocol protocol()
    {
        return protocol;
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
                return new Outcome("included", null, dayZero, candidate, extract ? new ReferenceExtraction(this, patient, judgement, dayZero).values() : List.of());
            }
            if (inARow > best) {
                best = inARow;
                deciding = judgement;
            }
        }
        return new Outcome("excluded", criteria.get(best + 1).id(), null, deciding.index, List.of());
    }

    /** The criteria judged at one candidate index record, each with its matched record and count, memoised (relative timings). */
    final class Judgement
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

    EligibilityCriterion find(String id)
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
