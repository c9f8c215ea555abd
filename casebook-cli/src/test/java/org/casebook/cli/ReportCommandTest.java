package org.casebook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.casebook.protocol.Protocols;
import org.casebook.workbook.WorkbookImporter;
import org.casebook.workbook.WorkbookWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code casebook demo} writes the study report, and {@code casebook report} reads CSV folders and
 * .xlsx alike. Statistics of the demo's Table 3 against R 4.2.2 on the demo's per-patient values
 * (results.json, {@code patients[].values}):
 * <pre>
 * b &lt;- c(236.66666666666669, 118.33333333333333, 170.83333333333331, 115.0, 195.83333333333331, 215.0)
 * o &lt;- c(332.5, 202.5, 222.5, 189.16666666666669, 258.33333333333337, 278.3333333333333)
 * a &lt;- c(320.83333333333337, 169.16666666666669, 203.33333333333334, 161.66666666666666, 219.16666666666669, 246.66666666666666)
 * sprintf("%.1f ± %.1f", c(mean(b), mean(o), mean(a)), c(sd(b), sd(o), sd(a)))   # 175.3 ± 50.3, 247.2 ± 53.6, 220.1 ± 58.6
 * friedman.test(cbind(b, o, a))                                 # chi-squared = 12, df = 2, p = 0.00247875217666636
 * wilcox.test(o, b, paired = TRUE, exact = TRUE)                # V = 21, p = 0.03125, "Wilcoxon signed rank exact test"
 * p.adjust(c(0.03125, 0.03125, 0.03125), "holm")                # 0.09375 0.09375 0.09375 (all three CT pairs have p = 0.03125)
 * t.test(a, o, paired = TRUE)                                   # -27.0833333, 95% CI -37.6466965 to -16.5199702, p = 0.00120802736365572
 * fb &lt;- c(62, 84, 71, 78, 66, 70); fa &lt;- c(54, 86, 63, 81, 60, 61)
 * wilcox.test(fa, fb, paired = TRUE, exact = TRUE)              # V = 3, p = 0.141116138171336, "with continuity correction" (ties)
 * t.test(fa, fb, paired = TRUE)                                 # -4.3333333, -9.99120932 to 1.32454266, p = 0.106087646185119
 * </pre>
 */
class ReportCommandTest
{
    @TempDir
    static Path out;

    private static CliRun demo;
    private static Path report;

    @BeforeAll
    static void runDemo()
    {
        demo = CliRun.of("demo", "--out", out.resolve("demo").toString());
        report = out.resolve("demo").resolve("report");
    }

    @Test
    void demoWritesTheReportAndSaysWhere()
    {
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("report HTML:   " + report.resolve("report.html"), "report PDF:    " + report.resolve("report.pdf"),
                "tables (xlsx): " + report.resolve("tables.xlsx"));
        assertThat(report.resolve("report.html")).isRegularFile();
        assertThat(report.resolve("tables.xlsx")).isRegularFile();
        assertThat(report.resolve("tables").resolve("table1_baseline.csv")).isRegularFile();
    }

    @Test
    void demoCtRowReadsThePublishedFiguresInTheTableAndThePdf()
            throws Exception
    {
        List<String> table3 = Files.readAllLines(report.resolve("tables").resolve("table3_timepoints.csv"));
        assertThat(table3.get(1)).isEqualTo("CT total,Mean ± SD,175.3 ± 50.3,247.2 ± 53.6,220.1 ± 58.6,\"χ²(2) = 12.00, p = 0.002, n = 6\"");
        try (PDDocument pdf = Loader.loadPDF(report.resolve("report.pdf").toFile())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("175.3 ± 50.3", "247.2 ± 53.6", "220.1 ± 58.6");
        }
        assertThat(Files.readString(report.resolve("report.html"))).contains("<td>175.3 ± 50.3</td><td>247.2 ± 53.6</td><td>220.1 ± 58.6</td>");
    }

    @Test
    void demoPairwiseTestsMatchR()
            throws Exception
    {
        List<String> pairwise = Files.readAllLines(report.resolve("tables").resolve("table3b_pairwise_tests.csv"));
        assertThat(pairwise).contains(
                "CT total,before → onset,6,21,0.031,exact,0.094,71.9 (55.0 to 88.9),<0.001",
                "CT total,onset → after,6,0,0.031,exact,0.094,-27.1 (-37.6 to -16.5),0.001",
                "%FVC (%),before → after,6,3,0.141,\"normal approx., continuity corr. (ties)\",0.141,-4.3 (-10.0 to 1.3),0.106");
    }

    @Test
    void reportFromXlsxHasTheSameTablesAsFromCsv()
            throws Exception
    {
        var protocol = Protocols.builtIn(Protocols.SEED);
        Path cases = out.resolve("demo").resolve("cases");
        Path xlsx = out.resolve("demo.xlsx");
        new WorkbookWriter().writeXlsx(new WorkbookImporter(protocol).importFrom(cases).workbook(), xlsx);
        CliRun run = CliRun.of("report", "--cases", xlsx.toString(), "--out", out.resolve("from-xlsx").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String table : List.of("table1_baseline", "table2_patients", "table3_timepoints", "table3b_pairwise_tests", "care_checklist")) {
            assertThat(Files.readString(out.resolve("from-xlsx").resolve("tables").resolve(table + ".csv")))
                    .isEqualTo(Files.readString(report.resolve("tables").resolve(table + ".csv")));
        }
    }

    @Test
    void reportWithoutOutIsBadInput()
    {
        CliRun run = CliRun.of("report", "--cases", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--out");
    }
}
