package org.casebook.screening.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetMatch;
import org.casebook.protocol.StudyWindow;
import org.casebook.screening.facts.ConditionRecord;
import org.casebook.screening.facts.EncounterRecord;
import org.casebook.screening.facts.PatientFacts;
import org.casebook.screening.fhir.Concept;

import static java.util.Objects.requireNonNull;

/**
 * Criterion 1, the index admission: an Encounter of an accepted class, with a status that counts,
 * starting inside the study window (a day-precise date, by the date as written), and for the
 * index disease: a code of the set in its {@code reasonCode}, or a Condition with such a code that
 * it names ({@code reasonReference}, {@code diagnosis.condition}) or that names it
 * ({@code Condition.encounter}). Coded evidence is preferred to a text match.
 */
public record IndexAdmissionRule(String id, CodeSet codeSet, Set<String> encounterClasses, Set<String> excludedStatuses, StudyWindow window, RecordRules recordRules)
{
    public IndexAdmissionRule
    {
        requireNonNull(id, "id is null");
        requireNonNull(codeSet, "codeSet is null");
        encounterClasses = Set.copyOf(encounterClasses);
        excludedStatuses = Set.copyOf(excludedStatuses);
        requireNonNull(window, "window is null");
        requireNonNull(recordRules, "recordRules is null");
    }

    /** Whether an encounter could be an index admission, judged on the encounter alone. */
    public boolean isCandidate(EncounterRecord encounter)
    {
        return encounter.classCode() != null
                && encounterClasses.contains(encounter.classCode())
                && (encounter.status() == null || !excludedStatuses.contains(encounter.status()))
                && encounter.start() != null
                && encounter.start().isWithin(window.start(), window.end());
    }

    /** The patient's index admissions, earliest first. */
    public List<Admission> find(PatientFacts facts)
    {
        List<Admission> admissions = new ArrayList<>();
        for (EncounterRecord encounter : facts.encounters()) {
            if (isCandidate(encounter)) {
                findEvidence(facts, encounter).ifPresent(evidence -> admissions.add(new Admission(encounter, evidence)));
            }
        }
        admissions.sort(Admission.EARLIEST_FIRST);
        return admissions;
    }

    private Optional<Evidence> findEvidence(PatientFacts facts, EncounterRecord encounter)
    {
        List<Evidence> found = new ArrayList<>();
        for (Concept reason : encounter.reasonCodes()) {
            ConceptMatcher.match(codeSet, reason).ifPresent(match -> found.add(evidence(encounter.source(), match)));
        }
        for (ConditionRecord condition : facts.conditions()) {
            boolean linked = encounter.conditionIds().contains(condition.id()) || encounter.id().equals(condition.encounterId());
            if (linked && recordRules.counts(condition)) {
                ConceptMatcher.match(codeSet, condition.code()).ifPresent(match -> found.add(evidence(condition.source(), match)));
            }
        }
        return found.stream().min(Evidence.CODED_FIRST);
    }

    private Evidence evidence(org.casebook.screening.fhir.RecordRef source, CodeSetMatch match)
    {
        return new Evidence(id, source, match.byText(), match.entry().agent());
    }
}
