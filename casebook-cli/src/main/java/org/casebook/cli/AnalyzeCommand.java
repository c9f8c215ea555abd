package org.casebook.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.ResultsJson;
import org.casebook.analysis.ResultsText;
import org.casebook.analysis.SeriesResults;
import org.casebook.protocol.StudyProtocol;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casebook analyze}: a case workbook's results under its protocol, as text and JSON. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyze a case workbook: CT scores, summaries per time point, outcome counts.",
        footer = {"", "Example:", "  casebook analyze --cases my-study/ --json results.json"})
final class AnalyzeCommand
        implements Callable<Integer>
{
    @Mixin
    StudyInput input;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON (docs/results-json.md).")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        StudyProtocol protocol = input.loadProtocol();
        var workbook = StudyInput.importCasesForAnalysis(protocol, input.cases, spec.commandLine().getErr()).workbook();
        CaseSeriesAnalysis analysis = new CaseSeriesAnalysis(protocol);
        SeriesResults results = analysis.analyze(workbook);
        spec.commandLine().getOut().print(ResultsText.render(protocol, results, analysis.variableOrder()));
        spec.commandLine().getOut().flush();
        if (json != null) {
            writeJson(json, results);
            spec.commandLine().getErr().println("wrote " + json);
        }
        return 0;
    }

    static void writeJson(Path file, SeriesResults results)
    {
        try {
            // streamed: the results of a large series as one string would not fit the heap beside them
            AtomicFiles.write(file, out -> ResultsJson.write(results, out));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
