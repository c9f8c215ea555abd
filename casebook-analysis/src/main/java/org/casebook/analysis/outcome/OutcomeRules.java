package org.casebook.analysis.outcome;

import java.util.ArrayList;
import java.util.List;

import org.casebook.protocol.OutcomeDefinitions;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.protocol.StudyProtocol;

/** The outcome counts a protocol asks for, in the order the results list them. */
public final class OutcomeRules
{
    private OutcomeRules() {}

    /**
     * The seed's fixed counts when the protocol names them ({@link OutcomeDefinitions#hasSeedOutcomes()});
     * otherwise the vital status at the follow-up day (alive, died, censored) followed by the
     * protocol's {@code outcomes.list} in order. A vital-status count whose name the list also uses
     * (an {@code alive_day365} of kind {@code status_at_day}) is left out: the protocol's own takes its place.
     */
    public static List<OutcomeRule> of(StudyProtocol protocol)
    {
        OutcomeDefinitions outcomes = protocol.outcomes();
        if (outcomes.hasSeedOutcomes()) {
            return of(outcomes);
        }
        java.util.Set<String> listed = new java.util.HashSet<>(outcomes.list().stream().map(OutcomeSpec::name).toList());
        List<OutcomeRule> rules = new ArrayList<>(vitalStatus(outcomes.followupDay()).stream().filter(rule -> !listed.contains(rule.name())).toList());
        for (OutcomeSpec spec : outcomes.list()) {
            rules.add(ListedOutcome.of(spec, protocol));
        }
        return List.copyOf(rules);
    }

    /** The seed study's fixed counts. */
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

    private static List<OutcomeRule> vitalStatus(int followupDay)
    {
        return List.of(
                new VitalStatusAt(VitalStatus.ALIVE, followupDay),
                new VitalStatusAt(VitalStatus.DIED, followupDay),
                new VitalStatusAt(VitalStatus.CENSORED, followupDay));
    }
}
