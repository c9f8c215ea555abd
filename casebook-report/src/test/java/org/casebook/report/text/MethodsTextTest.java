package org.casebook.report.text;

import java.util.List;

import org.casebook.report.SeriesFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MethodsTextTest
{
    private static final List<String> TEXT = MethodsText.paragraphs(SeriesFixtures.sixPatientData());

    @Test
    void methodsNameDesignNScoreTimepointsReadersAndTests()
    {
        assertThat(TEXT.get(0)).startsWith("Methods. Retrospective case series of consecutive patients, data from medical records: 6 patients")
                .contains("between 2024-01-01 and 2024-12-31", "Ichikado score (100–600) at 3 time points", "before exacerbation, days -365 to -1",
                        "by 2 readers", "inter-reader ICC(2,1)", "Friedman test", "exploratory");
    }

    @Test
    void methodsNameThePreSpecifiedApproachAndTheReadsUsed()
    {
        assertThat(TEXT.get(0)).contains(
                "Pre-specified analysis: time points were compared within patients by the Wilcoxon signed-rank test (exact, conditional on ties",
                "Hodges–Lehmann median difference and its exact 95% CI",
                "no test was run with fewer than 5 pairs",
                "Paired t-tests with the mean difference and its 95% CI are a sensitivity analysis",
                "Kaplan–Meier from day 0 with a log-log 95% CI", "reverse Kaplan–Meier",
                "exact (Clopper–Pearson) 95% CI",
                "scans pooled over time points; per time point before ",
                "Agreement between readers A and B on the 18 scans both read", "Bland–Altman bias -10.0");
        assertThat(TEXT.get(0)).doesNotContain("NaN");
    }

    /**
     * Intervals from R 4.2.2: {@code binom.test(3, 6)$conf.int} 0.118–0.882, {@code binom.test(4, 5)$conf.int} 0.284–0.995;
     * the fixture's follow-up from day 0 (death of p3 on day 45, the others censored):
     * {@code t <- c(120, 180, 45, 60, 180, 95); s <- c(0, 0, 1, 0, 0, 0);
     * summary(survfit(Surv(t, s) ~ 1, conf.type = "log-log"), times = 90)} → 0.8333, 0.2731–0.9747;
     * {@code quantile(survfit(Surv(t, 1 - s) ~ 1), 0.5)$quantile} → 120.
     */
    @Test
    void resultsGiveAgentsPulseCtFiguresAndCounts()
    {
        assertThat(TEXT.get(1)).contains(
                "JAK inhibitor: baricitinib in 2, upadacitinib in 4 patients",
                "Methylprednisolone pulse therapy: 3/6 (95% CI 12–88%)",
                "PaO2/FiO2 rose from onset to after treatment: 6/6",
                "The total CT score was 179.2 ± 47.7 (before exacerbation) → 247.5 ± 49.3 (at onset) → 225.8 ± 56.4 (after treatment)",
                "The CT fibrotic component was 33.3 ± 39.8 (before exacerbation)",
                "%FVC fell from before the exacerbation to after treatment: 3/5",
                "Discharged on home oxygen: 3/6 (95% CI 12–88%)",
                "Prior JAK inhibitor stopped for an adverse event before onset: 4/5 (95% CI 28–99%), 1 not recorded, a median of 8 days (range 5–12)",
                "Survival: Kaplan–Meier 83% (95% CI 27–97%, log-log) at day 90, 6 patients, 1 death; median follow-up 120 days (reverse Kaplan–Meier)",
                "2 adverse events were recorded in 2 patients, 1 serious");
        // P03 has no %FVC after treatment, P04 no prior JAK inhibitor recorded: the denominators say so
        assertThat(TEXT.get(1)).containsPattern("after treatment: 3/5 \\(95% CI [0-9]+–[0-9]+%\\), 1 not recorded\\. ");
        // a denominator with every patient says nothing more
        assertThat(TEXT.get(1)).doesNotContain("3/6 (95% CI 12–88%), 0").contains("Discharged on home oxygen: 3/6 (95% CI 12–88%).");
        // the outcomes are named by their labels, never by their names
        assertThat(TEXT.get(1)).doesNotContain("pf_increased", "fvc_declined", "home_oxygen");
    }

    @Test
    void dayZeroSaysHowManyPatientsWereTimedFromTheFallback()
    {
        assertThat(TEXT.get(0)).contains("Day 0 was the exacerbation onset. ");
    }
}
