package org.casebook.protocol;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The protocol's outcome definitions ({@code outcomes}). Thresholds are decimals so that a
 * boundary such as a 10% relative decline is decided exactly, not in binary floating point.
 *
 * @param followupDay the vital status and survival are judged at this day after day 0 (90)
 * @param list the protocol's outcomes ({@code outcomes.list}), in order
 * @param agentsField {@code outcomes.agents}: the one agent field whose patients per agent the
 *        results list as {@code agents} (lower case, alphabetical) instead of {@code agents_by_field}; null when not given
 * @param labels {@code outcomes.labels}: whether the results list each count's label (default true)
 * @param deathField {@code outcomes.death}: the date field holding the date of death; null when the protocol has none
 * @param lastFollowupField {@code outcomes.last_followup}: the date field holding the last follow-up alive; null when none
 */
public record OutcomeDefinitions(int followupDay, List<OutcomeSpec> list, String agentsField, boolean labels, String deathField, String lastFollowupField)
{
    public OutcomeDefinitions
    {
        list = List.copyOf(requireNonNull(list, "list is null"));
    }

    /** The outcomes with their list's defaults: agents per field, labels listed, no death or follow-up field. */
    public OutcomeDefinitions(int followupDay, List<OutcomeSpec> list)
    {
        this(followupDay, list, null, true, null, null);
    }

    /** True when the protocol names a date of death or of the last follow-up, so that a patient's status can be known. */
    public boolean tracksSurvival()
    {
        return deathField != null || lastFollowupField != null;
    }

    public Optional<String> findAgentsField()
    {
        return Optional.ofNullable(agentsField);
    }

    public Optional<OutcomeSpec> find(String name)
    {
        return list.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    /**
     * The value of a text field that an {@code event_by_day} outcome counts as its event (the
     * seed's "adverse event" as {@code prior_jaki_stop_reason}), when some outcome tests that field.
     */
    public Optional<String> eventValue(String field)
    {
        return list.stream().filter(spec -> spec.kind().equals("event_by_day") && spec.field().equals(field)).map(OutcomeSpec::equalsValue).findFirst();
    }
}
