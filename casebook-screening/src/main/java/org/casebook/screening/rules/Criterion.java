package org.casebook.screening.rules;

import java.util.Optional;

import org.casebook.screening.facts.ConditionRecord;
import org.casebook.screening.facts.MedicationUse;
import org.casebook.screening.facts.PatientFacts;

/**
 * One eligibility criterion after the index admission, judged for a patient at one admission.
 * Implementations are chosen by the protocol's {@code kind} and {@code timing}.
 */
public interface Criterion
{
    String id();

    /** The record that meets the criterion at this admission, if any. */
    Optional<Evidence> evaluate(PatientFacts facts, Admission admission);

    /** Whether a condition could help meet this criterion for some admission; engines keep only such records. */
    default boolean concerns(ConditionRecord condition)
    {
        return false;
    }

    /** Whether a medication record could help meet this criterion for some admission. */
    default boolean concerns(MedicationUse use)
    {
        return false;
    }
}
