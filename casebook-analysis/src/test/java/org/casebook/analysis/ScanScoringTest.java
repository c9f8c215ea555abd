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
import org.casebook.stats.IntraclassCorrelation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScanScoringTest
{
    /** A read with every zone {normal, ggo} = {100 − ggo, ggo}: total = 100 + ggo. */
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
                new CaseRecordBuilder("B", LocalDate.of(2024, 2, 1)).set("admission_date", LocalDate.of(2024, 2, 1)).build());
        return new CaseSeriesAnalysis(Protocols.builtIn(Protocols.SEED))
                .analyze(new CaseWorkbook(cases, List.of(), List.of(), reads, List.of(), List.of()));
    }

    @Test
    void scanScoreIsTheMeanOfItsReadersAndFeedsThePatientValues()
    {
        SeriesResults results = analyze(List.of(read("A", "onset", "R1", 40), read("A", "onset", "R2", 60)));
        assertThat(results.patients().get(0).values().get("onset").get("ct_total")).isEqualTo(150.0);
        assertThat(results.findSummary("onset", "ct_total").orElseThrow().n()).isEqualTo(1);
        assertThat(results.findSummary("before", "ct_total")).isEmpty();
        assertThat(results.ctComposition().get("onset")).containsEntry("ggo", 50.0).containsEntry("normal", 50.0);
        assertThat(ResultsJson.write(results)).as("scans written field by field as their trees print")
                .isEqualTo(EventAndFallbackOutcomesTest.printed(ResultsJson.toTree(results)));
    }

    @Test
    void agreementUsesOnlyScansReadByEveryReader()
    {
        SeriesResults results = analyze(List.of(
                read("A", "before", "R1", 10), read("A", "before", "R2", 20),
                read("A", "onset", "R1", 50), read("A", "onset", "R2", 40),
                read("B", "before", "R1", 30), read("B", "before", "R2", 40),
                read("B", "onset", "R1", 70)));
        CtAgreement agreement = results.ctAgreement().orElseThrow();
        assertThat(agreement.scans()).isEqualTo(3);
        assertThat(agreement.readers()).isEqualTo(2);
        double expected = IntraclassCorrelation.compute(new double[][] {{110, 120}, {150, 140}, {130, 140}}).icc();
        assertThat(agreement.icc()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void noAgreementWithASingleReader()
    {
        assertThat(analyze(List.of(read("A", "before", "R1", 10), read("B", "before", "R1", 20))).ctAgreement()).isEmpty();
    }

    @Test
    void ichikadoSumsGiveTheReadsOwnScoresAndTheExactConsensus()
    {
        java.util.Random random = new java.util.Random(12);
        ScanScoring.IchikadoSums sums = new ScanScoring.IchikadoSums();
        for (int scan = 0; scan < 300; scan++) {
            List<IchikadoRead> reads = new ArrayList<>();
            for (int reader = 1; reader <= 1 + scan % 3; reader++) {
                reads.add(randomRead(random, "R" + reader));
            }
            for (IchikadoRead read : reads) {
                assertThat(sums.score(List.of(read))).isEqualTo(read.score());
            }
            assertThat(sums.score(reads)).isEqualTo(ScanScoring.exactConsensus(reads).orElseThrow());
        }
    }

    /** Six zones of random shares in steps of 10 adding up to 100, some repeated between reads. */
    private static IchikadoRead randomRead(java.util.Random random, String reader)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            int[] shares = new int[6];
            for (int left = 10; left > 0; left--) {
                shares[random.nextInt(random.nextBoolean() ? 2 : 6)]++;
            }
            zones.add(ZoneExtent.of(zone, shares[0] * 10, shares[1] * 10, shares[2] * 10, shares[3] * 10, shares[4] * 10, shares[5] * 10));
        }
        return new IchikadoRead(new ScanRef("A", "onset"), reader, zones);
    }
}
