package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.casebook.stats.KaplanMeier.Step;
import org.junit.jupiter.api.Test;

/**
 * References from R 4.2.2 with survival 3.5.3, options(digits = 17):
 * <pre>
 * fit &lt;- survfit(Surv(time, status) ~ 1)
 * data.frame(fit$time, fit$n.risk, fit$n.event, fit$n.censor, fit$surv, fit$surv * fit$std.err)
 * summary(fit, times = at, extend = TRUE)$n.risk; summary(fit, times = at, extend = TRUE)$surv
 * </pre>
 */
class KaplanMeierTest
{
    private static final double TOLERANCE = 1e-12;

    // time <- c(5, 8, 8, 12, 15, 20, 22, 30); status <- c(1, 1, 0, 1, 0, 1, 0, 1)
    private static KaplanMeier eightPatients()
    {
        return KaplanMeier.fit(new int[] {5, 8, 8, 12, 15, 20, 22, 30}, new boolean[] {true, true, false, true, false, true, false, true});
    }

    // time <- c(0, 3, 3, 3, 6, 7, 7, 10, 12, 14, 16); status <- c(0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1)
    private static KaplanMeier elevenPatientsWithTiedEvents()
    {
        return KaplanMeier.fit(
                new int[] {0, 3, 3, 3, 6, 7, 7, 10, 12, 14, 16},
                new boolean[] {false, true, true, false, true, true, false, false, true, false, true});
    }

    @Test
    void stepsMatchSurvfit()
    {
        //   time n.risk n.event n.censor                surv             se.surv
        // 1    5      8       1        0 0.87500000000000000 0.11692679333668568
        // 2    8      7       1        1 0.75000000000000000 0.15309310892394862
        // 3   12      5       1        0 0.60000000000000009 0.18165902124584954
        // 4   15      4       0        1 0.60000000000000009 0.18165902124584954
        // 5   20      3       1        0 0.40000000000000002 0.20330600909302540
        // 6   22      2       0        1 0.40000000000000002 0.20330600909302540
        // 7   30      1       1        0 0.00000000000000000                 NaN
        List<Step> steps = eightPatients().steps();

        assertThat(steps).extracting(Step::day).containsExactly(5, 8, 12, 15, 20, 22, 30);
        assertThat(steps).extracting(Step::atRisk).containsExactly(8, 7, 5, 4, 3, 2, 1);
        assertThat(steps).extracting(Step::events).containsExactly(1, 1, 1, 0, 1, 0, 1);
        assertThat(steps).extracting(Step::censored).containsExactly(0, 1, 0, 1, 0, 1, 0);
        assertThat(steps.stream().mapToDouble(Step::survival).toArray()).containsExactly(new double[] {
                0.875, 0.75, 0.60000000000000009, 0.60000000000000009, 0.40000000000000002, 0.40000000000000002, 0}, within(TOLERANCE));
        assertThat(steps.subList(0, 6).stream().mapToDouble(Step::standardError).toArray()).containsExactly(new double[] {
                0.11692679333668568, 0.15309310892394862, 0.18165902124584954, 0.18165902124584954,
                0.20330600909302540, 0.20330600909302540}, within(TOLERANCE));
        assertThat(steps.get(6).standardError()).isNaN();
    }

    @Test
    void eventStepsMatchSummaryWithTiedEventsAndCensoringAtDayZero()
    {
        // summary(fit):
        //   time n.risk n.event                surv             std.err
        // 1    3     10       2 0.80000000000000004 0.12649110640673519
        // 2    6      7       1 0.68571428571428572 0.15149401743232060
        // 3    7      6       1 0.57142857142857151 0.16377471549174599
        // 4   12      3       1 0.38095238095238099 0.19002213454915115
        // 5   16      1       1 0.00000000000000000                 NaN
        KaplanMeier fit = elevenPatientsWithTiedEvents();
        List<Step> events = fit.eventSteps();

        assertThat(fit.steps().get(0)).isEqualTo(new Step(0, 11, 0, 1, 1.0, 0.0));
        assertThat(events).extracting(Step::day).containsExactly(3, 6, 7, 12, 16);
        assertThat(events).extracting(Step::atRisk).containsExactly(10, 7, 6, 3, 1);
        assertThat(events).extracting(Step::events).containsExactly(2, 1, 1, 1, 1);
        assertThat(events.stream().mapToDouble(Step::survival).toArray()).containsExactly(new double[] {
                0.80000000000000004, 0.68571428571428572, 0.57142857142857151, 0.38095238095238099, 0}, within(TOLERANCE));
        assertThat(events.subList(0, 4).stream().mapToDouble(Step::standardError).toArray()).containsExactly(new double[] {
                0.12649110640673519, 0.15149401743232060, 0.16377471549174599, 0.19002213454915115}, within(TOLERANCE));
    }

    @Test
    void numberAtRiskMatchesSummaryTimes()
    {
        // summary(fit, times = c(0, 7, 8, 21, 30, 31), extend = TRUE)$n.risk  ->  8 7 7 2 1 0
        assertThat(eightPatients().numberAtRisk(new int[] {0, 7, 8, 21, 30, 31})).containsExactly(8, 7, 7, 2, 1, 0);
        // summary(fit, times = c(0, 3, 4, 15, 16, 17), extend = TRUE)$n.risk  ->  11 10 7 1 1 0
        assertThat(elevenPatientsWithTiedEvents().numberAtRisk(new int[] {0, 3, 4, 15, 16, 17})).containsExactly(11, 10, 7, 1, 1, 0);
    }

    @Test
    void survivalAtIsARightContinuousStepFunction()
    {
        // summary(fit, times = c(0, 7, 8, 21, 30, 31), extend = TRUE)$surv  ->  1 0.875 0.75 0.4 0 0
        KaplanMeier fit = eightPatients();

        assertThat(new double[] {fit.survivalAt(0), fit.survivalAt(7), fit.survivalAt(8), fit.survivalAt(21), fit.survivalAt(30), fit.survivalAt(31)})
                .containsExactly(new double[] {1, 0.875, 0.75, 0.40000000000000002, 0, 0}, within(TOLERANCE));
        assertThat(fit.survivalAt(7.999)).isEqualTo(0.875);
        // summary(fit, times = c(0, 3, 4, 15, 16, 17), extend = TRUE)$surv  ->  1 0.8 0.8 0.38095238095238099 0 0
        KaplanMeier tied = elevenPatientsWithTiedEvents();
        assertThat(tied.survivalAt(0)).isEqualTo(1.0);
        assertThat(tied.survivalAt(3)).isCloseTo(0.8, within(TOLERANCE));
        assertThat(tied.survivalAt(15)).isCloseTo(0.38095238095238099, within(TOLERANCE));
    }

    @Test
    void allCensoredKeepsSurvivalAtOne()
    {
        KaplanMeier fit = KaplanMeier.fit(new int[] {10, 20}, new boolean[] {false, false});

        assertThat(fit.eventSteps()).isEmpty();
        assertThat(fit.survivalAt(100)).isEqualTo(1.0);
        assertThat(fit.steps()).extracting(Step::standardError).containsExactly(0.0, 0.0);
    }

    @Test
    void rejectsNegativeDaysAndMismatchedInput()
    {
        assertThatThrownBy(() -> KaplanMeier.fit(new int[] {-1}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> KaplanMeier.fit(new int[] {1, 2}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 1");
        assertThatThrownBy(() -> eightPatients().numberAtRisk(new int[] {-3}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
