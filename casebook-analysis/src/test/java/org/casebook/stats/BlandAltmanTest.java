package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.analysis.ResultsText;
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

    @Test
    void exactScoresGiveTheExactBias()
    {
        // reads of 1859/6 and 3420/6 against 2439/6 and 1517/6: differences -580/6 and 1903/6, bias exactly 110.25
        // ba(c(1859, 3420)/6, c(2439, 1517)/6)                      -> bias 110.24999999999997 (R's doubles, as BlandAltman.of)
        // ba(c(1859, 3420), c(2439, 1517)) / 6 (on whole sixths)    -> bias 110.25, sd 292.62435628103293, bias_lo -2518.87552999348009,
        //     bias_hi 2739.37552999348009, loa_lo -463.29373831082449, loa_hi 683.79373831082455, loa_ci_half 4553.77899742516092
        BlandAltman.Result doubles = BlandAltman.of(new double[] {1859 / 6.0, 3420 / 6.0}, new double[] {2439 / 6.0, 1517 / 6.0});
        assertThat(ResultsText.oneDecimal(doubles.bias())).isEqualTo("110.2");

        BlandAltman.Result result = BlandAltman.ofExact(List.of(Fraction.of(1859, 6), Fraction.of(3420, 6)), List.of(Fraction.of(2439, 6), Fraction.of(1517, 6)));

        assertThat(result.bias()).isEqualTo(110.25);
        assertThat(ResultsText.oneDecimal(result.bias())).isEqualTo("110.3");
        assertThat(result.sd()).isCloseTo(292.62435628103293, within(TOLERANCE));
        assertThat(result.biasCiLow()).isCloseTo(-2518.87552999348009, within(TOLERANCE));
        assertThat(result.biasCiHigh()).isCloseTo(2739.37552999348009, within(TOLERANCE));
        assertThat(result.lowerLimit()).isCloseTo(-463.29373831082449, within(TOLERANCE));
        assertThat(result.upperLimit()).isCloseTo(683.79373831082455, within(TOLERANCE));
        assertThat(result.limitCiHalfWidth()).isCloseTo(4553.77899742516092, within(1e-8));
    }

    @Test
    void exactScoresAlwaysTheSameApartHaveNoSpread()
    {
        // every scan's readers a sixth apart: SD exactly 0 (the doubles' differences are not all equal)
        BlandAltman.Result result = BlandAltman.ofExact(List.of(Fraction.of(601, 6), Fraction.of(1301, 6), Fraction.of(3001, 6)),
                List.of(Fraction.of(600, 6), Fraction.of(1300, 6), Fraction.of(3000, 6)));

        assertThat(result.sd()).isZero();
        assertThat(result.bias()).isEqualTo(1 / 6.0);
        assertThat(result.lowerLimit()).isEqualTo(result.upperLimit()).isEqualTo(1 / 6.0);
    }
}
