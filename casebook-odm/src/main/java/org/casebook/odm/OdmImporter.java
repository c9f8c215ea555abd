package org.casebook.odm;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;
import org.casebook.workbook.ImportIssue;
import org.casebook.workbook.ImportResult;
import org.casebook.workbook.WorkbookImportException;
import org.casebook.workbook.WorkbookImporter;
import org.casebook.workbook.WorkbookWriter;

import static java.util.Objects.requireNonNull;

/**
 * Reads the {@code ClinicalData} of an ODM file casebook wrote ({@link OdmExporter}; the layout
 * of docs/odm.md) back into a case workbook for the protocol, checked exactly as a workbook
 * import: every error is located at the file's line and element, and nothing is written on
 * error. The file's audit records, if any, are checked against their hashes ({@link OdmAuditCheck}).
 */
public final class OdmImporter
{
    private static final List<String> SHEETS = List.of("cases", "measurements", "ct_studies", "ct_reads", "ct_reads_kazerooni", "adverse_events");

    private final StudyProtocol protocol;
    private final OdmLayout layout;

    public OdmImporter(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.layout = new OdmLayout(protocol, true, true);
    }

    /** @param audit the check of the file's audit records (none: zero records) */
    public record Result(CaseWorkbook workbook, List<String> warnings, int values, OdmAuditCheck.Report audit) {}

    public Result read(Path file)
    {
        return run(file, null);
    }

    /** Reads the file and writes the workbook as a folder of CSV files (nothing on error). */
    public Result importTo(Path file, Path out)
    {
        return run(file, requireNonNull(out, "out is null"));
    }

    /** Where a workbook cell came from. */
    private record Origin(int line, String element, String value) {}

    /** One ItemGroupData: where it is, and its items (item OID → value, unit OID, line). */
    private static final class GroupData
    {
        final String subject;
        final String event;
        final String group;
        final int line;
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> units = new HashMap<>();
        final Map<String, Integer> lines = new HashMap<>();

        GroupData(String subject, String event, String group, int line)
        {
            this.subject = subject;
            this.event = event;
            this.group = group;
            this.line = line;
        }
    }

    private Result run(Path file, Path out)
    {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Reader reader = new Reader(name);
        OdmXml.read(file, name, reader);
        reader.finish();
        return reader.validate(out);
    }

    private final class Reader
            implements OdmXml.Handler
    {
        private final String file;
        private final List<OdmIssue> issues = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Deque<String> path = new ArrayDeque<>();
        private final Map<String, String> unitSymbols = new HashMap<>();
        private final Map<String, String> users = new HashMap<>();
        private final List<OdmAuditCheck.Record> auditRecords = new ArrayList<>();
        private final Map<String, Integer> subjects = new LinkedHashMap<>();
        private final List<GroupData> groups = new ArrayList<>();
        private final Set<String> groupKeys = new HashSet<>();
        private boolean rootSeen;
        private String unitOid;
        private String subject;
        private String event;
        private int eventLine;
        private String form;
        private GroupData group;
        private String itemOid;
        private OdmAuditCheck.Record.Builder audit;
        private int values;

        Reader(String file)
        {
            this.file = file;
        }

        @Override
        public void start(XMLStreamReader xml, int line)
                throws XMLStreamException
        {
            String local = xml.getLocalName();
            String parent = path.peek();
            if (!rootSeen) {
                rootSeen = true;
                if (!local.equals("ODM") || !OdmExporter.NAMESPACE.equals(xml.getNamespaceURI())) {
                    throw new OdmImportException(file, List.of(new OdmIssue(file, line, local, null,
                            "expected the root element ODM in the namespace " + OdmExporter.NAMESPACE + " (CDISC ODM 1.3)")));
                }
            }
            if (!OdmExporter.NAMESPACE.equals(xml.getNamespaceURI())) {
                // another vendor's extension: skipped with its content
                skip(xml);
                return;
            }
            switch (local) {
                case "MeasurementUnit" -> unitOid = attribute(xml, "OID", line);
                case "TranslatedText" -> {
                    String text = OdmXml.text(xml);
                    if ("Symbol".equals(parent) && unitOid != null) {
                        unitSymbols.put(unitOid, text);
                    }
                    return;
                }
                case "LoginName" -> {
                    String text = OdmXml.text(xml);
                    String oid = path.stream().filter(element -> element.startsWith("User#")).findFirst().map(element -> element.substring(5)).orElse(null);
                    if (oid != null) {
                        users.put(oid, text);
                    }
                    return;
                }
                case "ClinicalData" -> {
                    String study = xml.getAttributeValue(null, "StudyOID");
                    if (!OdmExporter.studyOid(protocol).equals(study)) {
                        throw new OdmImportException(file, List.of(new OdmIssue(file, line, "ClinicalData StudyOID", study,
                                "not the study of protocol " + protocol.id() + " (" + OdmExporter.studyOid(protocol)
                                        + "): give the protocol the file was exported with; a REDCap project.xml needs --mapping")));
                    }
                }
                case "SubjectData" -> {
                    subject = attribute(xml, "SubjectKey", line);
                    if (subject != null && subjects.putIfAbsent(subject, line) != null) {
                        issues.add(new OdmIssue(file, line, "SubjectData", subject, "a second SubjectData for this SubjectKey (the first is on line "
                                + subjects.get(subject) + ")"));
                    }
                }
                case "StudyEventData" -> {
                    event = attribute(xml, "StudyEventOID", line);
                    eventLine = line;
                    if (event != null && layout.findEvent(event).isEmpty()) {
                        issues.add(new OdmIssue(file, line, "StudyEventData", event, "not an event of protocol " + protocol.id() + "; expected one of "
                                + layout.events().stream().map(OdmLayout.Event::oid).collect(Collectors.joining(", "))));
                        event = null;
                    }
                }
                case "FormData" -> {
                    form = attribute(xml, "FormOID", line);
                    Optional<OdmLayout.Event> known = event == null ? Optional.empty() : layout.findEvent(event);
                    if (form != null && known.isPresent() && known.get().forms().stream().noneMatch(f -> f.oid().equals(form))) {
                        issues.add(new OdmIssue(file, line, "FormData", form, "not a form of event " + event + "; expected one of "
                                + known.get().forms().stream().map(OdmLayout.Form::oid).collect(Collectors.joining(", "))));
                        form = null;
                    }
                }
                case "ItemGroupData" -> itemGroup(xml, line);
                case "ItemData" -> item(xml, line);
                case "AuditRecord" -> {
                    if ("AuditRecords".equals(parent)) {
                        audit = new OdmAuditCheck.Record.Builder(line, xml.getAttributeValue(null, "ID"));
                    }
                }
                case "UserRef" -> {
                    if (audit != null) {
                        audit.userOid = xml.getAttributeValue(null, "UserOID");
                    }
                }
                case "DateTimeStamp", "ReasonForChange", "SourceID" -> {
                    String text = OdmXml.text(xml);
                    if (audit != null) {
                        switch (local) {
                            case "DateTimeStamp" -> audit.at = text;
                            case "ReasonForChange" -> audit.reason = text;
                            default -> audit.source = text;
                        }
                    }
                    return;
                }
                case "MeasurementUnitRef" -> {
                    if ("ItemData".equals(parent) && group != null && itemOid != null) {
                        group.units.put(itemOid, xml.getAttributeValue(null, "MeasurementUnitOID"));
                    }
                }
                case "ItemDataAny", "ItemDataString", "ItemDataInteger", "ItemDataFloat", "ItemDataDate", "ItemDataTime", "ItemDataDatetime", "ItemDataBoolean",
                        "ItemDataHexBinary", "ItemDataBase64Binary", "ItemDataHexFloat", "ItemDataBase64Float", "ItemDataPartialDate", "ItemDataPartialTime",
                        "ItemDataPartialDatetime", "ItemDataDurationDatetime", "ItemDataIntervalDatetime", "ItemDataIncompleteDatetime", "ItemDataIncompleteDate",
                        "ItemDataIncompleteTime", "ItemDataURI", "ItemDataDouble" -> {
                    issues.add(new OdmIssue(file, line, local, null, "typed item data is not read; casebook's ODM files use ItemData with a Value attribute"));
                    skip(xml);
                    return;
                }
                default -> { }
            }
            path.push(local.equals("User") ? "User#" + xml.getAttributeValue(null, "OID") : local);
        }

        @Override
        public void end(XMLStreamReader xml, int line)
        {
            String local = path.pop();
            switch (local) {
                case "SubjectData" -> subject = null;
                case "StudyEventData" -> event = null;
                case "FormData" -> form = null;
                case "ItemGroupData" -> group = null;
                case "ItemData" -> itemOid = null;
                case "MeasurementUnit" -> unitOid = null;
                case "AuditRecord" -> {
                    if (audit != null) {
                        auditRecords.add(audit.build());
                        audit = null;
                    }
                }
                default -> { }
            }
        }

        private void skip(XMLStreamReader xml)
                throws XMLStreamException
        {
            int depth = 1;
            while (depth > 0 && xml.hasNext()) {
                int next = xml.next();
                if (next == XMLStreamReader.START_ELEMENT) {
                    depth++;
                }
                else if (next == XMLStreamReader.END_ELEMENT) {
                    depth--;
                }
            }
        }

        private String attribute(XMLStreamReader xml, String name, int line)
        {
            String value = xml.getAttributeValue(null, name);
            if (value == null || value.isBlank()) {
                issues.add(new OdmIssue(file, line, xml.getLocalName(), null, "the attribute " + name + " is missing"));
                return null;
            }
            return value;
        }

        private void itemGroup(XMLStreamReader xml, int line)
        {
            String oid = attribute(xml, "ItemGroupOID", line);
            group = null;
            if (oid == null || subject == null || event == null || form == null) {
                return;
            }
            OdmLayout.Form known = layout.findForm(form).orElseThrow();
            if (known.groups().stream().noneMatch(g -> g.oid().equals(oid))) {
                issues.add(new OdmIssue(file, line, "ItemGroupData", oid, "not an item group of form " + form + "; expected one of "
                        + known.groups().stream().map(OdmLayout.Group::oid).collect(Collectors.joining(", "))));
                return;
            }
            String repeatKey = xml.getAttributeValue(null, "ItemGroupRepeatKey");
            OdmLayout.Group spec = layout.group(oid);
            if (spec.repeating() && (repeatKey == null || repeatKey.isBlank())) {
                issues.add(new OdmIssue(file, line, "ItemGroupData " + oid, null, "a repeating item group needs an ItemGroupRepeatKey"));
                return;
            }
            String key = subject + "\u0000" + event + "\u0000" + oid + "\u0000" + (repeatKey == null ? "" : repeatKey);
            if (!groupKeys.add(key)) {
                issues.add(new OdmIssue(file, line, "ItemGroupData " + oid, repeatKey, "a second ItemGroupData with this ItemGroupRepeatKey in subject "
                        + subject + ", event " + event));
                return;
            }
            group = new GroupData(subject, event, oid, line);
            groups.add(group);
        }

        private void item(XMLStreamReader xml, int line)
        {
            itemOid = null;
            String oid = attribute(xml, "ItemOID", line);
            if (oid == null || group == null) {
                return;
            }
            OdmLayout.Group spec = layout.group(group.group);
            if (spec.items().stream().noneMatch(item -> item.oid().equals(oid))) {
                issues.add(new OdmIssue(file, line, "ItemData", oid, "not an item of item group " + group.group + " of protocol " + protocol.id()));
                return;
            }
            if (group.values.containsKey(oid)) {
                issues.add(new OdmIssue(file, line, "ItemData " + oid, null, "a second value of this item in the same item group (the first is on line "
                        + group.lines.get(oid) + ")"));
                return;
            }
            String value = xml.getAttributeValue(null, "Value");
            group.values.put(oid, value == null ? "" : value);
            group.lines.put(oid, line);
            itemOid = oid;
            values++;
        }

        void finish()
        {
            if (!rootSeen) {
                issues.add(new OdmIssue(file, 0, null, null, "no ODM element: the file is empty"));
            }
        }

        /** Builds the workbook's sheets, checks them with the workbook importer and the audit records with their hashes. */
        Result validate(Path out)
        {
            Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
            Map<String, List<Map<String, Origin>>> origins = new LinkedHashMap<>();
            SHEETS.forEach(sheet -> {
                rows.put(sheet, new ArrayList<>());
                origins.put(sheet, new ArrayList<>());
            });
            Set<String> withCase = new HashSet<>();
            for (GroupData data : groups) {
                OdmLayout.Group spec = layout.group(data.group);
                String timepoint = layout.findEvent(data.event).orElseThrow().timepoint();
                if (data.group.equals("IG.MX")) {
                    for (VariableSpec variable : protocol.variables()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        Map<String, Origin> origin = new LinkedHashMap<>();
                        boolean any = false;
                        for (OdmLayout.Item item : spec.items()) {
                            if (!variable.name().equals(item.variable()) || !data.values.containsKey(item.oid())) {
                                continue;
                            }
                            any = true;
                            put(row, origin, item.column(), data, item.oid());
                            if (item.role() == OdmLayout.Role.VALUE) {
                                String unitRef = data.units.get(item.oid());
                                if (unitRef != null) {
                                    String symbol = unitSymbols.get(unitRef);
                                    if (symbol == null) {
                                        issues.add(new OdmIssue(file, data.lines.get(item.oid()), "MeasurementUnitRef", unitRef,
                                                "no MeasurementUnit with this OID in BasicDefinitions"));
                                    }
                                    else {
                                        row.put("unit", symbol);
                                        origin.put("unit", new Origin(data.lines.get(item.oid()), "MeasurementUnitRef " + unitRef, symbol));
                                    }
                                }
                            }
                        }
                        if (any) {
                            Origin itemOrigin = origin.values().iterator().next();
                            row.put("patient_id", data.subject);
                            origin.put("patient_id", new Origin(data.line, "ItemGroupData IG.MX of subject " + data.subject, data.subject));
                            row.put("timepoint", timepoint);
                            origin.put("timepoint", new Origin(data.line, "ItemGroupData IG.MX of event " + data.event, null));
                            row.put("variable", variable.name());
                            origin.put("variable", itemOrigin);
                            rows.get("measurements").add(row);
                            origins.get("measurements").add(origin);
                        }
                    }
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                Map<String, Origin> origin = new LinkedHashMap<>();
                row.put("patient_id", data.subject);
                origin.put("patient_id", new Origin(data.line, "ItemGroupData " + data.group + " of subject " + data.subject, data.subject));
                if (timepoint != null) {
                    row.put("timepoint", timepoint);
                    origin.put("timepoint", new Origin(data.line, "ItemGroupData " + data.group + " of event " + data.event, null));
                }
                for (OdmLayout.Item item : spec.items()) {
                    if (data.values.containsKey(item.oid())) {
                        put(row, origin, item.column(), data, item.oid());
                    }
                }
                if (spec.sheet().equals("cases")) {
                    if (!withCase.add(data.subject)) {
                        // a second IG.CASE in another event of the same subject is refused by the event check; this is defensive
                        continue;
                    }
                }
                rows.get(spec.sheet()).add(row);
                origins.get(spec.sheet()).add(origin);
            }
            // a subject without the case item group is still a case: the workbook import then names its missing required fields
            subjects.forEach((key, line) -> {
                if (!withCase.contains(key)) {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("patient_id", key);
                    rows.get("cases").add(row);
                    Map<String, Origin> origin = new LinkedHashMap<>();
                    origin.put("patient_id", new Origin(line, "SubjectData " + key + " (no ItemGroupData IG.CASE)", key));
                    origins.get("cases").add(origin);
                }
            });
            OdmAuditCheck.Report report = OdmAuditCheck.check(file, auditRecords, users, issues);
            throwIfAny();
            return check(rows, origins, report, out);
        }

        private void put(Map<String, String> row, Map<String, Origin> origin, String column, GroupData data, String itemOid)
        {
            String value = data.values.get(itemOid);
            row.put(column, value);
            origin.put(column, new Origin(data.lines.get(itemOid), "ItemData " + itemOid, value));
        }

        private Result check(Map<String, List<Map<String, String>>> rows, Map<String, List<Map<String, Origin>>> origins, OdmAuditCheck.Report report, Path out)
        {
            Path temp = null;
            try {
                temp = Files.createTempDirectory("casebook-odm-import-");
                Path folder = temp.resolve("cases");
                Files.createDirectories(folder);
                for (String sheet : SHEETS) {
                    List<String> header = header(sheet);
                    Files.writeString(folder.resolve(sheet + ".csv"), csv(header, rows.get(sheet)));
                }
                ImportResult result = null;
                try {
                    result = new WorkbookImporter(protocol).importFrom(folder);
                }
                catch (WorkbookImportException e) {
                    e.errors().forEach(error -> issues.add(translate(error, origins)));
                }
                throwIfAny();
                List<String> translated = new ArrayList<>(warnings);
                result.warnings().forEach(warning -> translated.add(translate(warning, origins).message()));
                if (out != null) {
                    new WorkbookWriter(protocol.caseSchema()).writeCsvFolder(result.workbook(), out);
                }
                return new Result(result.workbook(), translated, values, report);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            finally {
                OdmExporter.deleteTree(temp);
            }
        }

        private List<String> header(String sheet)
        {
            List<String> header = new ArrayList<>(List.of("patient_id"));
            if (sheet.equals("cases")) {
                protocol.caseSchema().fields().forEach(field -> header.add(field.name()));
            }
            else if (sheet.equals("measurements")) {
                header.addAll(List.of("timepoint", "variable", "value", "unit", "date"));
            }
            else {
                header.addAll(org.casebook.redcap.RedcapLayout.columns(protocol, sheet).keySet());
            }
            header.add("source");
            return header;
        }

        private OdmIssue translate(ImportIssue issue, Map<String, List<Map<String, Origin>>> origins)
        {
            String sheet = issue.sheet().endsWith(".csv") ? issue.sheet().substring(0, issue.sheet().length() - 4) : issue.sheet();
            String where = " (workbook " + sheet + (issue.column() == null ? "" : " column " + issue.column()) + ")";
            List<Map<String, Origin>> sheetOrigins = origins.get(sheet);
            if (sheetOrigins == null || issue.row() < 1 || issue.row() > sheetOrigins.size()) {
                return new OdmIssue(file, 0, null, issue.value(), issue.problem() + where);
            }
            Map<String, Origin> row = sheetOrigins.get(issue.row() - 1);
            Origin origin = issue.column() == null ? null : row.get(issue.column());
            if (origin == null) {
                origin = row.get("patient_id");
                return new OdmIssue(file, origin.line(), origin.element(), issue.value(), issue.problem() + where);
            }
            String value = origin.value() == null || origin.value().isEmpty() ? issue.value() : origin.value();
            return new OdmIssue(file, origin.line(), origin.element(), value, issue.problem() + where);
        }

        private void throwIfAny()
        {
            if (!issues.isEmpty()) {
                throw new OdmImportException(file, issues);
            }
        }
    }

    private static String csv(List<String> header, List<Map<String, String>> rows)
    {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(header);
            for (Map<String, String> row : rows) {
                printer.printRecord(header.stream().map(column -> row.getOrDefault(column, "")).toList());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
