package org.casebook.cli;

import java.nio.file.Path;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.ResultsJson;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.workbook.WorkbookImporter;
import org.casebook.workbook.WorkbookWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The same study as a CSV folder and as one .xlsx workbook gives identical results. */
class XlsxAndCsvTest
{
    @Test
    void demoAsXlsxAnalyzesExactlyLikeDemoAsCsv(@TempDir Path directory)
    {
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        Path csv = DemoWorkbook.unpackTo(directory.resolve("csv"));
        CaseWorkbook fromCsv = new WorkbookImporter(protocol).importFrom(csv).workbook();
        Path xlsx = directory.resolve("demo.xlsx");
        new WorkbookWriter().writeXlsx(fromCsv, xlsx);
        CaseWorkbook fromXlsx = new WorkbookImporter(protocol).importFrom(xlsx).workbook();

        CaseSeriesAnalysis analysis = new CaseSeriesAnalysis(protocol);
        String csvResults = ResultsJson.write(analysis.analyze(fromCsv));
        String xlsxResults = ResultsJson.write(analysis.analyze(fromXlsx));
        assertThat(xlsxResults).isEqualTo(csvResults).contains("\"n\" : 6");

        CliRun run = CliRun.of("analyze", "--cases", xlsx.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("175.3 ± 50.3 (6)");
    }
}
