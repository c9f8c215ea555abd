package org.casebook.report.figure;

import org.casebook.report.SeriesFixtures;
import org.casebook.stats.KaplanMeier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Follow-up of the fixture from each patient's day 0, and the Kaplan–Meier numbers at risk under
 * the plot, against R 4.2.2 with survival 3.4:
 * <pre>
 * library(survival); time &lt;- c(120, 180, 45, 60, 180, 95); status &lt;- c(0, 0, 1, 0, 0, 0)
 * fit &lt;- survfit(Surv(time, status) ~ 1)
 * summary(fit, times = c(0, 30, 60, 90, 120, 150, 180), extend = TRUE)[c("n.risk", "surv")]
 * # n.risk 6 6 5 4 3 2 2; surv 1 1 0.833333333333333 (from day 45 on)
 * </pre>
 */
class SurvivalPlotTest
{
    @Test
    void followUpRunsFromDayZeroToDeathOrLastFollowUp()
    {
        SurvivalPlot.FollowUp followUp = SurvivalPlot.followUp(SeriesFixtures.sixPatientData());
        assertThat(followUp.days()).containsExactly(120, 180, 45, 60, 180, 95);
        assertThat(followUp.events()).containsExactly(false, false, true, false, false, false);
        assertThat(followUp.excluded()).isZero();
    }

    @Test
    void numbersAtRiskAndSurvivalMatchSurvfit()
    {
        SurvivalPlot.FollowUp followUp = SurvivalPlot.followUp(SeriesFixtures.sixPatientData());
        KaplanMeier fit = KaplanMeier.fit(followUp.days(), followUp.events());
        assertThat(fit.numberAtRisk(new int[] {0, 30, 60, 90, 120, 150, 180})).containsExactly(6, 6, 5, 4, 3, 2, 2);
        assertThat(fit.survivalAt(44)).isEqualTo(1.0);
        assertThat(fit.survivalAt(180)).isCloseTo(0.833333333333333, within(1e-12));
    }

    @Test
    void tickUnitKeepsAboutEightTicks()
    {
        assertThat(SurvivalPlot.tickUnit(180)).isEqualTo(30);
        assertThat(SurvivalPlot.tickUnit(40)).isEqualTo(7);
        assertThat(SurvivalPlot.tickUnit(700)).isEqualTo(90);
    }
}
