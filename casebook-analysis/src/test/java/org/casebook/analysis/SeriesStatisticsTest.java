package org.casebook.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Survival at the follow-up day and count intervals from a workbook. References from R 4.2.2,
 * survival 3.5-3, options(digits = 17):
 * <pre>
 * t &lt;- c(3, 10, 10, 15, 30, 45, 60, 90, 120, 200); s &lt;- c(1, 1, 0, 1, 0, 1, 0, 0, 1, 0)
 * summary(survfit(Surv(t, s) ~ 1, conf.type = "log-log"), times = 90)  -&gt; surv 0.54857142857142849, lower 0.18725595404527004,
 *                                                                           upper 0.80637749103426803, n.risk 3
 * quantile(survfit(Surv(t, 1 - s) ~ 1), 0.5)$quantile                     -&gt; 90
 * binom.test(6, 6)$conf.int                                               -&gt; 0.54074187356009962 1
 * </pre>
 */
class SeriesStatisticsTest
{
    private static final LocalDate DAY0 = LocalDate.of(2024, 3, 1);

    @Test
    void kaplanMeierAtTheFollowUpDayCountsCensoredPatients()
    {
        int[] days = {3, 10, 10, 15, 30, 45, 60, 90, 120, 200};
        boolean[] deaths = {true, true, false, true, false, true, false, false, true, false};
        List<CaseRecord> cases = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            CaseRecordBuilder builder = new CaseRecordBuilder("P" + i, DAY0).set("admission_date", DAY0).set("ae_onset_date", DAY0).dayZero(DAY0);
            cases.add((deaths[i] ? builder.set("death_date", DAY0.plusDays(days[i])) : builder.set("last_followup_date", DAY0.plusDays(days[i]))).build());
        }
        cases.add(new CaseRecordBuilder("no-dates", DAY0).set("admission_date", DAY0).set("ae_onset_date", DAY0).dayZero(DAY0).build());

        SeriesStatistics.Survival survival = SeriesStatistics.Survival.of(cases, org.casebook.protocol.Protocols.builtIn(org.casebook.protocol.Protocols.SEED).outcomes());

        assertThat(survival.patients()).isEqualTo(10);
        assertThat(survival.deaths()).isEqualTo(5);
        assertThat(survival.leftOut()).isEqualTo(1);
        var estimate = survival.atFollowupDay().orElseThrow();
        assertThat(estimate.survival()).isCloseTo(0.54857142857142849, within(1e-12));
        assertThat(estimate.ciLow()).isCloseTo(0.18725595404527004, within(1e-9));
        assertThat(estimate.ciHigh()).isCloseTo(0.80637749103426803, within(1e-9));
        assertThat(estimate.atRisk()).isEqualTo(3);
        assertThat(survival.medianFollowUp()).hasValue(90);
        assertThat(ResultsText.survival(survival)).isEqualTo("Kaplan–Meier 55% (95% CI 19–81%, log-log) at day 90, 10 patients, 5 deaths, "
                + "1 without follow-up data left out; median follow-up 90 days (reverse Kaplan–Meier)");
    }

    @Test
    void noDeathsSaySoInsteadOfAnEmptyInterval()
    {
        List<CaseRecord> cases = List.of(
                new CaseRecordBuilder("A", DAY0).set("admission_date", DAY0).set("last_followup_date", DAY0.plusDays(95)).build(),
                new CaseRecordBuilder("B", DAY0).set("admission_date", DAY0).set("last_followup_date", DAY0.plusDays(100)).build());
        // quantile(survfit(Surv(c(95, 100), c(1, 1)) ~ 1), 0.5)$quantile  ->  97.5

        SeriesStatistics.Survival survival = SeriesStatistics.Survival.of(cases, org.casebook.protocol.Protocols.builtIn(org.casebook.protocol.Protocols.SEED).outcomes());

        assertThat(ResultsText.survival(survival)).isEqualTo(
                "Kaplan–Meier 100% (no deaths by then; no log-log CI) at day 90, 2 patients, 0 deaths; median follow-up 97.5 days (reverse Kaplan–Meier)");
    }

    @Test
    void everyoneDeadBeforeTheDayIsZeroNotUnknown()
    {
        SeriesStatistics.Survival survival = SeriesStatistics.Survival.of(List.of(new CaseRecordBuilder("A", DAY0).set("admission_date", DAY0).set("death_date", DAY0.plusDays(19)).build()), org.casebook.protocol.Protocols.builtIn(org.casebook.protocol.Protocols.SEED).outcomes());

        assertThat(ResultsText.survival(survival)).startsWith("Kaplan–Meier 0% (no log-log CI) at day 90, 1 patient, 1 death");
    }

    @Test
    void nobodyFollowedToTheDay()
    {
        SeriesStatistics.Survival survival = SeriesStatistics.Survival.of(List.of(new CaseRecordBuilder("A", DAY0).set("admission_date", DAY0).set("last_followup_date", DAY0.plusDays(30)).build()), org.casebook.protocol.Protocols.builtIn(org.casebook.protocol.Protocols.SEED).outcomes());

        assertThat(survival.atFollowupDay()).isEmpty();
        assertThat(ResultsText.survival(survival)).startsWith("not estimable at day 90 (no patient followed that long), 1 patient, 0 deaths");
    }

    @Test
    void everyCountHasAnExactInterval()
    {
        var cases = List.of(new CaseRecordBuilder("A", DAY0).set("admission_date", DAY0).build(), new CaseRecordBuilder("B", DAY0).set("admission_date", DAY0).build());
        SeriesResults results = new CaseSeriesAnalysis(Protocols.builtIn(Protocols.SEED))
                .analyze(new CaseWorkbook(cases, List.of(), List.of(), List.of(), List.of(), List.of()));

        for (OutcomeCount outcome : results.outcomes()) {
            assertThat(results.statistics().outcomeIntervals().containsKey(outcome.name())).isEqualTo(outcome.denominator() > 0);
        }
        var censored = results.statistics().outcomeIntervals().get("censored_before_day90");
        // binom.test(2, 2)$conf.int -> 0.15811388300841905 1
        assertThat(censored.low()).isCloseTo(0.15811388300841905, within(1e-9));
        assertThat(censored.high()).isEqualTo(1);
    }
}
