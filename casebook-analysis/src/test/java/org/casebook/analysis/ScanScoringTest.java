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

    /** A read whose six zone scores add up to {@code sum} (600–3600): total = sum / 6. */
    private static IchikadoRead readSumming(String patient, String reader, int sum)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            int score = sum / 6 + (zone.ordinal() < sum % 6 ? 1 : 0);
            int lower = Math.min(5, score / 100);
            int upperShare = score - 100 * lower;
            java.util.Map<org.casebook.ctscore.IchikadoPattern, Integer> percents = new java.util.EnumMap<>(org.casebook.ctscore.IchikadoPattern.class);
            for (org.casebook.ctscore.IchikadoPattern pattern : org.casebook.ctscore.IchikadoPattern.values()) {
                percents.put(pattern, pattern.points() == lower ? 100 - upperShare : pattern.points() == lower + 1 ? upperShare : 0);
            }
            zones.add(new ZoneExtent(zone, percents));
        }
        return new IchikadoRead(new ScanRef(patient, "onset"), reader, zones);
    }

    @Test
    void theMeanCtTotalOfATimePointIsComputedFromTheExactScores()
    {
        // consensus 5842/12, 4102/12 and 5959/12 (the mean of 2979/6 and 2980/6): mean exactly 441.75; from
        // the decimals of the doubles it was 441.74999999999994, printed 441.7
        var cases = List.of(
                new CaseRecordBuilder("A", LocalDate.of(2024, 1, 1)).set("admission_date", LocalDate.of(2024, 1, 1)).build(),
                new CaseRecordBuilder("B", LocalDate.of(2024, 2, 1)).set("admission_date", LocalDate.of(2024, 2, 1)).build(),
                new CaseRecordBuilder("C", LocalDate.of(2024, 3, 1)).set("admission_date", LocalDate.of(2024, 3, 1)).build());
        List<IchikadoRead> reads = List.of(readSumming("A", "R1", 2921), readSumming("B", "R1", 2051),
                readSumming("C", "R1", 2979), readSumming("C", "R2", 2980));
        SeriesResults results = new CaseSeriesAnalysis(Protocols.builtIn(Protocols.SEED))
                .analyze(new CaseWorkbook(cases, List.of(), List.of(), reads, List.of(), List.of()));

        assertThat(results.findSummary("onset", "ct_total").orElseThrow().mean()).isEqualTo(441.75);
        assertThat(ResultsText.oneDecimal(results.findSummary("onset", "ct_total").orElseThrow().mean())).isEqualTo("441.8");
    }

    @Test
    void noAgreementWithASingleReader()
    {
        assertThat(analyze(List.of(read("A", "before", "R1", 10), read("B", "before", "R1", 20))).ctAgreement()).isEmpty();
    }
}
