package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** References from R 4.2.2. */
class RanksTest
{
    @Test
    void tiesGetAverageRankLikeR()
    {
        // rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5))  ->  4.0 1.5 5.0 1.5 6.5 9.0 3.0 8.0 6.5
        Ranks ranks = Ranks.of(new double[] {3, 1, 4, 1, 5, 9, 2, 6, 5});

        assertThat(ranks.ranks()).containsExactly(4.0, 1.5, 5.0, 1.5, 6.5, 9.0, 3.0, 8.0, 6.5);
        // two pairs of ties: 2 * (2^3 - 2)
        assertThat(ranks.tieCorrection()).isEqualTo(12.0);
    }

    @Test
    void noTiesGiveZeroCorrection()
    {
        assertThat(Ranks.of(new double[] {0.3, 0.1, 0.2}).tieCorrection()).isZero();
    }
}
