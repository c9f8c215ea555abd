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
 * b &lt;- c(234.16666666666669, 117.5, 172.5, 115.83333333333333, 190.83333333333331, 220.83333333333331)
 * o &lt;- c(331.66666666666663, 230.83333333333331, 227.5, 175.0, 235.83333333333331, 282.5)
 * a &lt;- c(319.16666666666663, 177.5, 197.5, 157.5, 215.83333333333331, 253.33333333333334)
 * sprintf("%.1f ± %.1f", c(mean(b), mean(o), mean(a)), c(sd(b), sd(o), sd(a)))   # 175.3 ± 50.3, 247.2 ± 53.6, 220.1 ± 58.6
 * friedman.test(cbind(b, o, a))                        # chi-squared = 12, df = 2, p = 0.00247875217666636
 * wilcox.test(o, b, paired = TRUE, exact = TRUE)       # V = 21, p = 0.03125, "Wilcoxon signed rank exact test"
 * wilcox.test(a, b, paired = TRUE, exact = TRUE)       # V = 21, p = 0.0355223366234146, "with continuity correction" (tied differences)
 * wilcox.test(a, o, paired = TRUE, exact = TRUE)       # V = 0, p = 0.03125, exact
 * p.adjust(c(0.03125, 0.0355223366234146, 0.03125), "holm")   # 0.09375 0.09375 0.09375
 * t.test(o, b, paired = TRUE)   # 71.9444444, 95% CI 43.5974486 to 100.2914403, p = 0.00126517191741554
 * t.test(a, b, paired = TRUE)   # 44.8611111, 20.0613443 to 69.6608779, p = 0.00558207669149782
 * t.test(a, o, paired = TRUE)   # -27.0833333, -42.3388015 to -11.8278652, p = 0.00603701429170722
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
                "CT total,before → onset,6,21,0.031,exact,0.094,71.9 (43.6 to 100.3),0.001",
                "CT total,before → after,6,21,0.036,\"normal approx., continuity corr. (ties)\",0.094,44.9 (20.1 to 69.7),0.006",
                "CT total,onset → after,6,0,0.031,exact,0.094,-27.1 (-42.3 to -11.8),0.006",
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
