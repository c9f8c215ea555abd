package org.casebook.analysis.outcome;

import java.util.Optional;

import org.casebook.analysis.PatientValues;
import org.casebook.protocol.Comparison;

/** The variable's value at the later time point is above the earlier one (P/F after &gt; onset). */
public record ValueIncreased(String name, Comparison comparison)
        implements OutcomeRule
{
    @Override
    public String description()
    {
        return comparison.variable() + " " + comparison.to() + " > " + comparison.from();
    }

    @Override
    public Optional<Boolean> decide(PatientValues patient)
    {
        return patient.findChange(comparison).map(change -> change.to().compareTo(change.from()) > 0);
    }
}
