package org.casebook.report.figure;

import java.util.List;

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

    /**
     * The band's limits after the death on day 45, against R 4.2.2, survival 3.4:
     * <pre>
     * fit &lt;- survfit(Surv(time, status) ~ 1, conf.type = "log-log"); s &lt;- summary(fit, times = 45)
     * print(c(s$surv, s$lower, s$upper), digits = 15)   # 0.833333333333333 0.273122849928356 0.974712426690894
     * </pre>
     * The band starts at 1 on day 0 and ends on the last day followed (180), never past it.
     */
    @Test
    void confidenceBandIsTheLogLogIntervalAndEndsAtTheLastDayFollowed()
    {
        SurvivalPlot.FollowUp followUp = SurvivalPlot.followUp(SeriesFixtures.sixPatientData());
        KaplanMeier fit = KaplanMeier.fit(followUp.days(), followUp.events());
        double[] polygon = SurvivalPlot.band(fit, 180).getPolygonCoordinates();
        java.util.List<Double> xs = new java.util.ArrayList<>();
        java.util.Set<Long> ys = new java.util.TreeSet<>();
        for (int i = 0; i < polygon.length; i += 2) {
            xs.add(polygon[i]);
            ys.add(Math.round(polygon[i + 1] * 1e9));
        }
        assertThat(xs).allMatch(x -> x >= 0 && x <= 180).contains(0.0, 45.0, 180.0);
        assertThat(ys).containsExactlyInAnyOrder(Math.round(0.273122849928356 * 1e9), Math.round(0.974712426690894 * 1e9), 1_000_000_000L);
    }

    @Test
    void noFigureWithoutADeath()
    {
        assertThat(SurvivalPlot.of(SeriesFixtures.sixPatientData(), "f", "caption")).isPresent();
        var all = SeriesFixtures.sixPatients();
        // p3, the one death, left out: five patients alive, a flat line that the text says better
        var alive = new org.casebook.casedata.CaseWorkbook(all.cases().stream().filter(c -> !c.patientId().equals("p3")).toList(),
                all.measurements().stream().filter(m -> !m.patientId().equals("p3")).toList(),
                all.ctStudies().stream().filter(s -> !s.patientId().equals("p3")).toList(),
                all.ichikadoReads().stream().filter(r -> !r.scan().patientId().equals("p3")).toList(), List.of(), all.adverseEvents());
        assertThat(SurvivalPlot.of(org.casebook.report.StudyData.analyze(SeriesFixtures.SEED, alive), "f", "caption")).isEmpty();
    }

    @Test
    void tickUnitKeepsAboutEightTicks()
    {
        assertThat(SurvivalPlot.tickUnit(180)).isEqualTo(30);
        assertThat(SurvivalPlot.tickUnit(40)).isEqualTo(7);
        assertThat(SurvivalPlot.tickUnit(700)).isEqualTo(90);
    }
}
