package org.casebook.protocol;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * The protocol's outcome definitions. Thresholds are decimals so that a boundary such as a
 * 10% relative %FVC decline is decided exactly, not in binary floating point.
 *
 * @param followupDay survival is judged at this day after day 0 (90)
 * @param oxygenation the P/F comparison, null when the protocol does not name one ({@code pf_increased}: to &gt; from)
 * @param lungFunction the %FVC comparison, null when the protocol does not name one ({@code fvc_declined_*}: to below from)
 * @param fvcRelativeDecline relative decline threshold, (from − to)/from ≥ this (0.10)
 * @param fvcAbsoluteDecline absolute decline threshold in points, from − to ≥ this (10)
 * @param pulseMinDailyDoseMg a methylprednisolone daily dose at or above this is a pulse (500)
 * @param adverseEventStopReason the {@code prior_jaki_stop_reason} text meaning "stopped for an adverse event"
 * @param list the protocol's own outcomes ({@code outcomes.list}), in order
 */
public record OutcomeDefinitions(
        int followupDay,
        Comparison oxygenation,
        Comparison lungFunction,
        BigDecimal fvcRelativeDecline,
        BigDecimal fvcAbsoluteDecline,
        BigDecimal pulseMinDailyDoseMg,
        String adverseEventStopReason,
        java.util.List<OutcomeSpec> list)
{
    public OutcomeDefinitions
    {
        list = java.util.List.copyOf(requireNonNull(list, "list is null"));
        requireNonNull(fvcRelativeDecline, "fvcRelativeDecline is null");
        requireNonNull(fvcAbsoluteDecline, "fvcAbsoluteDecline is null");
        requireNonNull(pulseMinDailyDoseMg, "pulseMinDailyDoseMg is null");
        requireNonNull(adverseEventStopReason, "adverseEventStopReason is null");
    }

    /** True for the seed's fixed outcome set (a protocol naming {@code oxygenation} and {@code lung_function}). */
    public boolean hasSeedOutcomes()
    {
        return oxygenation != null && lungFunction != null;
    }
}
