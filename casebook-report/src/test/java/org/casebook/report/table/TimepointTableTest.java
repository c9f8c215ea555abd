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
 */
class TimepointTableTest
{
    private static final StudyData DATA = SeriesFixtures.sixPatientData();
    private static final double TOLERANCE = 1e-9;

    @Test
    void ctRowShowsMeanSdPerTimepointAndFriedman()
    {
        // mean(before); sd(before) … : 179.1667 ± 47.67, 247.5 ± 49.27, 225.8333 ± 56.43
        // friedman.test(cbind(before, onset, after)): Friedman chi-squared = 12, p-value = 0.00247875217666636
        ReportTable table = TimepointTable.build(DATA);
        assertThat(table.rows()).startsWith(
                List.of("CT total", "Mean ± SD", "179.2 ± 47.7", "247.5 ± 49.3", "225.8 ± 56.4", "χ²(2) = 12.00, p = 0.002, n = 6"),
                List.of("CT total", "Median [min–max]", "172.5 [120.0–250.0]", "247.5 [175.0–310.0]", "217.5 [150.0–300.0]", ""),
                List.of("CT total", "n", "6", "6", "6", ""));
        ExploratoryTests.Friedman friedman = ExploratoryTests.friedman(DATA, "ct_total");
        assertThat(friedman.result().orElseThrow().statistic()).isCloseTo(12.0, within(TOLERANCE));
        assertThat(friedman.result().orElseThrow().pValue()).isCloseTo(0.00247875217666636, within(TOLERANCE));
    }

    @Test
    void friedmanUsesPatientsWithEveryTimepointAndIsAbsentWhenAVariableMissesOne()
    {
        // friedman.test(cbind(pfb, pfo, pfa)[!is.na(pfb), ]): Friedman chi-squared = 8, p-value = 0.0183156388887342
        ExploratoryTests.Friedman friedman = ExploratoryTests.friedman(DATA, "pf_ratio");
        assertThat(friedman.result().orElseThrow().blocks()).isEqualTo(4);
        assertThat(friedman.result().orElseThrow().pValue()).isCloseTo(0.0183156388887342, within(TOLERANCE));
        assertThat(TimepointTable.build(DATA).findCell("Friedman test (exploratory)", "%FVC (%)", "Mean ± SD"))
                .contains("not measured at every time point");
    }

    @Test
    void ctPairwiseTestsMatchRWithTiesUsingTheNormalApproximation()
    {
        // w1 <- wilcox.test(onset, before, paired = TRUE, exact = TRUE)  V = 21, p = 0.0355223366234146
        //   (method: "Wilcoxon signed rank test with continuity correction": the differences are tied)
        // w2 <- wilcox.test(after, before, paired = TRUE, exact = TRUE)  V = 21, p = 0.0340064028643870
        // w3 <- wilcox.test(after, onset, paired = TRUE, exact = TRUE)   V = 0,  p = 0.0335052567908282
        // p.adjust(c(w1$p.value, w2$p.value, w3$p.value), "holm"): 0.100515770372485 (all three)
        List<ExploratoryTests.Pairwise> pairs = ExploratoryTests.pairwise(DATA, "ct_total");
        assertThat(pairs).extracting(ExploratoryTests.Pairwise::from, ExploratoryTests.Pairwise::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("before", "onset"), org.assertj.core.groups.Tuple.tuple("before", "after"),
                        org.assertj.core.groups.Tuple.tuple("onset", "after"));
        assertWilcoxon(pairs.get(0), 21, 0.0355223366234146, WilcoxonSignedRank.Method.NORMAL_APPROXIMATION_CONTINUITY_CORRECTED);
        assertWilcoxon(pairs.get(1), 21, 0.0340064028643870, WilcoxonSignedRank.Method.NORMAL_APPROXIMATION_CONTINUITY_CORRECTED);
        assertWilcoxon(pairs.get(2), 0, 0.0335052567908282, WilcoxonSignedRank.Method.NORMAL_APPROXIMATION_CONTINUITY_CORRECTED);
        assertThat(pairs).allSatisfy(pair -> assertThat(pair.holmP().orElseThrow()).isCloseTo(0.100515770372485, within(TOLERANCE)));
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
    void pfPairwiseTestsAreExactWithoutTiesAndUseOnlyCompletePairs()
    {
        // ok <- !is.na(pfb)
        // wilcox.test(pfo[ok], pfb[ok], paired = TRUE, exact = TRUE): V = 0, p = 0.125 ("Wilcoxon signed rank exact test")
        // wilcox.test(pfa[ok], pfb[ok], paired = TRUE, exact = TRUE): V = 0, p = 0.125
        // wilcox.test(pfa, pfo, paired = TRUE, exact = TRUE):          V = 21, p = 0.03125
        // p.adjust(c(0.125, 0.125, 0.03125), "holm"): 0.25 0.25 0.09375
        // t.test(pfo[ok], pfb[ok], paired = TRUE): -127.5, -154.675308837960 to -100.324691162040, p = 6.51946077244782e-04
        // t.test(pfa, pfo, paired = TRUE): 80, 39.6274048371898 to 120.372595162810, p = 0.0037902190061774
        List<ExploratoryTests.Pairwise> pairs = ExploratoryTests.pairwise(DATA, "pf_ratio");
        assertThat(pairs).extracting(ExploratoryTests.Pairwise::pairs).containsExactly(4, 4, 6);
        assertWilcoxon(pairs.get(0), 0, 0.125, WilcoxonSignedRank.Method.EXACT);
        assertWilcoxon(pairs.get(1), 0, 0.125, WilcoxonSignedRank.Method.EXACT);
        assertWilcoxon(pairs.get(2), 21, 0.03125, WilcoxonSignedRank.Method.EXACT);
        assertThat(pairs).extracting(pair -> pair.holmP().orElseThrow()).containsExactly(0.25, 0.25, 0.09375);
        assertTTest(pairs.get(0), -127.5, -154.675308837960, -100.324691162040, 6.51946077244782e-04);
        assertTTest(pairs.get(2), 80, 39.6274048371898, 120.372595162810, 0.0037902190061774);
    }

    @Test
    void pairwiseTableRowsReadAsPrinted()
    {
        // wilcox.test(fa[ok], fb[ok], paired = TRUE, exact = TRUE): V = 3, p = 0.3125
        // t.test(fa[ok], fb[ok], paired = TRUE): -5.2, -13.266038943817 to 2.866038943817, p = 0.147965477738756
        ReportTable table = TimepointTable.buildPairwise(DATA);
        assertThat(table.rows()).contains(
                List.of("CT total", "before → onset", "6", "21", "0.036", "normal approx., continuity corr. (ties)", "0.101", "68.3 (58.6 to 78.1)", "<0.001"),
                List.of("PaO2/FiO2 (mmHg)", "onset → after", "6", "21", "0.031", "exact", "0.094", "80.0 (39.6 to 120.4)", "0.004"),
                List.of("%FVC (%)", "before → after", "5", "3", "0.313", "exact", "0.313", "-5.2 (-13.3 to 2.9)", "0.148"));
    }

    @Test
    void fewerThanThreePairsGetNoPValueAndSayWhy()
    {
        var cases = SeriesFixtures.sixPatients();
        var twoPatients = new org.casebook.casedata.CaseWorkbook(cases.cases().subList(0, 2),
                cases.measurements().stream().filter(m -> List.of("p1", "p2").contains(m.patientId())).toList(),
                List.of(), cases.ichikadoReads().stream().filter(read -> List.of("p1", "p2").contains(read.scan().patientId())).toList(), List.of(), List.of());
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, twoPatients);
        ReportTable table = TimepointTable.buildPairwise(data);
        assertThat(table.findCell("Method", "CT total", "before → onset")).contains("not tested: 2 pairs (< 3)");
        assertThat(table.findCell("Wilcoxon p", "CT total", "before → onset")).contains(Formats.MISSING);
        assertThat(table.findCell("Paired t-test p", "CT total", "before → onset")).contains(Formats.MISSING);
        assertThat(TimepointTable.build(data).findCell("Friedman test (exploratory)", "CT total", "Mean ± SD"))
                .contains("not tested: 2 patient(s) with all time points (< 3)");
    }

    private static void assertWilcoxon(ExploratoryTests.Pairwise pair, double v, double p, WilcoxonSignedRank.Method method)
    {
        WilcoxonSignedRank.Result result = pair.wilcoxon().orElseThrow();
        assertThat(result.statistic()).isEqualTo(v);
        assertThat(result.pValue()).isCloseTo(p, within(TOLERANCE));
        assertThat(result.method()).isEqualTo(method);
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
