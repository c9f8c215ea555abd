package org.casebook.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.casebook.stats.IccResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reader agreement per time point, pooled, Bland–Altman, with a third reader. References from
 * R 4.2.2 with irr 0.84.1's ICC(A,1) code in base R ({@code icc_a1} as in IntraclassCorrelationTest),
 * options(digits = 17):
 * <pre>
 * before &lt;- rbind(c(110, 120), c(130, 140), c(160, 150)); onset &lt;- rbind(c(150, 150), c(170, 170), c(120, 120))
 * icc_a1(before)                -&gt; 0.88000000000000000 -0.51142250784210919 0.99680529900703230
 * icc_a1(onset)                 -&gt; 1 NaN NaN
 * icc_a1(rbind(before, onset))  -&gt; 0.94623655913978533 0.69058967429259466 0.99222481864086065
 * d &lt;- rbind(before, onset); dd &lt;- d[, 1] - d[, 2]; mean(dd); mean(dd) + c(-1, 1) * 1.96 * sd(dd)
 *                               -&gt; -1.6666666666666667 -16.4210106597646543 13.0876773264313204
 * </pre>
 */
class AgreementDetailsTest
{
    private static IchikadoRead read(String patient, String timepoint, String reader, int ggo)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            zones.add(ZoneExtent.of(zone, 100 - ggo, ggo, 0, 0, 0, 0));
        }
        return new IchikadoRead(new ScanRef(patient, timepoint), reader, zones);
    }

    private static SeriesResults analyze(List<IchikadoRead> reads)
    {
        var cases = List.of(
                new CaseRecordBuilder("A", LocalDate.of(2024, 1, 1)).set("admission_date", LocalDate.of(2024, 1, 1)).build(),
                new CaseRecordBuilder("B", LocalDate.of(2024, 2, 1)).set("admission_date", LocalDate.of(2024, 2, 1)).build(),
                new CaseRecordBuilder("C", LocalDate.of(2024, 3, 1)).set("admission_date", LocalDate.of(2024, 3, 1)).build());
        return new CaseSeriesAnalysis(Protocols.builtIn(Protocols.SEED))
                .analyze(new CaseWorkbook(cases, List.of(), List.of(), reads, List.of(), List.of()));
    }

    private static List<IchikadoRead> twoReaders()
    {
        return new ArrayList<>(List.of(
                read("A", "before", "R1", 10), read("A", "before", "R2", 20),
                read("B", "before", "R1", 30), read("B", "before", "R2", 40),
                read("C", "before", "R1", 60), read("C", "before", "R2", 50),
                read("A", "onset", "R1", 50), read("A", "onset", "R2", 50),
                read("B", "onset", "R1", 70), read("B", "onset", "R2", 70),
                read("C", "onset", "R1", 20), read("C", "onset", "R2", 20)));
    }

    @Test
    void perTimepointAndPooledIccWithBlandAltman()
    {
        SeriesResults results = analyze(twoReaders());
        AgreementDetails details = results.statistics().agreement().orElseThrow();

        IccResult before = details.byTimepoint().get("before");
        assertThat(before.icc()).isCloseTo(0.88, within(1e-12));
        assertThat(before.ciLow()).isCloseTo(-0.51142250784210919, within(1e-9));
        assertThat(before.ciHigh()).isCloseTo(0.99680529900703230, within(1e-9));
        IccResult onset = details.byTimepoint().get("onset");
        assertThat(onset.icc()).isEqualTo(1);
        assertThat(onset.ciLow()).isNaN();
        assertThat(results.ctAgreement().orElseThrow().icc()).isCloseTo(0.94623655913978533, within(1e-12));
        assertThat(results.ctAgreement().orElseThrow().ciLow()).isCloseTo(0.69058967429259466, within(1e-9));
        var ba = details.blandAltman().orElseThrow();
        assertThat(ba.bias()).isCloseTo(-1.6666666666666667, within(1e-12));
        assertThat(ba.lowerLimit()).isCloseTo(-16.4210106597646543, within(1e-9));
        assertThat(ba.upperLimit()).isCloseTo(13.0876773264313204, within(1e-9));
        assertThat(details.readsUsed()).isEqualTo("Agreement between readers R1 and R2 on the 6 scans both read.");
    }

    @Test
    void perfectAgreementIsPrintedInWordsNotNaN()
    {
        String text = ResultsText.render(Protocols.builtIn(Protocols.SEED), analyze(twoReaders()),
                new CaseSeriesAnalysis(Protocols.builtIn(Protocols.SEED)).variableOrder());

        assertThat(text).doesNotContain("NaN");
        assertThat(text).containsPattern("ct_agreement_onset\\s+ICC\\(2,1\\) 1\\.000 \\(perfect agreement; no confidence interval\\), 3 scans");
        assertThat(text).containsPattern("ct_agreement_before\\s+ICC\\(2,1\\) 0\\.880 \\(95% CI -0\\.511–0\\.997\\), 3 scans");
    }

    @Test
    void aThirdReaderOfOneScanDoesNotShrinkTheAgreementAndIsNamed()
    {
        List<IchikadoRead> reads = twoReaders();
        reads.add(read("A", "onset", "R3", 90));

        SeriesResults results = analyze(reads);
        AgreementDetails details = results.statistics().agreement().orElseThrow();

        // before this change the agreement used only the scans read by R1, R2 and R3: one scan, so no ICC at all
        assertThat(results.ctAgreement().orElseThrow().scans()).isEqualTo(6);
        assertThat(results.ctAgreement().orElseThrow().readers()).isEqualTo(2);
        assertThat(details.readersUsed()).containsExactly("R1", "R2");
        assertThat(details.readersNotUsed()).containsEntry("R3", 1);
        assertThat(details.readsUsed()).isEqualTo(
                "Agreement between readers R1 and R2 on the 6 scans both read; not used: R3 (1 read), a further reader or adjudication.");
    }

    @Test
    void pooledAgreementTextReadsInWordsAtPerfectAgreement()
    {
        assertThat(new CtAgreement(1, Double.NaN, Double.NaN, 6, 2).text()).isEqualTo("ICC(2,1) 1.000 (perfect agreement; no confidence interval)");
        assertThat(new CtAgreement(0.94623655913978533, 0.69058967429259466, 0.99222481864086065, 6, 2).text())
                .isEqualTo("ICC(2,1) 0.946 (95% CI 0.691–0.992)");
    }

    @Test
    void everyRatingEqualIsNotEstimableInWords()
    {
        assertThat(ResultsText.icc(Double.NaN, Double.NaN, Double.NaN)).isEqualTo("ICC(2,1) not estimable (every rating equal)");
    }
}
