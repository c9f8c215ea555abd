package org.casebook.cli;

import java.nio.file.Path;
import java.time.Clock;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.cli.web.DatabaseOptions;
import org.casebook.error.CasebookException;
import org.casebook.odm.OdmExporter;
import org.casebook.odm.OdmImporter;
import org.casebook.odm.RedcapProjectXmlImport;
import org.casebook.odm.StoreHistory;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.redcap.RedcapImporter;
import org.casebook.store.StudyDatabase;
import org.casebook.workbook.WorkbookImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code casebook odm export|import}: exchange a study as CDISC ODM 1.3.2 (docs/odm.md). */
@Command(name = "odm", mixinStandardHelpOptions = true, description = "Exchange a study as CDISC ODM 1.3.2: export a protocol and its cases (with the web app's audit trail); import ODM ClinicalData as cases.")
final class OdmCommand
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the protocol as ODM metadata and the cases as ClinicalData; from the store (--study) also the audit trail and a signature per locked case.",
            footer = {"", "Examples:", "  casebook odm export --protocol ae-ra-ild-jaki --cases my-study/ --out study.xml",
                    "  casebook odm export --study 1 --data /srv/casebook --out study.xml"})
    int export(@Option(names = "--cases", paramLabel = "DIR|FILE.xlsx", description = "The case workbook (with --protocol).") Path cases,
            @Option(names = "--protocol", paramLabel = "NAME|FILE", description = "Built-in protocol name or protocol file (with --cases).") String protocolName,
            @Option(names = "--study", paramLabel = "ID", description = "Instead: a study of the web app's store (its id, as in /studies/ID), with its audit trail.") Long study,
            @Mixin DatabaseOptions database,
            @Option(names = "--out", required = true, paramLabel = "FILE.xml") Path out)
    {
        if ((cases == null) == (study == null)) {
            throw CasebookException.badInput("give either --cases (with --protocol) or --study (with --data or --db)");
        }
        if (cases != null && protocolName == null) {
            throw CasebookException.badInput("--cases needs --protocol: the protocol the workbook was written for");
        }
        if (study != null && protocolName != null) {
            throw CasebookException.badInput("--study exports with the study's own protocol; leave out --protocol");
        }
        OdmExporter.Export export;
        if (cases != null) {
            StudyProtocol protocol = Protocols.load(protocolName);
            CaseWorkbook workbook = new WorkbookImporter(protocol).importFrom(cases).workbook();
            export = new OdmExporter(protocol).export(workbook, Clock.systemUTC());
        }
        else {
            try (StudyDatabase store = StudyDatabase.open(database.jdbcUrl(), Clock.systemUTC())) {
                StoreHistory.Study loaded = StoreHistory.load(store, study);
                export = new OdmExporter(loaded.protocol()).export(loaded.workbook(), loaded.history(), Clock.systemUTC());
            }
        }
        OdmExporter.write(export.xml(), out);
        out().println("wrote " + out + ": " + export.subjects() + " subjects, " + export.values() + " values"
                + (study == null ? "" : ", " + export.auditRecords() + " audit records, " + export.signatures() + " signatures of locked cases"));
        return 0;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read the ClinicalData of an ODM file casebook wrote, or (with --mapping) REDCap's project.xml, into a case workbook folder for the protocol; on any error nothing is written.",
            footer = {"", "Examples:", "  casebook odm import --file study.xml --protocol ae-ra-ild-jaki --out my-study/",
                    "  casebook odm import --file project.xml --mapping mapping.yaml --protocol my-protocol/protocol.yaml --out my-study/"})
    int importFile(@Option(names = "--file", required = true, paramLabel = "FILE.xml") Path file,
            @Option(names = "--protocol", required = true, paramLabel = "NAME|FILE") String protocolName,
            @Option(names = "--mapping", paramLabel = "FILE",
                    description = "For REDCap's project.xml: the mapping from its fields to the protocol (as for casebook redcap import; casebook redcap mapping writes a start).") Path mapping,
            @Option(names = "--out", required = true, paramLabel = "DIR") Path out)
    {
        StudyProtocol protocol = Protocols.load(protocolName);
        if (mapping != null) {
            RedcapImporter.Result result = new RedcapProjectXmlImport(protocol).importTo(file, mapping, out);
            result.warnings().forEach(warning -> spec.commandLine().getErr().println("casebook: warning: " + warning));
            out().println("wrote " + out + ": " + summary(result.workbook()) + " from " + result.placed() + " REDCap values");
            if (!result.unmapped().isEmpty()) {
                out().println("not mapped (" + result.unmapped().size() + " fields with values): " + String.join(", ", result.unmapped()));
            }
            return 0;
        }
        OdmImporter.Result result = new OdmImporter(protocol).importTo(file, out);
        result.warnings().forEach(warning -> spec.commandLine().getErr().println("casebook: warning: " + warning));
        out().println("wrote " + out + ": " + summary(result.workbook()) + " from " + result.values() + " ODM values");
        if (result.audit().records() > 0) {
            out().println("audit records: " + result.audit().records() + ", " + result.audit().verified() + " with their SHA-256 recomputed and matching, "
                    + result.audit().linked() + " chained to the row before" + (result.audit().beforeChain() == 0 ? "" : ", " + result.audit().beforeChain() + " from before the chain"));
        }
        return 0;
    }

    private static String summary(CaseWorkbook workbook)
    {
        return workbook.cases().size() + " cases, " + workbook.measurements().size() + " measurements, " + workbook.ctStudies().size() + " CT studies, "
                + (workbook.ichikadoReads().size() + workbook.kazerooniReads().size()) + " CT reads, " + workbook.adverseEvents().size() + " adverse events";
    }
}
