package org.casebook.report.table;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.analysis.PatientResult;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.casebook.report.StudyData;
import org.casebook.stats.WilcoxonSignedRank;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * CT scores whose ties and zero difference the old double arithmetic split: seven patients, two
 * readers each at onset and after, each read given by the sum of its six zone scores (the read's
 * total is that sum / 6, the consensus the two reads' sum / 12). The consensus differences after −
 * onset, in twelfths of a point, are 1868, −1868, 0, 500, 500, 1000, 250; the old arithmetic,
 * (R1/6 + R2/6)/2 in doubles, gave 155.66666666666669, −155.66666666666663, −5.7e-14, 41.666666666666686,
 * 41.666666666666657, 83.33, 20.83: no tie and no zero. R 4.2.2, coin 1.4-2, exactRankTests 0.8-35,
 * options(digits = 17):
 * <pre>
 * d12 &lt;- c(1868, -1868, 0, 500, 500, 1000, 250)   # exact differences in twelfths
 * nz &lt;- d12[d12 != 0]; sum(rank(abs(nz))[nz &gt; 0])                                   # V = 15.5
 * pvalue(wilcoxsign_test(d12 ~ rep(0, 7), distribution = "exact", zero.method = "Wilcoxon"))   # 0.34375
 * exactRankTests::wilcox.exact(d12, mu = 0)$p.value                                    # 0.34375
 * walsh &lt;- function(d) { w &lt;- outer(d, d, "+") / 2; sort(w[lower.tri(w, diag = TRUE)]) }
 * hl &lt;- function(d, conf = 0.95) { n &lt;- length(d); w &lt;- walsh(d)
 *   qu &lt;- qsignrank((1 - conf) / 2, n); if (qu == 0) qu &lt;- 1; ql &lt;- n * (n + 1) / 2 - qu
 *   c(est = median(w), lo = w[qu], hi = w[ql + 1], ach = 1 - 2 * psignrank(trunc(qu) - 1, n)) }
 * hl(d12) / c(12, 12, 12, 1)   # 36.458333333333336 -67.416666666666671 98.666666666666671 0.953125
 * # the old arithmetic:
 * on &lt;- rbind(c(2316,1190), c(2939,2933), c(2794,985), c(2338,842), c(803,1505), c(1200,1300), c(2000,2100))
 * af &lt;- rbind(c(2814,2560), c(1022,2982), c(2097,1682), c(2916,764), c(790,2018), c(1700,1800), c(2100,2250))
 * wilcox.test((af[,1]/6 + af[,2]/6)/2, (on[,1]/6 + on[,2]/6)/2, paired = TRUE)   # V = 21, p = 0.29687500000000006 ("exact", no ties seen)
 * </pre>
 */
class CtScoreTiesTest
{
    private static final int[][] ONSET_SUMS = {{2316, 1190}, {2939, 2933}, {2794, 985}, {2338, 842}, {803, 1505}, {1200, 1300}, {2000, 2100}};
    private static final int[][] AFTER_SUMS = {{2814, 2560}, {1022, 2982}, {2097, 1682}, {2916, 764}, {790, 2018}, {1700, 1800}, {2100, 2250}};
    private static final double TOLERANCE = 1e-12;

    private static final StudyData DATA = StudyData.analyze(Protocols.builtIn(Protocols.SEED), workbook());

    private static CaseWorkbook workbook()
    {
        List<CaseRecord> cases = new ArrayList<>();
        List<IchikadoRead> reads = new ArrayList<>();
        for (int i = 0; i < ONSET_SUMS.length; i++) {
            String id = "p" + (i + 1);
            LocalDate onset = LocalDate.of(2024, 3, 1).plusDays(10L * i);
            cases.add(new CaseRecordBuilder(id, onset).set("admission_date", onset).build());
            for (int r = 0; r < 2; r++) {
                reads.add(new IchikadoRead(new ScanRef(id, "onset"), "R" + (r + 1), zonesSumming(ONSET_SUMS[i][r])));
                reads.add(new IchikadoRead(new ScanRef(id, "after"), "R" + (r + 1), zonesSumming(AFTER_SUMS[i][r])));
            }
        }
        return new CaseWorkbook(cases, List.of(), List.of(), reads, List.of(), List.of());
    }

    /** Six zones whose scores add up to {@code sum} (600–3600), each zone between two neighbouring patterns. */
    private static List<ZoneExtent> zonesSumming(int sum)
    {
        IchikadoPattern[] patterns = IchikadoPattern.values();
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            int score = sum / 6 + (zone.ordinal() < sum % 6 ? 1 : 0);
            int lower = Math.min(5, score / 100);
            int upperShare = score - 100 * lower;
            java.util.Map<IchikadoPattern, Integer> percents = new java.util.EnumMap<>(IchikadoPattern.class);
            for (IchikadoPattern pattern : patterns) {
                percents.put(pattern, pattern.points() == lower ? 100 - upperShare : pattern.points() == lower + 1 ? upperShare : 0);
            }
            zones.add(new ZoneExtent(zone, percents));
        }
        return zones;
    }

    private static double oldConsensus(int[] sums)
    {
        return (sums[0] / 6.0 + sums[1] / 6.0) / 2;
    }

    @Test
    void theOldDoublesSplitTiesAndAZeroThatTheExactScoresKeep()
    {
        double[] old = new double[ONSET_SUMS.length];
        for (int i = 0; i < old.length; i++) {
            old[i] = oldConsensus(AFTER_SUMS[i]) - oldConsensus(ONSET_SUMS[i]);
        }
        assertThat(Math.abs(old[0])).isNotEqualTo(Math.abs(old[1]));
        assertThat(old[2]).isNotZero();
        assertThat(old[3]).isNotEqualTo(old[4]);

        List<Fraction> exact = DATA.results().patients().stream()
                .map(patient -> score(patient, "after").subtract(score(patient, "onset")))
                .toList();
        assertThat(exact).containsExactly(Fraction.of(1868, 12), Fraction.of(-1868, 12), Fraction.ZERO, Fraction.of(500, 12),
                Fraction.of(500, 12), Fraction.of(1000, 12), Fraction.of(250, 12));
        // equal exact consensus scores are equal doubles too: p3's zero is a zero in the results' values
        PatientResult p3 = DATA.results().patients().get(2);
        assertThat(p3.values().get("after").get("ct_total")).isEqualTo(p3.values().get("onset").get("ct_total"));
    }

    @Test
    void theOldArithmeticGaveTheUntiedExactTest()
    {
        double[] after = java.util.Arrays.stream(AFTER_SUMS).mapToDouble(CtScoreTiesTest::oldConsensus).toArray();
        double[] onset = java.util.Arrays.stream(ONSET_SUMS).mapToDouble(CtScoreTiesTest::oldConsensus).toArray();

        WilcoxonSignedRank.Result old = WilcoxonSignedRank.test(after, onset);

        assertThat(old.method()).isEqualTo(WilcoxonSignedRank.Method.EXACT);
        assertThat(old.statistic()).isEqualTo(21);
        assertThat(old.pValue()).isCloseTo(0.29687500000000006, within(TOLERANCE));
    }

    @Test
    void theTestOfTable3IsTheExactConditionalTestOfTheExactScores()
    {
        ExploratoryTests.Pairwise pair = ExploratoryTests.pairwise(DATA, "ct_total").stream()
                .filter(candidate -> candidate.from().equals("onset") && candidate.to().equals("after"))
                .findFirst().orElseThrow();

        WilcoxonSignedRank.Result wilcoxon = pair.wilcoxon().orElseThrow();
        assertThat(wilcoxon.method()).isEqualTo(WilcoxonSignedRank.Method.EXACT_CONDITIONAL);
        assertThat(wilcoxon.zeros()).isEqualTo(1);
        assertThat(wilcoxon.n()).isEqualTo(6);
        assertThat(wilcoxon.hasTies()).isTrue();
        assertThat(wilcoxon.statistic()).isEqualTo(15.5);
        assertThat(wilcoxon.pValue()).isCloseTo(0.34375, within(TOLERANCE));
        var hodgesLehmann = pair.hodgesLehmann().orElseThrow();
        assertThat(hodgesLehmann.estimate()).isCloseTo(36.458333333333336, within(1e-9));
        assertThat(hodgesLehmann.ciLow()).isCloseTo(-67.416666666666671, within(1e-9));
        assertThat(hodgesLehmann.ciHigh()).isCloseTo(98.666666666666671, within(1e-9));
        assertThat(hodgesLehmann.achievedConfidence()).isCloseTo(0.953125, within(TOLERANCE));
    }

    private static Fraction score(PatientResult patient, String timepoint)
    {
        return patient.findScore(timepoint, "ct_total").orElseThrow();
    }
}
