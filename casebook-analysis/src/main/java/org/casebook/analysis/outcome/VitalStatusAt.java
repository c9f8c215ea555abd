package org.casebook.analysis.outcome;

import java.util.Optional;

import org.casebook.analysis.PatientValues;
import org.casebook.protocol.OutcomeDefinitions;

/**
 * Counts one {@link VitalStatus} at the follow-up day. Alive and died are decided for everyone
 * not censored; "censored" itself is decided for every patient.
 */
public record VitalStatusAt(VitalStatus status, int followupDay, OutcomeDefinitions outcomes)
        implements OutcomeRule
{
    @Override
    public String name()
    {
        return switch (status) {
            case ALIVE -> "alive_day" + followupDay;
            case DIED -> "died_by_day" + followupDay;
            case CENSORED -> "censored_before_day" + followupDay;
        };
    }

    @Override
    public String label()
    {
        return switch (status) {
            case ALIVE -> "Alive at day " + followupDay;
            case DIED -> "Died by day " + followupDay;
            case CENSORED -> "Censored before day " + followupDay;
        };
    }

    @Override
    public String description()
    {
        return switch (status) {
            case ALIVE -> "alive at day " + followupDay + " (no death by then, followed up to it)";
            case DIED -> "died on or before day " + followupDay;
            case CENSORED -> "lost to follow-up before day " + followupDay;
        };
    }

    @Override
    public Optional<Boolean> decide(PatientValues patient)
    {
        VitalStatus actual = VitalStatus.at(patient.record(), outcomes, followupDay);
        if (status != VitalStatus.CENSORED && actual == VitalStatus.CENSORED) {
            return Optional.empty();
        }
        return Optional.of(actual == status);
    }
}
