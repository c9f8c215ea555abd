package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * References from R 4.2.2, options(digits = 17):
 * <pre>
 * ba &lt;- function(a, b) { d &lt;- a - b; n &lt;- length(d); m &lt;- mean(d); s &lt;- sd(d); t &lt;- qt(0.975, n - 1)
 *   c(bias = m, sd = s, bias_lo = m - t * s / sqrt(n), bias_hi = m + t * s / sqrt(n), loa_lo = m - 1.96 * s, loa_hi = m + 1.96 * s,
 *     loa_ci_half = t * sqrt(3 * s^2 / n)) }
 * </pre>
 */
class BlandAltmanTest
{
    private static final double TOLERANCE = 1e-9;

    @Test
    void twoReadersOfSixScans()
    {
        // ba(c(165, 240, 180, 300, 150, 210), c(155, 250, 170, 290, 160, 195))
        //   -> bias 4.1666666666666670, sd 11.1430097669645196, bias_lo -7.5272049184949443, bias_hi 15.8605382518282774,
        //      loa_lo -17.6736324765837907, loa_hi 26.0069658099171264, loa_ci_half 20.2543797226859148
        BlandAltman.Result result = BlandAltman.of(new double[] {165, 240, 180, 300, 150, 210}, new double[] {155, 250, 170, 290, 160, 195});

        assertThat(result.n()).isEqualTo(6);
        assertThat(result.bias()).isCloseTo(4.1666666666666670, within(TOLERANCE));
        assertThat(result.sd()).isCloseTo(11.1430097669645196, within(TOLERANCE));
        assertThat(result.biasCiLow()).isCloseTo(-7.5272049184949443, within(TOLERANCE));
        assertThat(result.biasCiHigh()).isCloseTo(15.8605382518282774, within(TOLERANCE));
        assertThat(result.lowerLimit()).isCloseTo(-17.6736324765837907, within(TOLERANCE));
        assertThat(result.upperLimit()).isCloseTo(26.0069658099171264, within(TOLERANCE));
        assertThat(result.limitCiHalfWidth()).isCloseTo(20.2543797226859148, within(TOLERANCE));
    }

    @Test
    void twoPairs()
    {
        // ba(c(1, 2), c(2, 2))  ->  bias -0.5, sd 0.70710678118654757, bias_lo -6.85310236808734707, loa_hi 0.88592929112563312,
        //      loa_ci_half 11.00389608721343926
        BlandAltman.Result result = BlandAltman.of(new double[] {1, 2}, new double[] {2, 2});

        assertThat(result.bias()).isEqualTo(-0.5);
        assertThat(result.sd()).isCloseTo(0.70710678118654757, within(TOLERANCE));
        assertThat(result.biasCiLow()).isCloseTo(-6.85310236808734707, within(TOLERANCE));
        assertThat(result.upperLimit()).isCloseTo(0.88592929112563312, within(TOLERANCE));
        assertThat(result.limitCiHalfWidth()).isCloseTo(11.00389608721343926, within(TOLERANCE));
    }

    @Test
    void perfectAgreementIsZeroNotNaN()
    {
        // ba(c(100, 200, 300), c(100, 200, 300))  ->  every value 0
        BlandAltman.Result result = BlandAltman.of(new double[] {100, 200, 300}, new double[] {100, 200, 300});

        assertThat(result.bias()).isZero();
        assertThat(result.sd()).isZero();
        assertThat(result.lowerLimit()).isZero();
        assertThat(result.upperLimit()).isZero();
        assertThat(result.biasCiLow()).isZero();
        assertThat(result.limitCiHalfWidth()).isZero();
    }

    @Test
    void rejectsOnePairAndMissingValues()
    {
        assertThatThrownBy(() -> BlandAltman.of(new double[] {1}, new double[] {2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlandAltman.of(new double[] {1, Double.NaN}, new double[] {2, 2})).isInstanceOf(IllegalArgumentException.class);
    }
}
