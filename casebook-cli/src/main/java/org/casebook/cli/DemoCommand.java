package org.casebook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.ResultsText;
import org.casebook.analysis.SeriesResults;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.report.StudyData;
import org.casebook.report.render.ReportLibraries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code casebook demo}: the seed study on the bundled synthetic workbook, end to end. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the seed study (ae-ra-ild-jaki) on the bundled synthetic six-patient workbook.")
final class DemoCommand
        implements Callable<Integer>
{
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "casebook-out/demo",
            description = "Where to write the demo workbook and results (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
            throws Exception
    {
        // the report's libraries load on the other core while the workbook is read and analysed
        ReportLibraries.loadInBackground();
        StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
        Path cases = DemoWorkbook.unpackTo(out.resolve("cases"));
        var workbook = StudyInput.importCasesForAnalysis(protocol, cases, spec.commandLine().getErr()).workbook();
        CaseSeriesAnalysis analysis = new CaseSeriesAnalysis(protocol);
        SeriesResults results = analysis.analyze(workbook);
        spec.commandLine().getOut().print(ResultsText.render(protocol, results, analysis.variableOrder()));
        Files.createDirectories(out);
        AnalyzeCommand.writeJson(out.resolve("results.json"), results);
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().println("demo workbook: " + cases);
        spec.commandLine().getOut().println("results JSON:  " + out.resolve("results.json"));
        StudyData analyzed = new StudyData(protocol, workbook, results, analysis.variableOrder());
        ReportCommand.print(ReportCommand.write(analyzed, cases, out.resolve("report"), java.time.Clock.systemUTC()), spec.commandLine().getOut());
        return 0;
    }
}
