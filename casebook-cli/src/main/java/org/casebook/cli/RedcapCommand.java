package org.casebook.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.redcap.DataDictionary;
import org.casebook.redcap.MappingGenerator;
import org.casebook.redcap.RedcapEvents;
import org.casebook.redcap.RedcapExporter;
import org.casebook.redcap.RedcapImporter;
import org.casebook.workbook.WorkbookImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code casebook redcap export|mapping|import}: work beside REDCap (docs/redcap.md). */
@Command(name = "redcap", mixinStandardHelpOptions = true, description = "Export a study as a REDCap project; import a REDCap export as cases.")
final class RedcapCommand
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write dictionary.csv (a REDCap data dictionary for the protocol) and records.csv (the cases as a REDCap import file) into DIR; with --project-xml also project.xml.")
    int export(@Option(names = "--protocol", required = true, paramLabel = "NAME|FILE") String protocolName,
            @Option(names = "--cases", required = true, paramLabel = "DIR|FILE.xlsx", description = "The case workbook.") Path cases,
            @Option(names = "--out", required = true, paramLabel = "DIR") Path out,
            @Option(names = "--project-xml", description = "Also write project.xml: REDCap's CDISC ODM project file (metadata, repeating instruments and data) for creating the project in one upload.")
            boolean projectXml)
    {
        StudyProtocol protocol = Protocols.load(protocolName);
        CaseWorkbook workbook = new WorkbookImporter(protocol).importFrom(cases).workbook();
        RedcapExporter exporter = new RedcapExporter(protocol);
        RedcapExporter.Export export = exporter.export(workbook);
        RedcapExporter.write(export, out);
        if (projectXml) {
            RedcapExporter.writeProjectXml(exporter.projectXml(export, java.time.Clock.systemUTC()), out);
            out().println("wrote " + out.resolve("project.xml"));
        }
        out().println("wrote " + out.resolve("dictionary.csv") + " (" + export.dictionary().fields().size() + " fields, "
                + export.dictionary().forms().size() + " instruments) and " + out.resolve("records.csv") + " (" + export.records() + " records, "
                + export.instances() + " repeating instances)");
        return 0;
    }

    @Command(name = "mapping", mixinStandardHelpOptions = true,
            description = "Write a starting mapping from a REDCap data dictionary to the protocol (to standard output, or --out).")
    int mapping(@Option(names = "--dictionary", required = true, paramLabel = "FILE") Path dictionary,
            @Option(names = "--protocol", required = true, paramLabel = "NAME|FILE") String protocolName,
            @Option(names = "--events", paramLabel = "FILE", description = "The project's event.csv (longitudinal projects).") Path events,
            @Option(names = "--out", paramLabel = "FILE") Path target)
    {
        StudyProtocol protocol = Protocols.load(protocolName);
        DataDictionary parsed = DataDictionary.read(dictionary, dictionary.getFileName().toString());
        Map<String, String> eventNames = events == null ? new LinkedHashMap<>() : RedcapEvents.read(events);
        String mapping = new MappingGenerator(protocol, parsed, eventNames).generate();
        if (target == null) {
            out().print(mapping);
            out().flush();
            return 0;
        }
        try {
            if (Files.exists(target)) {
                throw new CasebookException(ErrorCode.BAD_INPUT, target + " exists; not overwriting it");
            }
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            AtomicFiles.writeString(target, mapping);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot write " + target + ": " + e.getMessage(), e);
        }
        out().println("wrote " + target + "; check it and fill in each TODO");
        return 0;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Turn a REDCap export into a case workbook folder through a mapping; on any error nothing is written.")
    int importRecords(@Option(names = "--dictionary", required = true, paramLabel = "FILE") Path dictionary,
            @Option(names = "--records", required = true, paramLabel = "FILE") Path records,
            @Option(names = "--events", paramLabel = "FILE") Path events,
            @Option(names = "--mapping", required = true, paramLabel = "FILE") Path mapping,
            @Option(names = "--protocol", required = true, paramLabel = "NAME|FILE") String protocolName,
            @Option(names = "--out", required = true, paramLabel = "DIR") Path out)
    {
        StudyProtocol protocol = Protocols.load(protocolName);
        RedcapImporter.Result result = new RedcapImporter(protocol).importTo(new RedcapImporter.Input(dictionary, records, events, mapping), out);
        result.warnings().forEach(warning -> spec.commandLine().getErr().println("casebook: warning: " + warning));
        CaseWorkbook workbook = result.workbook();
        out().println("wrote " + out + ": " + workbook.cases().size() + " cases, " + workbook.measurements().size() + " measurements, "
                + workbook.ctStudies().size() + " CT studies, " + (workbook.ichikadoReads().size() + workbook.kazerooniReads().size()) + " CT reads, "
                + workbook.adverseEvents().size() + " adverse events from " + result.placed() + " REDCap values");
        if (!result.unmapped().isEmpty()) {
            out().println("not mapped (" + result.unmapped().size() + " record columns with values): " + String.join(", ", result.unmapped()));
        }
        return 0;
    }
}
