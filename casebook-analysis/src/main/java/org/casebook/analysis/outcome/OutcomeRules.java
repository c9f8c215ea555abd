package org.casebook.analysis.outcome;

import java.util.List;

import org.casebook.protocol.OutcomeDefinitions;

/** The outcome counts a protocol asks for, in the order the results list them. */
public final class OutcomeRules
{
    private OutcomeRules() {}

    public static List<OutcomeRule> of(OutcomeDefinitions outcomes)
    {
        var lungFunction = outcomes.lungFunction();
        return List.of(
                new ValueIncreased("pf_increased", outcomes.oxygenation()),
                new ValueDeclined("fvc_declined_any", lungFunction, ValueDeclined.Kind.ANY, java.math.BigDecimal.ZERO),
                new ValueDeclined("fvc_declined_10pct_relative", lungFunction, ValueDeclined.Kind.RELATIVE, outcomes.fvcRelativeDecline()),
                new ValueDeclined("fvc_declined_10pt_absolute", lungFunction, ValueDeclined.Kind.ABSOLUTE, outcomes.fvcAbsoluteDecline()),
                new HomeOxygen(),
                new VitalStatusAt(VitalStatus.ALIVE, outcomes.followupDay()),
                new VitalStatusAt(VitalStatus.DIED, outcomes.followupDay()),
                new VitalStatusAt(VitalStatus.CENSORED, outcomes.followupDay()),
                new JakiStoppedForAdverseEvent(outcomes.adverseEventStopReason()),
                new Pulse(outcomes.pulseMinDailyDoseMg()));
    }
}
