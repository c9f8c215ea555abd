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
        var from = patient.findDecimal(comparison.from(), comparison.variable());
        var to = patient.findDecimal(comparison.to(), comparison.variable());
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(to.get().compareTo(from.get()) > 0);
    }
}
