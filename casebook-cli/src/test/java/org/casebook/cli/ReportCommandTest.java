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
 * friedman.test(cbind(b, o, a))                        # chi-squared = 12, df = 2, p = 0.00247875217666636 (chi-squared)
 * fr_exact(cbind(b, o, a))                             # p_exact = 0.0001286008230452675 (base-R enumeration, see FriedmanExactTest)
 * # Wilcoxon on differences at 6 decimals, exact conditional on ties (coin 1.4-2), Hodges–Lehmann from the Walsh averages:
 * cwr &lt;- function(x, y, digits) { d &lt;- round(x - y, digits); nz &lt;- d[d != 0]; c(V = sum(rank(abs(nz))[nz &gt; 0]),
 *   p = pvalue(coin::wilcoxsign_test(d ~ rep(0, length(d)), distribution = "exact", zero.method = "Wilcoxon"))) }
 * walsh &lt;- function(d) { w &lt;- outer(d, d, "+") / 2; sort(w[lower.tri(w, diag = TRUE)]) }
 * hl &lt;- function(d, conf = 0.95) { n &lt;- length(d); w &lt;- walsh(d); qu &lt;- qsignrank((1 - conf) / 2, n); if (qu == 0) qu &lt;- 1
 *   ql &lt;- n * (n + 1) / 2 - qu; c(est = median(w), lo = w[qu], hi = w[ql + 1]) }
 * cwr(o, b, 6); cwr(a, b, 6); cwr(a, o, 6)   # V = 21, 21, 0; p = 0.03125 each (a - b has two differences of 25: ties)
 *   (wilcox.test(a, b, paired = TRUE) gave the normal approximation 0.0355223366234146 here)
 * p.adjust(c(0.03125, 0.03125, 0.03125), "holm")       # 0.09375 0.09375 0.09375
 * hl(round(o - b, 6)); hl(round(a - b, 6)); hl(round(a - o, 6))   # 71.25 [45, 113.333333], 42.5 [25, 85], -24.5833335 [-53.333333, -12.5]
 * t.test(o, b, paired = TRUE)   # 71.9444444, 95% CI 43.5974486 to 100.2914403, t = 6.524116, p = 0.00126517191741554
 * t.test(a, b, paired = TRUE)   # 44.8611111, 20.0613443 to 69.6608779, t = 4.650010, p = 0.00558207669149782
 * t.test(a, o, paired = TRUE)   # -27.0833333, -42.3388015 to -11.8278652, t = -4.563605, p = 0.00603701429170722
 * fb &lt;- c(62, 84, 71, 78, 66, 70); fa &lt;- c(54, 86, 63, 81, 60, 61)
 * cwr(fa, fb, 0); hl(fa - fb)                                   # V = 3, p = 0.15625 (ties; wilcox.test: 0.141116138171336); -3.5 [-9, 3]
 * t.test(fa, fb, paired = TRUE)                                 # -4.3333333, -9.99120932 to 1.32454266, t = -1.968793, p = 0.106087646185119
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
        assertThat(table3.get(1)).isEqualTo("CT total,Mean ± SD,175.3 ± 50.3,247.2 ± 53.6,220.1 ± 58.6,\"χ²(2) = 12.00, p < 0.001 (exact), n = 6\"");
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
                "CT total,before → onset,6,Wilcoxon,HL 71.3 (45.0 to 113.3),V = 21,0.031,0.094,exact",
                "CT total,before → onset,6,paired t (sensitivity),mean 71.9 (43.6 to 100.3),t(5) = 6.52,0.001,–,unadjusted",
                "CT total,before → after,6,Wilcoxon,HL 42.5 (25.0 to 85.0),V = 21,0.031,0.094,exact conditional (ties)",
                "CT total,before → after,6,paired t (sensitivity),mean 44.9 (20.1 to 69.7),t(5) = 4.65,0.006,–,unadjusted",
                "CT total,onset → after,6,Wilcoxon,HL -24.6 (-53.3 to -12.5),V = 0,0.031,0.094,exact",
                "CT total,onset → after,6,paired t (sensitivity),mean -27.1 (-42.3 to -11.8),t(5) = -4.56,0.006,–,unadjusted",
                "PaO2/FiO2 (mmHg),before → onset,4,Wilcoxon,–,–,–,–,not tested: n < 5 (4 pairs)",
                "%FVC (%),before → after,6,Wilcoxon,HL -3.5 (-9.0 to 3.0),V = 3,0.156,0.156,exact conditional (ties)",
                "%FVC (%),before → after,6,paired t (sensitivity),mean -4.3 (-10.0 to 1.3),t(5) = -1.97,0.106,–,unadjusted");
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
