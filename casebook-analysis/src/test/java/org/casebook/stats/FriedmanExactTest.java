package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link FriedmanTest#testAtPrecision}: the exact conditional permutation p. References from
 * R 4.2.2 by full enumeration of every distinct within-row arrangement of the ranks (no CRAN
 * package gives the exact Friedman test with ties), options(digits = 17):
 * <pre>
 * perms &lt;- function(r) { p &lt;- unique(t(apply(expand.grid(rep(list(seq_along(r)), length(r))), 1,
 *   function(i) if (anyDuplicated(i)) rep(NA, length(r)) else r[i]))); p[!is.na(p[, 1]), , drop = FALSE] }
 * fr_exact &lt;- function(y) { y &lt;- y[complete.cases(y), , drop = FALSE]; R &lt;- t(apply(y, 1, rank)); obs &lt;- sum(colSums(R)^2)
 *   P &lt;- lapply(seq_len(nrow(R)), function(i) perms(R[i, ]))
 *   idx &lt;- expand.grid(lapply(P, function(p) seq_len(nrow(p))))
 *   s &lt;- apply(idx, 1, function(ix) sum(Reduce(`+`, lapply(seq_along(ix), function(i) P[[i]][ix[i], ]))^2))
 *   c(chisq = unname(friedman.test(y)$statistic), p_chisq = friedman.test(y)$p.value, p_exact = mean(s &gt;= obs - 1e-9)) }
 * </pre>
 */
class FriedmanExactTest
{
    private static final double TOLERANCE = 1e-12;

    @Test
    void sixPatientsRisingThenFallingGiveTheSmallestAttainableP()
    {
        // b <- c(120,150,175,200,210,250); o <- c(175,230,240,255,280,310); a <- c(150,200,210,235,250,300)
        // fr_exact(cbind(b, o, a))  ->  chisq 12, p_chisq 0.0024787521766663585, p_exact 0.0001286008230452675 (= 6/6^6)
        double[][] y = {{120, 175, 150}, {150, 230, 200}, {175, 240, 210}, {200, 255, 235}, {210, 280, 250}, {250, 310, 300}};

        FriedmanTest.Result result = FriedmanTest.testAtPrecision(y, 0);

        assertThat(result.exact()).isTrue();
        assertThat(result.statistic()).isCloseTo(12, within(TOLERANCE));
        assertThat(result.pValue()).isCloseTo(0.0001286008230452675, within(TOLERANCE));
        assertThat(FriedmanTest.test(y).pValue()).isCloseTo(0.0024787521766663585, within(TOLERANCE));
    }

    @Test
    void tiesWithinPatients()
    {
        // fr_exact(rbind(c(1,2,2), c(3,1,2), c(5,6,7), c(2,2,4), c(3,4,3)))
        //   ->  chisq 1.88235294117647056, p_chisq 0.39016854342397683, p_exact 0.42592592592592593
        FriedmanTest.Result result = FriedmanTest.testAtPrecision(new double[][] {{1, 2, 2}, {3, 1, 2}, {5, 6, 7}, {2, 2, 4}, {3, 4, 3}}, 0);

        assertThat(result.statistic()).isCloseTo(1.88235294117647056, within(TOLERANCE));
        assertThat(result.pValue()).isCloseTo(0.42592592592592593, within(TOLERANCE));
    }

    @Test
    void aPatientWithAllValuesEqualAndAMissingValue()
    {
        // fr_exact(rbind(c(1.2,2.5,3.1), c(2.0,2.0,2.0), c(0.5,0.9,0.7), c(4.4,4.1,4.9)))
        //   ->  chisq 2.66666666666666652, p_chisq 0.26359713811572677, p_exact 0.36111111111111110
        // plus a row with a missing value, dropped as friedman.test's complete cases
        double[][] y = {{1.2, 2.5, 3.1}, {2.0, 2.0, 2.0}, {0.5, 0.9, 0.7}, {4.4, 4.1, 4.9}, {1.0, Double.NaN, 2.0}};

        FriedmanTest.Result result = FriedmanTest.testAtPrecision(y, 1);

        assertThat(result.blocks()).isEqualTo(4);
        assertThat(result.statistic()).isCloseTo(2.66666666666666652, within(TOLERANCE));
        assertThat(result.pValue()).isCloseTo(0.36111111111111110, within(TOLERANCE));
    }

    @Test
    void roundOffDoesNotBreakATie()
    {
        // 0.1 + 0.2 and 0.3 are one value at one decimal: the row is tied as in the previous test's second row
        double[][] y = {{1.2, 2.5, 3.1}, {0.1 + 0.2, 0.3, 0.3}, {0.5, 0.9, 0.7}, {4.4, 4.1, 4.9}};

        assertThat(FriedmanTest.testAtPrecision(y, 1).pValue()).isCloseTo(0.36111111111111110, within(TOLERANCE));
    }

    @Test
    void twoPatientsInOppositeOrder()
    {
        // fr_exact(rbind(c(1, 2), c(2, 1)))  ->  chisq 0, p_chisq 1, p_exact 1
        FriedmanTest.Result result = FriedmanTest.testAtPrecision(new double[][] {{1, 2}, {2, 1}}, 0);

        assertThat(result.statistic()).isZero();
        assertThat(result.pValue()).isCloseTo(1, within(TOLERANCE));
    }

    @Test
    void everyPatientTiedHasNoTest()
    {
        FriedmanTest.Result result = FriedmanTest.testAtPrecision(new double[][] {{1, 1, 1}, {2, 2, 2}}, 0);

        assertThat(result.pValue()).isNaN();
    }

    @Test
    void twentySevenPatientsAtThreeTimePointsAreStillExactAndQuick()
    {
        double[][] y = new double[27][3];
        for (int i = 0; i < y.length; i++) {
            y[i] = new double[] {i % 5, (i * 3) % 4, (i * 7) % 6};
        }
        long start = System.nanoTime();
        FriedmanTest.Result result = FriedmanTest.testAtPrecision(y, 0);

        assertThat(result.exact()).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        // a timing check (the exact values are checked against R above): with 27 patients exact and chi-squared p are near
        assertThat(result.pValue()).isCloseTo(FriedmanTest.test(y).pValue(), within(0.05));
    }

    @Test
    void largeProblemsKeepTheChiSquaredApproximation()
    {
        double[][] y = new double[400][5];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < 5; j++) {
                y[i][j] = (i * 7 + j * 13) % 11;
            }
        }
        FriedmanTest.Result result = FriedmanTest.testAtPrecision(y, 0);

        assertThat(result.exact()).isFalse();
        assertThat(result.pValue()).isEqualTo(FriedmanTest.test(y).pValue());
    }
}
