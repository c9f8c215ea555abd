package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/** References from R 4.2.2, options(digits = 17). */
class SignedRankDistributionTest
{
    private static final double TOLERANCE_PERCENT = 1e-8;

    @Test
    void lowerTailMatchesPsignrank()
    {
        // psignrank(c(0, 3, 10), 6)  ->  0.015625000000000007 0.078125000000000028 0.500000000000000111
        SignedRankDistribution distribution = SignedRankDistribution.of(6);

        assertThat(distribution.lowerTail(0)).isCloseTo(0.015625000000000007, withinPercentage(TOLERANCE_PERCENT));
        assertThat(distribution.lowerTail(3)).isCloseTo(0.078125000000000028, withinPercentage(TOLERANCE_PERCENT));
        assertThat(distribution.lowerTail(10)).isCloseTo(0.500000000000000111, withinPercentage(TOLERANCE_PERCENT));
        assertThat(distribution.lowerTail(21)).isEqualTo(1.0);
    }

    @Test
    void upperTailMatchesPsignrank()
    {
        // psignrank(40, 12, lower.tail = FALSE), i.e. P(V >= 41)  ->  0.45483398437500011
        assertThat(SignedRankDistribution.of(12).upperTail(41)).isCloseTo(0.45483398437500011, withinPercentage(TOLERANCE_PERCENT));
        // psignrank(600, 48)  ->  0.55053712868666327
        assertThat(SignedRankDistribution.of(48).lowerTail(600)).isCloseTo(0.55053712868666327, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void distributionIsSymmetricAndSumsToOneForEverySizeUsed()
    {
        for (int n = 0; n < WilcoxonSignedRank.EXACT_LIMIT; n++) {
            SignedRankDistribution distribution = SignedRankDistribution.of(n);
            int maxSum = n * (n + 1) / 2;

            assertThat(distribution.lowerTail(maxSum)).isEqualTo(1.0);
            for (int v = 0; v <= maxSum; v++) {
                assertThat(distribution.lowerTail(v)).isEqualTo(distribution.upperTail(maxSum - v));
            }
        }
    }

    @Test
    void singlePairHasTwoEquallyLikelyOutcomes()
    {
        SignedRankDistribution distribution = SignedRankDistribution.of(1);

        assertThat(distribution.lowerTail(0)).isEqualTo(0.5);
        assertThat(distribution.upperTail(1)).isEqualTo(0.5);
    }
}
