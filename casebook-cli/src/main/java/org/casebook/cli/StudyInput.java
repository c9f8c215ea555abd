package org.casebook.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.workbook.ImportIssue;
import org.casebook.workbook.ImportResult;
import org.casebook.workbook.WorkbookImporter;
import picocli.CommandLine.Option;

/** The options naming a study's input: its protocol and its case workbook. */
final class StudyInput
{
    @Option(names = "--protocol", paramLabel = "NAME|FILE", defaultValue = Protocols.SEED,
            description = "Built-in protocol name or protocol file (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--cases", paramLabel = "DIR|FILE.xlsx", required = true,
            description = "Case workbook: a folder of CSV files or one .xlsx file (docs/workbook.md).")
    Path cases;

    StudyProtocol loadProtocol()
    {
        return Protocols.load(protocol);
    }

    static ImportResult importCases(StudyProtocol protocol, Path cases, PrintWriter err)
    {
        return printWarnings(new WorkbookImporter(protocol).importFrom(cases), err);
    }

    /**
     * The workbook for analysis and the report, which show no value's source: each value's source
     * is its sheet ({@link WorkbookImporter#withSheetSources()}), which keeps a large series in less memory.
     */
    static ImportResult importCasesForAnalysis(StudyProtocol protocol, Path cases, PrintWriter err)
    {
        return printWarnings(new WorkbookImporter(protocol).withSheetSources().importFrom(cases), err);
    }

    private static ImportResult printWarnings(ImportResult result, PrintWriter err)
    {
        for (ImportIssue warning : result.warnings()) {
            err.println("warning: " + warning.message());
        }
        err.flush();
        return result;
    }
}
