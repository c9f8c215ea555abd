package org.casebook.screening.generic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetMatch;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.RecordFilter;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.RecordRef;

/**
 * Which records count for a criterion or an extract rule: the kind, the records that never
 * count, the code set (codes first, text terms only when no code of the record matched), the
 * record filter and, for encounters, classes and statuses. Pure: no I/O.
 */
public final class RecordMatcher
{
    static final Set<String> DEFAULT_EXCLUDED_CONDITION_VERIFICATION = Set.of("refuted", "entered-in-error");
    static final Set<String> DEFAULT_EXCLUDED_MEDICATION_STATUSES = Set.of("entered-in-error", "cancelled", "draft", "not-done", "not-taken");
    static final Set<String> DEFAULT_EXCLUDED_ENCOUNTER_STATUSES = Set.of("cancelled", "entered-in-error", "planned");
    static final Set<String> EXCLUDED_RESULT_STATUSES = Set.of("cancelled", "entered-in-error");

    /** What a search looks for: a kind, a code set (null: any code), a filter, and for encounters classes (empty: any) and the statuses that never count. */
    public record Spec(String kind, CodeSet codeSet, RecordFilter filter, Set<String> encounterClasses, Set<String> excludedEncounterStatuses) {}

    /**
     * A record that counts, with the code-set entry it matched (null when the search names no code
     * set) and the record that showed the match: the record itself, or for an encounter whose
     * reason is a linked Condition, that Condition (the screening log's evidence, as the seed's).
     */
    public record Hit(GenericRecord record, CodeSetMatch match, RecordRef evidence) implements java.io.Serializable
    {
        public Hit(GenericRecord record, CodeSetMatch match)
        {
            this(record, match, record.source());
        }

        public boolean byText()
        {
            return match != null && match.byText();
        }

        /** The matched entry's agent; else the record's text, lower case (as the seed); else null. */
        public String agent()
        {
            if (match != null && match.entry().agent() != null) {
                return match.entry().agent();
            }
            return record.concepts().stream().map(Concept::text).filter(text -> text != null && !text.isBlank()).findFirst()
                    .map(text -> text.strip().toLowerCase(Locale.ROOT)).orElse(null);
        }
    }

    private final StudyProtocol protocol;
    private final Set<String> excludedConditionVerification;
    private final Set<String> excludedMedicationStatuses;

    public RecordMatcher(StudyProtocol protocol, Set<String> excludedConditionVerification, Set<String> excludedMedicationStatuses)
    {
        this.protocol = protocol;
        this.excludedConditionVerification = excludedConditionVerification;
        this.excludedMedicationStatuses = excludedMedicationStatuses;
    }

    CodeSet codeSet(String name)
    {
        if (name == null) {
            return null;
        }
        return protocol.findCodeSet(name).orElseThrow(() -> new CasebookException(ErrorCode.BAD_INPUT, "protocol " + protocol.id() + ": unknown code set " + name));
    }

    /**
     * Whether a record could matter to any criterion or extract rule of the protocol: its kind is
     * named by one and its code matches one of their code sets (a Condition also those of encounter
     * criteria, as a linked reason); encounters and kinds searched without a code set are all kept.
     * Dropping the others once read changes no decision or value and keeps the heap to what can matter.
     */
    static java.util.function.Predicate<GenericRecord> mayMatter(StudyProtocol protocol, RecordMatcher matcher)
    {
        Map<String, List<CodeSet>> sets = new java.util.HashMap<>();
        Set<String> allKept = new java.util.HashSet<>();
        java.util.function.BiConsumer<String, String> use = (kind, codeSet) -> {
            if (kind == null) {
                return;
            }
            if (codeSet == null || kind.equals("encounter")) {
                allKept.add(kind);
            }
            if (codeSet != null) {
                sets.computeIfAbsent(kind, key -> new ArrayList<>()).add(matcher.codeSet(codeSet));
                if (kind.equals("encounter")) {
                    sets.computeIfAbsent("condition", key -> new ArrayList<>()).add(matcher.codeSet(codeSet));
                }
            }
        };
        protocol.eligibility().forEach(criterion -> use.accept(criterion.kind(), criterion.codeSet()));
        protocol.extract().forEach(rule -> use.accept(rule.kind(), rule.codeSet()));
        protocol.extract().forEach(rule -> rule.anyOf().forEach(alternative -> use.accept(alternative.kind(), alternative.codeSet())));
        // Asked of every record read: loops over lists, not streams or iterators, which C1 allocates each time.
        return record -> {
            if (allKept.contains(record.kind())) {
                return true;
            }
            List<CodeSet> ofKind = sets.getOrDefault(record.kind(), List.of());
            for (int index = 0; index < ofKind.size(); index++) {
                if (match(ofKind.get(index), record.concepts()).isPresent()) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Whether the record may count at all (status, verification status, a date to place it). */
    boolean counts(GenericRecord record, RecordFilter filter, Set<String> excludedEncounterStatuses)
    {
        if (!record.isDated()) {
            return false;
        }
        String status = record.status();
        return switch (record.kind()) {
            case "condition" -> status == null || !excludedConditionVerification.contains(status);
            case "medication", "procedure", "device_request" -> filter.statuses().isEmpty()
                    ? status == null || !excludedMedicationStatuses.contains(status)
                    : status != null && filter.statuses().contains(status);
            case "observation", "imaging_study" -> status == null || !EXCLUDED_RESULT_STATUSES.contains(status);
            case "encounter" -> status == null || !excludedEncounterStatuses.contains(status);
            default -> false;
        };
    }

    /** The record as a hit of the search, or empty when it does not count for it (timing aside). */
    Optional<Hit> hit(GenericPatient patient, GenericRecord record, Spec spec)
    {
        if (!record.kind().equals(spec.kind()) || !counts(record, spec.filter(), spec.excludedEncounterStatuses())) {
            return Optional.empty();
        }
        if (!passes(record, spec.filter())) {
            return Optional.empty();
        }
        if (record.kind().equals("encounter") && !spec.encounterClasses().isEmpty()
                && (record.encounterClass() == null || !spec.encounterClasses().contains(record.encounterClass()))) {
            return Optional.empty();
        }
        if (spec.codeSet() == null) {
            return Optional.of(new Hit(record, null));
        }
        Optional<CodeSetMatch> match = match(spec.codeSet(), record.concepts());
        if (!record.kind().equals("encounter") || match.isPresent() && !match.get().byText()) {
            return match.map(found -> new Hit(record, found));
        }
        // an encounter's reason: its own coded reasonCode, else a linked Condition's code, else a text match (its own first)
        Optional<Hit> linked = linkedConditionMatch(patient, record, spec.codeSet());
        if (linked.isPresent() && !linked.get().byText()) {
            return linked;
        }
        return match.isPresent() ? match.map(found -> new Hit(record, found)) : linked;
    }

    private boolean passes(GenericRecord record, RecordFilter filter)
    {
        if (record.kind().equals("medication") && !filter.recordTypes().isEmpty() && !filter.recordTypes().contains(record.recordType())) {
            return false;
        }
        if (filter.valueCodeSet() != null && match(codeSet(filter.valueCodeSet()), List.of(record.valueConcept())).isEmpty()) {
            return false;
        }
        if (filter.comparator() != null) {
            if (record.value() == null) {
                return false;
            }
            if (filter.unit() != null && !record.value().unitKey().equalsIgnoreCase(filter.unit().strip())) {
                return false;
            }
            BigDecimal value = record.value().value();
            if (!filter.accepts(value)) {
                return false;
            }
        }
        if (!filter.modalities().isEmpty() && filter.modalities().stream().noneMatch(record.modalities()::contains)) {
            return false;
        }
        if (filter.dose() != null) {
            // any single dose, in the filter's unit or converted to it
            return record.doses().stream().map(dose -> GenericExtractor.dose(dose, filter.dose().unit()))
                    .anyMatch(value -> value != null && filter.dose().accepts(value));
        }
        return true;
    }

    /** Whether any of the concepts matches the code set (codes first, then text terms). */
    static boolean anyMatch(CodeSet codeSet, List<Concept> concepts)
    {
        for (Concept concept : concepts) {
            if (match(codeSet, List.of(concept)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** An encounter's reason by a counting Condition it names, or that names it: coded first, then by text; the earliest Condition first. */
    private Optional<Hit> linkedConditionMatch(GenericPatient patient, GenericRecord encounter, CodeSet codeSet)
    {
        Optional<Hit> byText = Optional.empty();
        for (GenericRecord condition : patient.records()) {
            // a reason Condition links whatever its dates: only its verification status can make it not count
            if (!condition.kind().equals("condition") || condition.status() != null && excludedConditionVerification.contains(condition.status())) {
                continue;
            }
            boolean linked = encounter.linkedConditions().contains(condition.source().id()) || encounter.source().id().equals(condition.encounterId());
            if (!linked) {
                continue;
            }
            Optional<CodeSetMatch> match = match(codeSet, condition.concepts());
            if (match.isPresent() && !match.get().byText()) {
                return Optional.of(new Hit(encounter, match.get(), condition.source()));
            }
            if (byText.isEmpty() && match.isPresent()) {
                byText = Optional.of(new Hit(encounter, match.get(), condition.source()));
            }
        }
        return byText;
    }

    /** Codes of any concept first; the set's text terms only when no code matched. */
    static Optional<CodeSetMatch> match(CodeSet codeSet, List<Concept> concepts)
    {
        for (int conceptIndex = 0; conceptIndex < concepts.size(); conceptIndex++) {
            List<Coding> codings = concepts.get(conceptIndex).codings();
            for (int codingIndex = 0; codingIndex < codings.size(); codingIndex++) {
                Coding coding = codings.get(codingIndex);
                Optional<CodeSetMatch> match = codeSet.matchCoding(coding.system(), coding.code());
                if (match.isPresent()) {
                    return match;
                }
            }
        }
        if (!codeSet.hasTextTerms()) {
            return Optional.empty();
        }
        for (Concept concept : concepts) {
            Optional<CodeSetMatch> byText = codeSet.matchText(concept.text());
            for (Coding coding : concept.codings()) {
                if (byText.isPresent()) {
                    break;
                }
                byText = codeSet.matchText(coding.display());
            }
            if (byText.isPresent()) {
                return byText;
            }
        }
        return Optional.empty();
    }
}
