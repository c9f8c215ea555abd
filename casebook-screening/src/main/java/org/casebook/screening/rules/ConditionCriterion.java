package org.casebook.screening.rules;

import java.util.Optional;

import org.casebook.codeset.CodeSet;
import org.casebook.screening.facts.ConditionRecord;
import org.casebook.screening.facts.PatientFacts;

import static java.util.Objects.requireNonNull;

/**
 * A condition of the code set first recorded on or before the admission date (timing
 * {@code on_or_before_admission}). The first date is the earliest of onset, onset period start and
 * recorded date; a year or year-month counts only when its whole span is on or before the date,
 * so the first date is on or before the admission date when any of the three wholly is.
 */
public record ConditionCriterion(String id, CodeSet codeSet, RecordRules recordRules)
        implements Criterion
{
    public ConditionCriterion
    {
        requireNonNull(id, "id is null");
        requireNonNull(codeSet, "codeSet is null");
        requireNonNull(recordRules, "recordRules is null");
    }

    @Override
    public Optional<Evidence> evaluate(PatientFacts facts, Admission admission)
    {
        return facts.conditions().stream()
                .filter(recordRules::counts)
                .filter(condition -> condition.isFirstDateWhollyOnOrBefore(admission.admissionDate()))
                .flatMap(condition -> ConceptMatcher.match(codeSet, condition.code())
                        .map(match -> new Evidence(id, condition.source(), match.byText(), match.entry().agent())).stream())
                .min(Evidence.CODED_FIRST.thenComparing(evidence -> evidence.source().id()));
    }

    @Override
    public boolean concerns(ConditionRecord condition)
    {
        return recordRules.counts(condition) && ConceptMatcher.matches(codeSet, condition.code());
    }
}
