package org.casebook.analysis.outcome;

import java.util.Optional;

import org.casebook.analysis.PatientValues;

/** Discharged on home oxygen, as recorded in {@code home_oxygen_at_discharge}. */
public record HomeOxygen()
        implements OutcomeRule
{
    @Override
    public String name()
    {
        return "home_oxygen";
    }

    @Override
    public String description()
    {
        return "discharged on home oxygen";
    }

    @Override
    public Optional<Boolean> decide(PatientValues patient)
    {
        return Optional.ofNullable(patient.record().homeOxygenAtDischarge());
    }
}
