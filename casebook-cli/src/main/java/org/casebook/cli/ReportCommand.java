package org.casebook.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.StudyProtocol;
import org.casebook.report.Provenance;
import org.casebook.report.ScreeningFlow;
import org.casebook.report.StudyData;
import org.casebook.report.StudyReport;
import org.casebook.report.render.ReportLibraries;
import org.casebook.report.render.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casebook report}: the study report (tables, figures, text) as HTML, PDF, CSV and xlsx. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the study report of a case workbook: report.html (self-contained),",
                "report.pdf, tables/*.csv and tables.xlsx: Tables 1-3, figures, methods",
                "and results text, CARE checklist (docs/report.md)."},
        footer = {"", "Example:", "  casebook report --cases my-study/ --out my-study-report/"})
final class ReportCommand
        implements Callable<Integer>
{
    @Mixin
    StudyInput input;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the report into (created if missing).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        // the report's libraries load on the other core while the workbook is read and analysed
        ReportLibraries.loadInBackground();
        StudyProtocol protocol = input.loadProtocol();
        CaseWorkbook workbook = StudyInput.importCasesForAnalysis(protocol, input.cases, spec.commandLine().getErr()).workbook();
        ReportWriter.ReportFiles files = write(protocol, workbook, input.cases, out, Clock.systemUTC());
        print(files, spec.commandLine().getOut());
        return 0;
    }

    /** Analyzes the workbook and writes its report; {@code cases} is what the input hash covers. */
    static ReportWriter.ReportFiles write(StudyProtocol protocol, CaseWorkbook workbook, Path cases, Path out, Clock clock)
    {
        return write(StudyData.analyze(protocol, workbook), cases, out, clock);
    }

    /** Writes the report of an analyzed workbook; {@code cases} is what the input hash covers. */
    static ReportWriter.ReportFiles write(StudyData analyzed, Path cases, Path out, Clock clock)
    {
        StudyProtocol protocol = analyzed.protocol();
        CaseWorkbook workbook = analyzed.workbook();
        Provenance provenance = new Provenance(CasebookVersion.current(), protocol.id(), protocol.sha256(),
                cases.getFileName().toString(), Provenance.inputSha256(cases), clock.instant());
        // cases found by `casebook screen`: its flow beside them, under the same protocol, is the first table and figure
        StudyReport report = StudyReport.build(analyzed, provenance, ScreeningFlow.beside(cases, protocol, workbook.cases().size()));
        return new ReportWriter().write(report, out);
    }

    static void print(ReportWriter.ReportFiles files, PrintWriter out)
    {
        out.println("report HTML:   " + files.html());
        out.println("report PDF:    " + files.pdf());
        out.println("tables (xlsx): " + files.xlsx());
        out.println("tables (CSV):  " + files.html().resolveSibling(ReportWriter.TABLES) + " (" + files.csv().size() + " files)");
        out.println("tables (docx): " + files.docx());
        out.println("figures:       " + files.figures() + " (SVG and 300-dpi PNG, captions.txt)");
        out.println("text:          " + files.text());
        out.flush();
    }
}
