package org.casebook.protocol;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * The protocol's outcome definitions. Thresholds are decimals so that a boundary such as a
 * 10% relative %FVC decline is decided exactly, not in binary floating point.
 *
 * @param followupDay survival is judged at this day after day 0 (90)
 * @param oxygenation the P/F comparison ({@code pf_increased}: to &gt; from)
 * @param lungFunction the %FVC comparison ({@code fvc_declined_*}: to below from)
 * @param fvcRelativeDecline relative decline threshold, (from − to)/from ≥ this (0.10)
 * @param fvcAbsoluteDecline absolute decline threshold in points, from − to ≥ this (10)
 * @param pulseMinDailyDoseMg a methylprednisolone daily dose at or above this is a pulse (500)
 * @param adverseEventStopReason the {@code prior_jaki_stop_reason} text meaning "stopped for an adverse event"
 */
public record OutcomeDefinitions(
        int followupDay,
        Comparison oxygenation,
        Comparison lungFunction,
        BigDecimal fvcRelativeDecline,
        BigDecimal fvcAbsoluteDecline,
        BigDecimal pulseMinDailyDoseMg,
        String adverseEventStopReason)
{
    public OutcomeDefinitions
    {
        requireNonNull(oxygenation, "oxygenation is null");
        requireNonNull(lungFunction, "lungFunction is null");
        requireNonNull(fvcRelativeDecline, "fvcRelativeDecline is null");
        requireNonNull(fvcAbsoluteDecline, "fvcAbsoluteDecline is null");
        requireNonNull(pulseMinDailyDoseMg, "pulseMinDailyDoseMg is null");
        requireNonNull(adverseEventStopReason, "adverseEventStopReason is null");
    }
}
