package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * S(day) with its log-log CI, the curve's median and reverse-KM median follow-up. References from
 * R 4.2.2, survival 3.5-3, options(digits = 17):
 * <pre>
 * t &lt;- c(3, 10, 10, 15, 30, 45, 60, 90, 120, 200); s &lt;- c(1, 1, 0, 1, 0, 1, 0, 0, 1, 0)
 * f &lt;- survfit(Surv(t, s) ~ 1, conf.type = "log-log")
 * x &lt;- summary(f, times = c(50, 90, 100)); cbind(x$time, x$n.risk, x$surv, x$std.err, x$lower, x$upper)
 *   -&gt; 50 4 | 90 3 | 100 2, each 0.54857142857142849 0.17243784531136666 0.18725595404527004 0.80637749103426803
 * quantile(survfit(Surv(t, 1 - s) ~ 1), 0.5)$quantile  -&gt; 90
 * </pre>
 */
class KaplanMeierEstimateTest
{
    private static final int[] DAYS = {3, 10, 10, 15, 30, 45, 60, 90, 120, 200};
    private static final boolean[] DEATHS = {true, true, false, true, false, true, false, false, true, false};

    @Test
    void survivalAtTheFollowUpDayWithLogLogInterval()
    {
        KaplanMeier fit = KaplanMeier.fit(DAYS, DEATHS);
        for (int day : new int[] {50, 90, 100}) {
            KaplanMeier.SurvivalEstimate estimate = fit.estimateAt(day).orElseThrow();
            assertThat(estimate.survival()).isCloseTo(0.54857142857142849, within(1e-12));
            assertThat(estimate.standardError()).isCloseTo(0.17243784531136666, within(1e-12));
            assertThat(estimate.ciLow()).isCloseTo(0.18725595404527004, within(1e-9));
            assertThat(estimate.ciHigh()).isCloseTo(0.80637749103426803, within(1e-9));
        }
        assertThat(fit.estimateAt(50).orElseThrow().atRisk()).isEqualTo(4);
        assertThat(fit.estimateAt(90).orElseThrow().atRisk()).isEqualTo(3);
    }

    @Test
    void noEstimatePastTheLastObservedDay()
    {
        assertThat(KaplanMeier.fit(new int[] {10, 20, 80}, new boolean[] {false, true, false}).estimateAt(90)).isEmpty();
    }

    /**
     * Everyone left at risk died before the day: S is 0 there, not unknown. R (survival 3.5):
     * {@code summary(survfit(Surv(c(1, 7, 19), c(0, 0, 1)) ~ 1), times = 30, extend = TRUE)} gives
     * survival 0 and n.risk 0.
     */
    @Test
    void aCurveThatFellToZeroStaysZeroPastTheLastDay()
    {
        KaplanMeier.SurvivalEstimate estimate = KaplanMeier.fit(new int[] {1, 7, 19}, new boolean[] {false, false, true}).estimateAt(30).orElseThrow();
        assertThat(estimate.survival()).isZero();
        assertThat(estimate.atRisk()).isZero();
        assertThat(estimate.ciLow()).isNaN();
    }

    @Test
    void noDeathsGiveOneWithoutAnInterval()
    {
        // f0 <- survfit(Surv(c(90,95,100,120,91,93), rep(0, 6)) ~ 1, conf.type = "log-log"); summary(f0, times = 90)
        //   -> surv 1, lower NA, upper NA
        KaplanMeier.SurvivalEstimate estimate = KaplanMeier.fit(new int[] {90, 95, 100, 120, 91, 93}, new boolean[6]).estimateAt(90).orElseThrow();

        assertThat(estimate.survival()).isEqualTo(1);
        assertThat(estimate.ciLow()).isNaN();
        assertThat(estimate.ciHigh()).isNaN();
        assertThat(estimate.atRisk()).isEqualTo(6);
    }

    @Test
    void medianFollowUpByReverseKaplanMeier()
    {
        assertThat(KaplanMeier.medianFollowUp(DAYS, DEATHS)).hasValue(90);
        // quantile(survfit(Surv(c(90,95,100,120,91,93), rep(1, 6)) ~ 1), 0.5)  ->  94 (S = 0.5 exactly from day 93 to 95)
        assertThat(KaplanMeier.medianFollowUp(new int[] {90, 95, 100, 120, 91, 93}, new boolean[6])).hasValue(94);
    }

    @Test
    void medianAtExactlyOneHalfIsTheMidpoint()
    {
        // quantile(survfit(Surv(c(10,20,30,40), c(1,1,1,1)) ~ 1), 0.5)  ->  25
        assertThat(KaplanMeier.fit(new int[] {10, 20, 30, 40}, new boolean[] {true, true, true, true}).median()).hasValue(25);
        // never below one half: no median
        assertThat(KaplanMeier.fit(new int[] {10, 20, 30}, new boolean[] {true, false, false}).median()).isEmpty();
    }
}
