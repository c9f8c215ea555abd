package org.casebook.analysis.outcome;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.casebook.protocol.OutcomeDefinitions;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.protocol.StudyProtocol;

/** The outcome counts a protocol asks for, in the order the results list them. */
public final class OutcomeRules
{
    private OutcomeRules() {}

    /**
     * The vital status at the follow-up day (alive, died, censored) followed by the protocol's
     * {@code outcomes.list} in order. A vital-status count whose name the list also uses (an
     * {@code alive_day365} of kind {@code status_at_day}) is left out: the protocol's own takes its
     * place, where the list puts it.
     */
    public static List<ListedOutcome> listed(StudyProtocol protocol)
    {
        return protocol.outcomes().list().stream().map(spec -> ListedOutcome.of(spec, protocol)).toList();
    }

    public static List<OutcomeRule> of(StudyProtocol protocol)
    {
        OutcomeDefinitions outcomes = protocol.outcomes();
        Set<String> listed = new HashSet<>(outcomes.list().stream().map(OutcomeSpec::name).toList());
        List<OutcomeRule> rules = new ArrayList<>(vitalStatus(outcomes).stream().filter(rule -> !listed.contains(rule.name())).toList());
        rules.addAll(listed(protocol));
        return List.copyOf(rules);
    }

    private static List<OutcomeRule> vitalStatus(OutcomeDefinitions outcomes)
    {
        int followupDay = outcomes.followupDay();
        return List.of(
                new VitalStatusAt(VitalStatus.ALIVE, followupDay, outcomes),
                new VitalStatusAt(VitalStatus.DIED, followupDay, outcomes),
                new VitalStatusAt(VitalStatus.CENSORED, followupDay, outcomes));
    }
}
