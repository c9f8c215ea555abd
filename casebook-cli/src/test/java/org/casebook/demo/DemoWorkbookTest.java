package org.casebook.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.ctscore.CtScore;
import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks the bundled synthetic demo workbook against the published study it reproduces
 * (shared/domain.md §0) directly from the CSVs, without the workbook importer or the analysis
 * module: CT means ± SDs as printed, reader agreement, oxygenation, lung function, treatment,
 * outcome and safety counts.
 */
class DemoWorkbookTest
{
    private static final String ROOT = "/org/casebook/demo/";
    private static final List<String> PATIENTS = List.of("P01", "P02", "P03", "P04", "P05", "P06");
    private static final List<String> TIMEPOINTS = List.of("before", "onset", "after");
    private static final List<String> PATTERNS = List.of("normal", "ggo", "consolidation", "ggo_traction", "consolidation_traction", "honeycombing");

    private static final List<CSVRecord> CASES = read("cases.csv");
    private static final List<CSVRecord> MEASUREMENTS = read("measurements.csv");
    private static final List<CSVRecord> CT_STUDIES = read("ct_studies.csv");
    private static final List<CSVRecord> CT_READS = read("ct_reads.csv");
    private static final List<CSVRecord> ADVERSE_EVENTS = read("adverse_events.csv");

    @Nested
    class CtScores
    {
        @Test
        void totalsReproduceThePublishedMeansAndSds()
        {
            assertThat(summaryOfTotals("before")).isEqualTo("175.3 ± 50.3");
            assertThat(summaryOfTotals("onset")).isEqualTo("247.2 ± 53.6");
            assertThat(summaryOfTotals("after")).isEqualTo("220.1 ± 58.6");
        }

        @Test
        void fibroticComponentFallsMostFromOnsetToAfter()
        {
            double fibroticDrop = meanComponentDrop("ct_fibrotic");
            double nonFibroticDrop = meanComponentDrop("ct_nonfibrotic");
            double normalDrop = meanComponentDrop("ct_normal");
            assertThat(fibroticDrop).isGreaterThan(nonFibroticDrop).isGreaterThan(normalDrop);
            assertThat(nonFibroticDrop).isPositive();
            assertThat(fibroticDrop + nonFibroticDrop + normalDrop)
                    .isCloseTo(meanOf("onset", score -> score.total()) - meanOf("after", score -> score.total()), within(1e-9));
        }

        @Test
        void everyPatientWorsensAtOnsetAndPartlyRecovers()
        {
            for (String patient : PATIENTS) {
                double before = scanScore(patient, "before").total();
                double onset = scanScore(patient, "onset").total();
                double after = scanScore(patient, "after").total();
                assertThat(onset).as(patient).isGreaterThan(before);
                assertThat(after).as(patient).isLessThan(onset).isGreaterThan(before);
            }
        }

        @Test
        void readsCoverEveryPatientTimepointReaderAndZone()
        {
            assertThat(CT_READS).hasSize(6 * 3 * 2 * 6);
            for (String patient : PATIENTS) {
                for (String timepoint : TIMEPOINTS) {
                    for (String reader : List.of("R1", "R2")) {
                        assertThat(read(patient, timepoint, reader).zones()).hasSize(6);
                    }
                }
            }
        }

        @Test
        void percentsComeInStepsOfTenAndAddUpToAHundred()
        {
            for (CSVRecord row : CT_READS) {
                int sum = 0;
                for (String pattern : PATTERNS) {
                    int percent = Integer.parseInt(row.get(pattern));
                    assertThat(percent % 10).as("%s at line %d", pattern, row.getRecordNumber()).isZero();
                    sum += percent;
                }
                assertThat(sum).as("line %d", row.getRecordNumber()).isEqualTo(100);
            }
        }

        @Test
        void normalLungDominatesAtBaselineWithLowerZoneFibrosis()
        {
            List<CSVRecord> before = CT_READS.stream().filter(row -> row.get("timepoint").equals("before")).toList();
            long mostlyNormal = before.stream().filter(row -> Integer.parseInt(row.get("normal")) >= 50).count();
            assertThat(mostlyNormal).isGreaterThan(before.size() * 3L / 4);
            assertThat(before).allSatisfy(row -> {
                assertThat(row.get("consolidation")).isEqualTo("0");
                assertThat(row.get("consolidation_traction")).isEqualTo("0");
            });
            assertThat(fibroticPercent(before, "RL") + fibroticPercent(before, "LL"))
                    .isGreaterThan(fibroticPercent(before, "RU") + fibroticPercent(before, "LU"));
        }

        @Test
        void everyReadShowsLessNormalLungAtOnset()
        {
            for (String patient : PATIENTS) {
                for (String reader : List.of("R1", "R2")) {
                    double before = read(patient, "before", reader).meanPercents().get(IchikadoPattern.NORMAL);
                    double onset = read(patient, "onset", reader).meanPercents().get(IchikadoPattern.NORMAL);
                    assertThat(onset).as("%s %s normal lung at onset", patient, reader).isLessThan(before);
                }
            }
        }
    }

    @Nested
    class Readers
    {
        @Test
        void readersDifferByFiveToTwentyPointsOnMostScans()
        {
            int withinRange = 0;
            for (String patient : PATIENTS) {
                for (String timepoint : TIMEPOINTS) {
                    double difference = Math.abs(read(patient, timepoint, "R1").score().total() - read(patient, timepoint, "R2").score().total());
                    if (difference >= 5 && difference <= 20 + 1e-9) {
                        withinRange++;
                    }
                    // below the protocol's adjudication threshold of 30
                    assertThat(difference).as("%s %s", patient, timepoint).isGreaterThan(0).isLessThan(30);
                }
            }
            assertThat(withinRange).isGreaterThanOrEqualTo(14);
        }

        @Test
        void readersNeverAgreeZoneByZoneOnAWholeScan()
        {
            for (String patient : PATIENTS) {
                for (String timepoint : TIMEPOINTS) {
                    assertThat(read(patient, timepoint, "R1").zones()).as("%s %s", patient, timepoint)
                            .isNotEqualTo(read(patient, timepoint, "R2").zones());
                }
            }
        }

        @Test
        void iccOfScanTotalsIsGoodButNotPerfect()
        {
            double[][] totals = new double[18][2];
            int row = 0;
            for (String patient : PATIENTS) {
                for (String timepoint : TIMEPOINTS) {
                    totals[row][0] = read(patient, timepoint, "R1").score().total();
                    totals[row][1] = read(patient, timepoint, "R2").score().total();
                    row++;
                }
            }
            assertThat(icc21(totals)).isBetween(0.80, 0.95);
        }

        @Test
        void iccMatchesAHandComputedExample()
        {
            // Shrout & Fleiss (1979) table 2, judges 1 and 2: MSR 4.683, MSC 80.083, MSE 0.683,
            // ICC(2,1) = 4 / (5.367 + 2 × 79.4 / 6) = 0.12565 (a large systematic reader bias)
            double[][] ratings = {{9, 2}, {6, 1}, {8, 4}, {7, 1}, {10, 5}, {6, 2}};
            assertThat(icc21(ratings)).isCloseTo(0.1256544503, within(1e-9));
            assertThat(icc21(new double[][] {{1, 1}, {2, 2}, {3, 3}})).isCloseTo(1.0, within(1e-12));
        }
    }

    @Nested
    class Oxygenation
    {
        @Test
        void pfRatioRisesFromOnsetToAfterInAllSix()
        {
            for (String patient : PATIENTS) {
                assertThat(pfRatio(patient, "after").orElseThrow()).as(patient).isGreaterThan(pfRatio(patient, "onset").orElseThrow());
            }
        }

        @Test
        void fio2AndPfRatioStayInPlausibleRanges()
        {
            for (String patient : PATIENTS) {
                for (String timepoint : TIMEPOINTS) {
                    measurement(patient, timepoint, "fio2").ifPresent(fio2 -> assertThat(fio2).isBetween(0.21, 1.0));
                    pfRatio(patient, timepoint).ifPresent(ratio -> assertThat(ratio).isBetween(20.0, 700.0));
                }
            }
        }

        @Test
        void givenPfRatiosAgreeWithPao2AndFio2()
        {
            for (CSVRecord row : rows(MEASUREMENTS, "pf_ratio")) {
                double computed = measurement(row.get("patient_id"), row.get("timepoint"), "pao2").orElseThrow()
                        / measurement(row.get("patient_id"), row.get("timepoint"), "fio2").orElseThrow();
                assertThat(Double.parseDouble(row.get("value"))).isCloseTo(computed, within(computed * 0.05));
            }
        }

        @Test
        void someRowsShowUnitConversion()
        {
            assertThat(rows(MEASUREMENTS, "pao2")).anyMatch(row -> row.get("unit").equals("kPa"));
            assertThat(rows(MEASUREMENTS, "fio2")).anyMatch(row -> row.get("unit").equals("%"));
        }
    }

    @Nested
    class LungFunction
    {
        @Test
        void fvcFallsInFourOfSix()
        {
            long fell = PATIENTS.stream()
                    .filter(patient -> measurement(patient, "after", "fvc_percent_predicted").orElseThrow()
                            < measurement(patient, "before", "fvc_percent_predicted").orElseThrow())
                    .count();
            assertThat(fell).isEqualTo(4);
        }

        @Test
        void baselineFvcDlcoAndKl6AreRecordedForEveryone()
        {
            for (String patient : PATIENTS) {
                for (String variable : List.of("fvc_percent_predicted", "dlco_percent_predicted", "kl6")) {
                    assertThat(measurement(patient, "before", variable)).as("%s %s", patient, variable).isPresent();
                }
            }
        }
    }

    @Nested
    class Cases
    {
        @Test
        void sixAdmissionsIn2024WithOnsetOnOrUpToThreeDaysBeforeAdmission()
        {
            assertThat(CASES).extracting(row -> row.get("patient_id")).containsExactlyElementsOf(PATIENTS);
            for (CSVRecord row : CASES) {
                LocalDate admission = date(row, "admission_date");
                assertThat(admission.getYear()).isEqualTo(2024);
                assertThat(ChronoUnit.DAYS.between(date(row, "ae_onset_date"), admission)).isBetween(0L, 3L);
                assertThat(date(row, "discharge_date")).isAfter(admission);
                assertThat(Integer.parseInt(row.get("age"))).isBetween(55, 80);
            }
            assertThat(count(row -> row.get("sex").equals("F"))).isGreaterThan(3);
        }

        @Test
        void jakInhibitorsAreUpadacitinibInFourAndBaricitinibInTwo()
        {
            assertThat(count(row -> row.get("jaki_agent").equals("upadacitinib") && row.get("jaki_dose_mg").equals("15"))).isEqualTo(4);
            assertThat(count(row -> row.get("jaki_agent").equals("baricitinib"))).isEqualTo(2);
            for (CSVRecord row : CASES) {
                if (row.get("jaki_agent").equals("baricitinib")) {
                    String expectedDose = Integer.parseInt(row.get("age")) >= 75 ? "2" : "4";
                    assertThat(row.get("jaki_dose_mg")).as(row.get("patient_id")).isEqualTo(expectedDose);
                }
                LocalDate start = date(row, "jaki_start_date");
                assertThat(start).isAfterOrEqualTo(date(row, "admission_date")).isBeforeOrEqualTo(date(row, "discharge_date"));
            }
        }

        @Test
        void pulseInThree()
        {
            for (CSVRecord row : CASES) {
                int maxDose = Integer.parseInt(row.get("mpsl_max_daily_dose_mg"));
                if (row.get("mpsl_pulse").equals("yes")) {
                    assertThat(maxDose).isIn(500, 1000);
                    assertThat(row.get("mpsl_pulse_start_date")).isNotEmpty();
                }
                else {
                    assertThat(maxDose).isLessThan(500);
                }
            }
            assertThat(count(row -> row.get("mpsl_pulse").equals("yes"))).isEqualTo(3);
        }

        @Test
        void priorJakInhibitorStoppedForAnAdverseEventInFiveWithMedianNineDays()
        {
            List<Long> days = new ArrayList<>();
            for (CSVRecord row : CASES) {
                if (row.get("prior_jaki_stop_reason").equals("adverse event")) {
                    long between = ChronoUnit.DAYS.between(date(row, "prior_jaki_stop_date"), date(row, "ae_onset_date"));
                    assertThat(between).isNotNegative();
                    days.add(between);
                }
            }
            assertThat(days).hasSize(5);
            assertThat(days.stream().sorted().toList().get(2)).isEqualTo(9);
        }

        @Test
        void allAliveAtDayNinetyAndThreeOnHomeOxygen()
        {
            for (CSVRecord row : CASES) {
                assertThat(row.get("death_date")).isEmpty();
                assertThat(ChronoUnit.DAYS.between(date(row, "ae_onset_date"), date(row, "last_followup_date"))).isGreaterThanOrEqualTo(90);
            }
            assertThat(count(row -> row.get("home_oxygen_at_discharge").equals("yes"))).isEqualTo(3);
        }
    }

    @Nested
    class Studies
    {
        /** Readers may open the accession in PACS: it must not tell them the patient or the time point (issue 10, blinding). */
        @Test
        void accessionsNameNeitherPatientNorTimepoint()
        {
            List<String> accessions = CT_STUDIES.stream().map(row -> row.get("study_id")).toList();
            assertThat(accessions).doesNotHaveDuplicates().allMatch(accession -> accession.matches("A[0-9]{7}"));
            for (CSVRecord row : CT_STUDIES) {
                String accession = row.get("study_id").toUpperCase(java.util.Locale.ROOT);
                String patientNumber = row.get("patient_id").replaceAll("\\D", "");
                assertThat(accession).doesNotContain(row.get("patient_id").toUpperCase(java.util.Locale.ROOT))
                        .doesNotContain("P" + Integer.parseInt(patientNumber))
                        .doesNotContainIgnoringCase(row.get("timepoint"));
            }
            // in the order of the accessions, the scans are not in patient and time point order
            List<String> byAccession = CT_STUDIES.stream().sorted(java.util.Comparator.comparing(row -> row.get("study_id")))
                    .map(row -> row.get("patient_id") + row.get("timepoint")).toList();
            assertThat(byAccession).isNotEqualTo(CT_STUDIES.stream().map(row -> row.get("patient_id") + row.get("timepoint")).toList());
        }

        @Test
        void oneCtPerPatientAndTimepointInsideItsWindow()
        {
            assertThat(CT_STUDIES).hasSize(18);
            for (CSVRecord row : CT_STUDIES) {
                LocalDate onset = date(caseOf(row.get("patient_id")), "ae_onset_date");
                long day = ChronoUnit.DAYS.between(onset, date(row, "date"));
                switch (row.get("timepoint")) {
                    case "before" -> assertThat(day).isBetween(-366L, -28L);
                    case "onset" -> assertThat(day).isBetween(0L, 2L);
                    case "after" -> assertThat(day).isBetween(14L, 60L);
                    default -> throw new AssertionError("unexpected timepoint " + row.get("timepoint"));
                }
            }
        }

        @Test
        void noSeriousAdverseEvents()
        {
            assertThat(ADVERSE_EVENTS).isNotEmpty().allSatisfy(row -> {
                assertThat(row.get("serious")).isEqualTo("no");
                assertThat(Integer.parseInt(row.get("grade"))).isBetween(1, 2);
                assertThat(row.get("related_to")).isIn("jaki", "glucocorticoid", "other", "unknown");
                // none fatal: all six were alive at 3 months
                assertThat(row.get("outcome")).isIn("recovered", "recovering");
            });
        }
    }

    // --- CT helpers

    private static IchikadoRead read(String patient, String timepoint, String reader)
    {
        List<ZoneExtent> zones = CT_READS.stream()
                .filter(row -> row.get("patient_id").equals(patient) && row.get("timepoint").equals(timepoint) && row.get("reader").equals(reader))
                .map(row -> ZoneExtent.of(LungZone.fromCode(row.get("zone")).orElseThrow(),
                        percent(row, "normal"), percent(row, "ggo"), percent(row, "consolidation"),
                        percent(row, "ggo_traction"), percent(row, "consolidation_traction"), percent(row, "honeycombing")))
                .toList();
        return new IchikadoRead(new ScanRef(patient, timepoint), reader, zones);
    }

    private static CtScore scanScore(String patient, String timepoint)
    {
        return CtScore.mean(List.of(read(patient, timepoint, "R1").score(), read(patient, timepoint, "R2").score()));
    }

    private static String summaryOfTotals(String timepoint)
    {
        double[] totals = PATIENTS.stream().mapToDouble(patient -> scanScore(patient, timepoint).total()).toArray();
        return round(mean(totals)) + " ± " + round(Math.sqrt(variance(totals)));
    }

    private static double meanOf(String timepoint, Function<CtScore, Double> value)
    {
        return PATIENTS.stream().mapToDouble(patient -> value.apply(scanScore(patient, timepoint))).average().orElseThrow();
    }

    private static double meanComponentDrop(String component)
    {
        return meanOf("onset", score -> score.components().get(component)) - meanOf("after", score -> score.components().get(component));
    }

    private static int fibroticPercent(List<CSVRecord> rows, String zone)
    {
        return rows.stream().filter(row -> row.get("zone").equals(zone))
                .mapToInt(row -> percent(row, "ggo_traction") + percent(row, "consolidation_traction") + percent(row, "honeycombing"))
                .sum();
    }

    private static int percent(CSVRecord row, String pattern)
    {
        return Integer.parseInt(row.get(pattern));
    }

    // --- ICC(2,1): two-way random effects, absolute agreement, single rater (Shrout & Fleiss 1979)

    static double icc21(double[][] ratings)
    {
        int n = ratings.length;
        int k = ratings[0].length;
        double msr = msr(ratings);
        double msc = msc(ratings);
        double mse = mse(ratings);
        return (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n);
    }

    private static double msr(double[][] ratings)
    {
        int k = ratings[0].length;
        double[] rowMeans = new double[ratings.length];
        for (int i = 0; i < ratings.length; i++) {
            rowMeans[i] = mean(ratings[i]);
        }
        return k * variance(rowMeans);
    }

    private static double msc(double[][] ratings)
    {
        int n = ratings.length;
        int k = ratings[0].length;
        double[] columnMeans = new double[k];
        for (int j = 0; j < k; j++) {
            for (double[] row : ratings) {
                columnMeans[j] += row[j] / n;
            }
        }
        return n * variance(columnMeans);
    }

    private static double mse(double[][] ratings)
    {
        int n = ratings.length;
        int k = ratings[0].length;
        double grand = 0;
        for (double[] row : ratings) {
            grand += mean(row) / n;
        }
        double total = 0;
        for (double[] row : ratings) {
            for (double value : row) {
                total += (value - grand) * (value - grand);
            }
        }
        double residual = total - (n - 1) * msr(ratings) - (k - 1) * msc(ratings);
        return residual / ((n - 1) * (k - 1));
    }

    // --- measurements

    private static Optional<Double> measurement(String patient, String timepoint, String variable)
    {
        return MEASUREMENTS.stream()
                .filter(row -> row.get("patient_id").equals(patient) && row.get("timepoint").equals(timepoint) && row.get("variable").equals(variable))
                .findFirst()
                .map(DemoWorkbookTest::canonicalValue);
    }

    /** The value in mmHg (PaO2) or as a fraction (FiO2); other variables as given. */
    private static double canonicalValue(CSVRecord row)
    {
        double value = Double.parseDouble(row.get("value"));
        return switch (row.get("unit")) {
            case "kPa" -> value * 7.50062;
            case "%" -> row.get("variable").equals("fio2") ? value / 100 : value;
            default -> value;
        };
    }

    private static Optional<Double> pfRatio(String patient, String timepoint)
    {
        Optional<Double> given = measurement(patient, timepoint, "pf_ratio");
        if (given.isPresent()) {
            return given;
        }
        Optional<Double> pao2 = measurement(patient, timepoint, "pao2");
        Optional<Double> fio2 = measurement(patient, timepoint, "fio2");
        return pao2.flatMap(value -> fio2.map(fraction -> value / fraction));
    }

    private static List<CSVRecord> rows(List<CSVRecord> records, String variable)
    {
        return records.stream().filter(row -> row.get("variable").equals(variable)).toList();
    }

    // --- cases

    private static CSVRecord caseOf(String patient)
    {
        return CASES.stream().filter(row -> row.get("patient_id").equals(patient)).findFirst().orElseThrow();
    }

    private static long count(Predicate<CSVRecord> predicate)
    {
        return CASES.stream().filter(predicate).count();
    }

    private static LocalDate date(CSVRecord row, String column)
    {
        return LocalDate.parse(row.get(column));
    }

    // --- arithmetic

    private static double mean(double[] values)
    {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Sample variance (n − 1). */
    private static double variance(double[] values)
    {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return squares / (values.length - 1);
    }

    private static String round(double value)
    {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static List<CSVRecord> read(String file)
    {
        InputStream stream = requireNonNull(DemoWorkbookTest.class.getResourceAsStream(ROOT + file), ROOT + file + " not on the classpath");
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
