package org.casebook.odm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.StudyProtocol;
import org.casebook.redcap.RedcapImportException;
import org.casebook.redcap.RedcapImporter;
import org.casebook.redcap.RedcapIssue;
import org.casebook.workbook.WorkbookImporter;
import org.casebook.workbook.WorkbookWriter;

import static java.util.Objects.requireNonNull;

/**
 * Imports REDCap's project XML through a mapping file, as {@code casebook redcap import} imports
 * a dictionary and records export (docs/redcap.md, docs/odm.md): the file is read as its
 * dictionary and records ({@link RedcapProjectXmlReader}), the REDCap import does the rest, and
 * its errors and each value's source are located back in the XML by line.
 */
public final class RedcapProjectXmlImport
{
    private static final String RECORDS = "records.csv";
    private static final String DICTIONARY = "dictionary.csv";
    private static final Pattern RECORDS_ROW = Pattern.compile(Pattern.quote(RECORDS) + " row (\\d+)");

    private final StudyProtocol protocol;

    public RedcapProjectXmlImport(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    /** @param out the case workbook folder to write, or null to only read */
    public RedcapImporter.Result importTo(Path projectXml, Path mapping, Path out)
    {
        String name = projectXml.getFileName() == null ? projectXml.toString() : projectXml.getFileName().toString();
        RedcapProjectXmlReader.Project project = RedcapProjectXmlReader.read(projectXml, name);
        Path temp = null;
        try {
            temp = Files.createTempDirectory("casebook-redcap-xml-");
            Files.writeString(temp.resolve(DICTIONARY), project.dictionary().toCsv());
            Files.writeString(temp.resolve(RECORDS), project.recordsCsv());
            RedcapImporter.Result result;
            try {
                result = new RedcapImporter(protocol).read(new RedcapImporter.Input(temp.resolve(DICTIONARY), temp.resolve(RECORDS), null, mapping));
            }
            catch (RedcapImportException e) {
                List<OdmIssue> issues = new ArrayList<>();
                e.issues().forEach(issue -> issues.add(translate(issue, project, name)));
                throw new OdmImportException(name, issues);
            }
            // each value's source names the XML line it came from, not the intermediate records row
            Path cases = temp.resolve("cases");
            new WorkbookWriter(protocol.caseSchema()).writeCsvFolder(result.workbook(), cases);
            try (var files = Files.list(cases)) {
                for (Path file : files.toList()) {
                    Files.writeString(file, relocate(Files.readString(file), project, name));
                }
            }
            CaseWorkbook workbook = new WorkbookImporter(protocol).importFrom(cases).workbook();
            if (out != null) {
                new WorkbookWriter(protocol.caseSchema()).writeCsvFolder(workbook, out);
            }
            List<String> warnings = result.warnings().stream().map(warning -> relocate(warning, project, name)).toList();
            return new RedcapImporter.Result(workbook, warnings, result.placed(), result.unmapped());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            OdmExporter.deleteTree(temp);
        }
    }

    private static String relocate(String text, RedcapProjectXmlReader.Project project, String name)
    {
        Matcher matcher = RECORDS_ROW.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            int row = Integer.parseInt(matcher.group(1));
            String replacement = row >= 1 && row <= project.lines().size() ? name + " line " + project.lines().get(row - 1).get("") : matcher.group();
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static OdmIssue translate(RedcapIssue issue, RedcapProjectXmlReader.Project project, String name)
    {
        if (issue.file().equals(RECORDS) && issue.row() >= 1 && issue.row() <= project.rows().size()) {
            Map<String, Integer> lines = project.lines().get(issue.row() - 1);
            Map<String, String> row = project.rows().get(issue.row() - 1);
            String record = row.get(project.recordIdField());
            Integer line = issue.column() == null ? null : lines.get(issue.column());
            String element = line != null ? "ItemData " + issue.column() + " (record " + record + ")"
                    : "record " + record + (issue.column() == null ? "" : ", no ItemData " + issue.column());
            return new OdmIssue(name, line != null ? line : lines.get(""), element, issue.value(), issue.problem());
        }
        if (issue.file().equals(DICTIONARY) && issue.row() >= 1 && issue.row() <= project.dictionary().fields().size()) {
            String field = project.dictionary().fields().get(issue.row() - 1).fieldName();
            return new OdmIssue(name, project.itemDefLines().getOrDefault(field, 0), "ItemDef " + field, issue.value(), issue.problem());
        }
        if (issue.file().equals(RECORDS) || issue.file().equals(DICTIONARY)) {
            return new OdmIssue(name, 0, issue.column(), issue.value(), relocate(issue.problem(), project, name));
        }
        // the mapping file's own errors keep their place in it
        return new OdmIssue(issue.file(), issue.row(), issue.column() == null ? null : "column " + issue.column(), issue.value(), issue.problem());
    }
}
