package org.casebook.report.table;

import java.util.List;

import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table 1 on the fixture. R 4.2.2 references:
 * <pre>
 * age &lt;- c(72, 65, 78, 70, 59, 68); mean(age); sd(age); median(age)   # 68.6667 6.43946 69
 * bmi &lt;- c(22.1, 19.8, NA, 24.5, 27.0, 21.0)                          # 22.88 2.88219 22.1 (na.rm = TRUE)
 * kl6 &lt;- c(1200, 850, 2100, NA, 640, 1500)                             # 1258 574.2996
 * x &lt;- c(3, 8, 12, 15, 20, 10, 7, 11, 9, 14, 5); quantile(x, c(0.25, 0.75), type = 2)   # 7 14
 * </pre>
 */
class BaselineTableTest
{
    private static final ReportTable TABLE = BaselineTable.build(SeriesFixtures.sixPatientData());

    /**
     * Decimals from the protocol: the seed's KL-6 row left to the variable's own {@code decimals: 0}
     * and age given {@code decimals: 0} on its row. Fixture ages 72, 65, 78, 70, 59, 68: mean 68.67,
     * SD 6.44, median 69 (R: {@code x <- c(72, 65, 78, 70, 59, 68); mean(x); sd(x); median(x)}); KL-6
     * mean 1258.0, SD 574.3, median 1200, range 640–2100. A row's {@code decimals: 1} overrides the
     * variable's, and a number field without one prints one decimal.
     */
    @Test
    void eachRowPrintsAtTheDecimalsTheProtocolGives()
    {
        assertThat(TABLE.findCell("N = 6", "Age, years", "Mean ± SD")).contains("69 ± 6");
        assertThat(TABLE.findCell("N = 6", "Age, years", "Median [min–max]")).contains("69 [59–78]");
        assertThat(TABLE.findCell("N = 6", "KL-6 (U/mL), before exacerbation", "Mean ± SD")).contains("1258 ± 574");
        assertThat(TABLE.findCell("N = 6", "KL-6 (U/mL), before exacerbation", "Median [min–max]")).contains("1200 [640–2100]");
        String text = org.casebook.protocol.Protocols.builtInFile(org.casebook.protocol.Protocols.SEED, "protocol.yaml").orElseThrow()
                .replace("{variable: kl6, timepoint: before}", "{variable: kl6, timepoint: before, decimals: 1}")
                .replace("{field: age, decimals: 0}", "age");
        assertThat(text).contains("{variable: kl6, timepoint: before, decimals: 1}").contains("      - age    #");
        var protocol = new org.casebook.protocol.ProtocolReader("p.yaml",
                path -> org.casebook.protocol.Protocols.builtInFile(org.casebook.protocol.Protocols.SEED, path).orElseThrow()).read(text);
        ReportTable table = BaselineTable.build(StudyData.analyze(protocol, SeriesFixtures.sixPatients()));
        assertThat(table.findCell("N = 6", "Age, years", "Mean ± SD")).contains("68.7 ± 6.4");
        assertThat(table.findCell("N = 6", "Age, years", "Median [min–max]")).contains("69.0 [59.0–78.0]");
        assertThat(table.findCell("N = 6", "KL-6 (U/mL), before exacerbation", "Mean ± SD")).contains("1258.0 ± 574.3");
    }

    @Test
    void continuousVariablesShowMeanSdMedianRangeAndMissing()
    {
        assertThat(TABLE.columns()).containsExactly("Characteristic", "Statistic", "N = 6");
        assertThat(TABLE.rows()).containsSubsequence(
                List.of("Age, years", "Mean ± SD", "69 ± 6"),
                List.of("Age, years", "Median [min–max]", "69 [59–78]"),
                List.of("Age, years", "Missing", "0"));
        assertThat(TABLE.rows()).containsSubsequence(
                List.of("BMI, kg/m²", "Mean ± SD", "22.9 ± 2.9"),
                List.of("BMI, kg/m²", "Median [min–max]", "22.1 [19.8–27.0]"),
                List.of("BMI, kg/m²", "Missing", "1"));
    }

    @Test
    void categoricalVariablesShowCountsOverTheirDenominatorAndMissing()
    {
        assertThat(TABLE.rows()).containsSubsequence(
                List.of("Smoking", "never", "2/5 (40%; 95% CI 5–85)"),
                List.of("Smoking", "former", "2/5 (40%; 95% CI 5–85)"),
                List.of("Smoking", "current", "1/5 (20%; 95% CI 1–72)"),
                List.of("Smoking", "Missing", "1"));
        assertThat(TABLE.findCell("N = 6", "ILD pattern", "probable UIP")).contains("1/6 (17%; 95% CI 0.4–64)");
        assertThat(TABLE.findCell("N = 6", "ILD pattern", "indeterminate")).contains("0/6 (0%; 95% CI 0–46)");
        assertThat(TABLE.findCell("N = 6", "RF positive", "yes")).contains("4/5 (80%; 95% CI 28–99)");
    }

    @Test
    void characteristicsNobodyHasAreLeftOut()
    {
        var cases = SeriesFixtures.sixPatients();
        var bare = new org.casebook.casedata.CaseWorkbook(
                cases.cases().stream().map(record -> new org.casebook.casedata.CaseRecordBuilder(record.patientId(), record.date("admission_date")).set("admission_date", record.date("admission_date")).set("age", record.number("age")).build()).toList(),
                List.of(), List.of(), List.of(), List.of(), List.of());
        ReportTable table = BaselineTable.build(StudyData.analyze(SeriesFixtures.SEED, bare));
        assertThat(table.rows()).extracting(row -> row.get(0)).containsOnly("Age, years");
    }

    @Test
    void tenOrMoreValuesShowTheInterquartileRangeAsRQuantileTypeTwo()
    {
        var cases = SeriesFixtures.sixPatients();
        double[] ages = {3, 8, 12, 15, 20, 10, 7, 11, 9, 14, 5};
        List<org.casebook.casedata.CaseRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < ages.length; i++) {
            records.add(new org.casebook.casedata.CaseRecordBuilder("q" + i, cases.cases().get(0).date("admission_date")).set("admission_date", cases.cases().get(0).date("admission_date")).set("age", ages[i]).build());
        }
        var workbook = new org.casebook.casedata.CaseWorkbook(records, List.of(), List.of(), List.of(), List.of(), List.of());
        ReportTable table = BaselineTable.build(StudyData.analyze(SeriesFixtures.SEED, workbook));
        assertThat(table.findCell("N = 11", "Age, years", "Median [Q1–Q3]")).contains("10 [7–14]");
    }
}
