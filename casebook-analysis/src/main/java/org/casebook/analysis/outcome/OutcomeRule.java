package org.casebook.analysis.outcome;

import java.util.Optional;

import org.casebook.analysis.PatientValues;

/**
 * A yes/no outcome decided per patient. A patient without the data to decide gives
 * {@link Optional#empty()}: they are left out of the denominator, never guessed.
 */
public interface OutcomeRule
{
    /** The name in the results ({@code pf_increased}, {@code alive_day90}, …). */
    String name();

    /** What the count means, for readers of the summary. */
    String description();

    /** What the report calls the outcome: the protocol's label, or the name. */
    default String label()
    {
        return name();
    }

    Optional<Boolean> decide(PatientValues patient);
}
