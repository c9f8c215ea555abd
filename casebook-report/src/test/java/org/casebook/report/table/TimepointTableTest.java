package org.casebook.report.table;

import java.util.List;

import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.casebook.stats.WilcoxonSignedRank;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Table 3 and 3b on the six-patient fixture against R 4.2.2. The per-patient values are those of
 * {@link SeriesFixtures}; the R session (options(digits = 15)):
 * <pre>
 * before &lt;- c(145, 160, 120, 215, 185, 250); onset &lt;- c(215, 240, 175, 290, 255, 310); after &lt;- c(190, 205, 150, 280, 230, 300)
 * pfb &lt;- c(280, 300, NA, 320, NA, 290); pfo &lt;- c(150, 180, 120, 210, 160, 140); pfa &lt;- c(260, 240, 200, 250, 300, 190)
 * fb &lt;- c(72, 80, 60, 68, 90, 75); fa &lt;- c(65, 82, NA, 55, 91, 66)
 * </pre>
 * Wilcoxon p-values come from coin 1.4-2's exact conditional test, Hodges–Lehmann intervals from
 * the Walsh averages, Friedman's exact p from a full enumeration in base R:
 * <pre>
 * cw &lt;- function(x, y) { ok &lt;- !is.na(x) &amp; !is.na(y); x &lt;- x[ok]; y &lt;- y[ok]; d &lt;- x - y; nz &lt;- d[d != 0]
 *   c(V = sum(rank(abs(nz))[nz &gt; 0]), p = pvalue(coin::wilcoxsign_test(x ~ y, distribution = "exact", zero.method = "Wilcoxon"))) }
 * walsh &lt;- function(d) { w &lt;- outer(d, d, "+") / 2; sort(w[lower.tri(w, diag = TRUE)]) }
 * hl &lt;- function(x, y, conf = 0.95) { ok &lt;- !is.na(x) &amp; !is.na(y); d &lt;- x[ok] - y[ok]; n &lt;- length(d); w &lt;- walsh(d)
 *   qu &lt;- qsignrank((1 - conf) / 2, n); if (qu == 0) qu &lt;- 1; ql &lt;- n * (n + 1) / 2 - qu
 *   c(est = median(w), lo = w[qu], hi = w[ql + 1], ach = 1 - 2 * psignrank(trunc(qu) - 1, n)) }
 * fr_exact: see FriedmanExactTest in casebook-analysis
 * </pre>
 */
class TimepointTableTest
{
    private static final StudyData DATA = SeriesFixtures.sixPatientData();
    private static final double TOLERANCE = 1e-9;

    @Test
    void ctRowShowsMeanSdPerTimepointAndFriedman()
    {
        // mean(before); sd(before) … : 179.1667 ± 47.67, 247.5 ± 49.27, 225.8333 ± 56.43
        // friedman.test(cbind(before, onset, after)): Friedman chi-squared = 12, p-value = 0.00247875217666636 (chi-squared)
        // fr_exact(cbind(before, onset, after)): p_exact = 0.0001286008230452675 (= 6/6^6, the smallest attainable)
        ReportTable table = TimepointTable.build(DATA);
        assertThat(table.rows()).startsWith(
                List.of("CT total", "Mean ± SD", "179.2 ± 47.7", "247.5 ± 49.3", "225.8 ± 56.4", "χ²(2) = 12.00, p < 0.001 (exact), n = 6"),
                List.of("CT total", "Median [min–max]", "172.5 [120.0–250.0]", "247.5 [175.0–310.0]", "217.5 [150.0–300.0]", ""),
                List.of("CT total", "n", "6", "6", "6", ""));
        ExploratoryTests.Friedman friedman = ExploratoryTests.friedman(DATA, "ct_total");
        assertThat(friedman.result().orElseThrow().statistic()).isCloseTo(12.0, within(TOLERANCE));
        assertThat(friedman.result().orElseThrow().pValue()).isCloseTo(0.0001286008230452675, within(TOLERANCE));
        assertThat(friedman.result().orElseThrow().exact()).isTrue();
    }

    @Test
    void friedmanNeedsFivePatientsWithEveryTimepointAndIsAbsentWhenAVariableMissesOne()
    {
        // only 4 patients have P/F at every time point: not tested (n < 5)
        ExploratoryTests.Friedman friedman = ExploratoryTests.friedman(DATA, "pf_ratio");
        assertThat(friedman.result()).isEmpty();
        assertThat(TimepointTable.build(DATA).findCell("Friedman test (exploratory)", "PaO2/FiO2 (mmHg)", "Mean ± SD"))
                .contains("not tested: n < 5 (4 patients with all time points)");
        assertThat(TimepointTable.build(DATA).findCell("Friedman test (exploratory)", "%FVC (%)", "Mean ± SD"))
                .contains("not measured at every time point");
    }

    @Test
    void ctPairwiseTestsAreExactConditionalOnTies()
    {
        // onset - before: 70 80 55 75 70 60; after - before: 45 45 30 65 45 50; after - onset: -25 -35 -25 -10 -25 -10 (all tied)
        // cw(onset, before); cw(after, before); cw(after, onset)  ->  V = 21, 21, 0; p = 0.03125 each
        //   (wilcox.test gave the normal approximation 0.0355, 0.0340, 0.0335 here)
        // p.adjust(c(0.03125, 0.03125, 0.03125), "holm")  ->  0.09375 0.09375 0.09375
        // hl(onset, before); hl(after, before); hl(after, onset)  ->  70 [55, 80], 45 [30, 65], -22.5 [-35, -10], ach 0.96875
        List<ExploratoryTests.Pairwise> pairs = ExploratoryTests.pairwise(DATA, "ct_total");
        assertThat(pairs).extracting(ExploratoryTests.Pairwise::from, ExploratoryTests.Pairwise::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("before", "onset"), org.assertj.core.groups.Tuple.tuple("before", "after"),
                        org.assertj.core.groups.Tuple.tuple("onset", "after"));
        assertWilcoxon(pairs.get(0), 21, 0.03125, WilcoxonSignedRank.Method.EXACT_CONDITIONAL);
        assertWilcoxon(pairs.get(1), 21, 0.03125, WilcoxonSignedRank.Method.EXACT_CONDITIONAL);
        assertWilcoxon(pairs.get(2), 0, 0.03125, WilcoxonSignedRank.Method.EXACT_CONDITIONAL);
        assertThat(pairs).allSatisfy(pair -> assertThat(pair.holmP().orElseThrow()).isCloseTo(0.09375, within(TOLERANCE)));
        assertHodgesLehmann(pairs.get(0), 70, 55, 80);
        assertHodgesLehmann(pairs.get(1), 45, 30, 65);
        assertHodgesLehmann(pairs.get(2), -22.5, -35, -10);
    }

    @Test
    void ctPairedTTestsMatchR()
    {
        // t.test(onset, before, paired = TRUE): mean difference 68.3333333333333, 95% CI 58.5636192093375 to 78.1030474573292, p = 9.77474823497923e-06
        // t.test(after, before, paired = TRUE): 46.6666666666667, 34.8556582187838 to 58.4776751145495, p = 1.58659633215045e-04
        // t.test(after, onset, paired = TRUE): -21.6666666666667, -31.9846347654467 to -11.3486985678866, p = 0.00294713779622632
        List<ExploratoryTests.Pairwise> pairs = ExploratoryTests.pairwise(DATA, "ct_total");
        assertTTest(pairs.get(0), 68.3333333333333, 58.5636192093375, 78.1030474573292, 9.77474823497923e-06);
        assertTTest(pairs.get(1), 46.6666666666667, 34.8556582187838, 58.4776751145495, 1.58659633215045e-04);
        assertTTest(pairs.get(2), -21.6666666666667, -31.9846347654467, -11.3486985678866, 0.00294713779622632);
    }

    @Test
    void pfPairwiseTestsUseOnlyCompletePairsAndNeedFive()
    {
        // ok <- !is.na(pfb): 4 pairs with the before value, not tested (n < 5)
        // cw(pfa, pfo)  ->  V = 21, p = 0.03125 (no ties: "exact", as wilcox.test(pfa, pfo, paired = TRUE, exact = TRUE))
        // hl(pfa, pfo)  ->  80 [40, 140]; Holm over the one tested comparison leaves 0.03125
        // t.test(pfa, pfo, paired = TRUE): 80, 39.6274048371898 to 120.372595162810, p = 0.0037902190061774
        List<ExploratoryTests.Pairwise> pairs = ExploratoryTests.pairwise(DATA, "pf_ratio");
        assertThat(pairs).extracting(ExploratoryTests.Pairwise::pairs).containsExactly(4, 4, 6);
        assertThat(pairs.get(0).wilcoxon()).isEmpty();
        assertThat(pairs.get(0).reason()).isEqualTo("not tested: n < 5 (4 pairs)");
        assertThat(pairs.get(1).wilcoxon()).isEmpty();
        assertWilcoxon(pairs.get(2), 21, 0.03125, WilcoxonSignedRank.Method.EXACT);
        assertThat(pairs.get(2).holmP()).contains(0.03125);
        assertHodgesLehmann(pairs.get(2), 80, 40, 140);
        assertTTest(pairs.get(2), 80, 39.6274048371898, 120.372595162810, 0.0037902190061774);
    }

    @Test
    void pairwiseTableRowsReadAsPrinted()
    {
        // cw(fa, fb): V = 3, p = 0.3125 (fa - fb = -7 2 -13 1 -9, no ties); hl(fa, fb): -5.5 [-13, 2], ach 0.9375 (5 pairs cannot reach 95%)
        // t.test(fa[ok], fb[ok], paired = TRUE): -5.2, -13.266038943817 to 2.866038943817, t = -1.78991381613594, p = 0.147965477738756
        // t.test(onset, before, paired = TRUE)$statistic: 17.9796893957941; t.test(pfa, pfo, paired = TRUE)$statistic: 5.09371631973611
        ReportTable table = TimepointTable.buildPairwise(DATA);
        assertThat(table.columns()).isEqualTo(TimepointTable.PAIRWISE_COLUMNS);
        assertThat(table.rows()).contains(
                List.of("CT total", "before → onset", "6", "Wilcoxon", "HL 70.0 (55.0 to 80.0)", "V = 21", "0.031", "0.094",
                        "exact conditional (ties)"),
                List.of("CT total", "before → onset", "6", "paired t (sensitivity)", "mean 68.3 (58.6 to 78.1)", "t(5) = 17.98", "<0.001", "–",
                        "unadjusted"),
                List.of("PaO2/FiO2 (mmHg)", "before → onset", "4", "Wilcoxon", "–", "–", "–", "–", "not tested: n < 5 (4 pairs)"),
                List.of("PaO2/FiO2 (mmHg)", "onset → after", "6", "Wilcoxon", "HL 80.0 (40.0 to 140.0)", "V = 21", "0.031", "0.031",
                        "exact"),
                List.of("PaO2/FiO2 (mmHg)", "onset → after", "6", "paired t (sensitivity)", "mean 80.0 (39.6 to 120.4)", "t(5) = 5.09", "0.004", "–",
                        "unadjusted"),
                List.of("%FVC (%)", "before → after", "5", "Wilcoxon", "HL -5.5 (-13.0 to 2.0; 93.8% CI)", "V = 3", "0.313",
                        "0.313", "exact"),
                List.of("%FVC (%)", "before → after", "5", "paired t (sensitivity)", "mean -5.2 (-13.3 to 2.9)", "t(4) = -1.79", "0.148", "–",
                        "unadjusted"));
    }

    @Test
    void fewerThanFivePairsGetNoPValueAndSayWhy()
    {
        var cases = SeriesFixtures.sixPatients();
        var twoPatients = new org.casebook.casedata.CaseWorkbook(cases.cases().subList(0, 2),
                cases.measurements().stream().filter(m -> List.of("p1", "p2").contains(m.patientId())).toList(),
                List.of(), cases.ichikadoReads().stream().filter(read -> List.of("p1", "p2").contains(read.scan().patientId())).toList(), List.of(), List.of());
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, twoPatients);
        ReportTable table = TimepointTable.buildPairwise(data);
        assertThat(table.findCell("Method", "CT total", "before → onset")).contains("not tested: n < 5 (2 pairs)");
        assertThat(table.findCell("p", "CT total", "before → onset")).contains(Formats.MISSING);
        assertThat(table.rows().stream().filter(row -> row.get(0).equals("CT total") && row.get(1).equals("before → onset"))).hasSize(1);
        assertThat(TimepointTable.build(data).findCell("Friedman test (exploratory)", "CT total", "Mean ± SD"))
                .contains("not tested: n < 5 (2 patients with all time points)");
    }

    private static void assertWilcoxon(ExploratoryTests.Pairwise pair, double v, double p, WilcoxonSignedRank.Method method)
    {
        WilcoxonSignedRank.Result result = pair.wilcoxon().orElseThrow();
        assertThat(result.statistic()).isEqualTo(v);
        assertThat(result.pValue()).isCloseTo(p, within(TOLERANCE));
        assertThat(result.method()).isEqualTo(method);
    }

    private static void assertHodgesLehmann(ExploratoryTests.Pairwise pair, double estimate, double low, double high)
    {
        var hl = pair.hodgesLehmann().orElseThrow();
        assertThat(hl.estimate()).isCloseTo(estimate, within(1e-9));
        assertThat(hl.ciLow()).isCloseTo(low, within(1e-9));
        assertThat(hl.ciHigh()).isCloseTo(high, within(1e-9));
    }

    private static void assertTTest(ExploratoryTests.Pairwise pair, double difference, double low, double high, double p)
    {
        var t = pair.tTest().orElseThrow();
        assertThat(t.meanDifference()).isCloseTo(difference, within(1e-9));
        assertThat(t.ciLow()).isCloseTo(low, within(1e-9));
        assertThat(t.ciHigh()).isCloseTo(high, within(1e-9));
        assertThat(t.pValue()).isCloseTo(p, within(1e-12));
    }
}
