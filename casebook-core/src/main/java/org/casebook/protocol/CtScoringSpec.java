package org.casebook.protocol;

import static java.util.Objects.requireNonNull;

/**
 * How the protocol scores CTs: the system ({@code ichikado} or {@code kazerooni}), the planned
 * number of readers, the consensus rule (the mean of the readers), and the difference between
 * two readers' totals above which a scan goes to an adjudicator.
 */
public record CtScoringSpec(String system, int readers, String consensus, double adjudicationThreshold)
{
    public CtScoringSpec
    {
        requireNonNull(system, "system is null");
        requireNonNull(consensus, "consensus is null");
    }
}
