package org.casebook.screening.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.casebook.codeset.CodeSet;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.EligibilityCriterion;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.facts.ConditionRecord;
import org.casebook.screening.facts.MedicationUse;
import org.casebook.screening.facts.PatientFacts;

import static java.util.Objects.requireNonNull;

/**
 * A protocol's eligibility rules, ready to judge patients: the index admission (the protocol's
 * {@code encounter} criterion) and the further criteria in the protocol's order. {@link #decide} is
 * a pure function of one patient's facts: no I/O, no shared state, so any engine can call it.
 */
public final class ScreeningRules
{
    private final IndexAdmissionRule indexAdmission;
    private final List<Criterion> criteria;
    private final RecordRules recordRules;

    public ScreeningRules(IndexAdmissionRule indexAdmission, List<Criterion> criteria, RecordRules recordRules)
    {
        this.indexAdmission = requireNonNull(indexAdmission, "indexAdmission is null");
        this.criteria = List.copyOf(criteria);
        this.recordRules = requireNonNull(recordRules, "recordRules is null");
    }

    /**
     * Builds the rules from the protocol's {@code eligibility} list.
     *
     * @throws CasebookException when the protocol has no encounter criterion first, or a kind and timing screening does not know
     */
    public static ScreeningRules fromProtocol(StudyProtocol protocol, RecordRules recordRules)
    {
        List<EligibilityCriterion> eligibility = protocol.eligibility();
        if (eligibility.isEmpty() || !eligibility.get(0).kind().equals("encounter") || !eligibility.get(0).timing().equals("study_window")) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "protocol " + protocol.id() + ": screening needs an eligibility list whose first criterion is the index admission (kind: encounter, timing: study_window)");
        }
        EligibilityCriterion first = eligibility.get(0);
        IndexAdmissionRule index = new IndexAdmissionRule(first.id(), codeSet(protocol, first), java.util.Set.copyOf(first.encounterClasses()),
                java.util.Set.copyOf(first.excludedStatuses()), protocol.studyWindow(), recordRules);
        List<Criterion> criteria = new ArrayList<>();
        for (EligibilityCriterion criterion : eligibility.subList(1, eligibility.size())) {
            criteria.add(criterion(protocol, criterion, recordRules));
        }
        return new ScreeningRules(index, criteria, recordRules);
    }

    private static Criterion criterion(StudyProtocol protocol, EligibilityCriterion criterion, RecordRules recordRules)
    {
        String kindAndTiming = criterion.kind() + "/" + criterion.timing();
        return switch (kindAndTiming) {
            case "condition/on_or_before_admission" -> new ConditionCriterion(criterion.id(), codeSet(protocol, criterion), recordRules);
            case "medication/during_admission" -> new MedicationCriterion(criterion.id(), codeSet(protocol, criterion), recordRules);
            default -> throw new CasebookException(ErrorCode.BAD_INPUT, "protocol " + protocol.id() + ", criterion " + criterion.id()
                    + ": screening cannot evaluate kind '" + criterion.kind() + "' with timing '" + criterion.timing()
                    + "'; known: condition/on_or_before_admission, medication/during_admission");
        };
    }

    private static CodeSet codeSet(StudyProtocol protocol, EligibilityCriterion criterion)
    {
        return protocol.findCodeSet(criterion.codeSet()).orElseThrow(() -> new CasebookException(ErrorCode.BAD_INPUT,
                "protocol " + protocol.id() + ", criterion " + criterion.id() + ": unknown code set '" + criterion.codeSet() + "'"));
    }

    public IndexAdmissionRule indexAdmission()
    {
        return indexAdmission;
    }

    public List<Criterion> criteria()
    {
        return criteria;
    }

    public RecordRules recordRules()
    {
        return recordRules;
    }

    /**
     * Whether a condition could matter to any criterion; an engine may drop every other condition
     * before {@link #decide} without changing any decision.
     */
    public boolean mayDecide(ConditionRecord condition)
    {
        return (recordRules.counts(condition) && ConceptMatcher.matches(indexAdmission.codeSet(), condition.code()))
                || criteria.stream().anyMatch(criterion -> criterion.concerns(condition));
    }

    /** Whether a medication record could matter to any criterion. */
    public boolean mayDecide(MedicationUse use)
    {
        return criteria.stream().anyMatch(criterion -> criterion.concerns(use));
    }

    /** The ids of the criteria in order, index admission first. */
    public List<String> criterionIds()
    {
        List<String> ids = new ArrayList<>();
        ids.add(indexAdmission.id());
        criteria.forEach(criterion -> ids.add(criterion.id()));
        return ids;
    }

    /**
     * Judges one patient: included at the first index admission meeting every criterion; otherwise
     * excluded at the admission that got furthest (earliest on ties) with its first unmet criterion.
     */
    public EligibilityDecision decide(PatientFacts facts)
    {
        List<Admission> admissions = indexAdmission.find(facts);
        if (admissions.isEmpty()) {
            return EligibilityDecision.noIndexAdmission(facts.patientId());
        }
        Admission deciding = null;
        List<Evidence> decidingEvidence = List.of();
        int best = -1;
        for (Admission admission : admissions) {
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(admission.evidence());
            int met = 0;
            for (Criterion criterion : criteria) {
                Optional<Evidence> found = criterion.evaluate(facts, admission);
                if (found.isEmpty()) {
                    break;
                }
                evidence.add(found.get());
                met++;
            }
            if (met == criteria.size()) {
                return new EligibilityDecision(facts.patientId(), EligibilityDecision.Status.INCLUDED, Optional.of(admission), Optional.empty(), met, evidence);
            }
            if (met > best) {
                best = met;
                deciding = admission;
                decidingEvidence = evidence;
            }
        }
        return new EligibilityDecision(facts.patientId(), EligibilityDecision.Status.EXCLUDED, Optional.of(deciding),
                Optional.of(criteria.get(best).id()), best, decidingEvidence);
    }
}
