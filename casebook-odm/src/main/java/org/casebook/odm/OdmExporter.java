package org.casebook.odm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseField;
import org.casebook.workbook.WorkbookWriter;

import static java.util.Objects.requireNonNull;

/**
 * Writes a protocol and its cases as CDISC ODM 1.3.2 (docs/odm.md): the protocol as the study's
 * metadata (events per time point, forms, item groups, items with data types, units, range
 * checks and code lists), the cases as {@code ClinicalData}, and, given the store's audit trail
 * ({@link OdmHistory}), the users, each value's last change as its {@code AuditRecord}, every
 * audit row of the study with its hashes, and a signature on each locked case. The values are the
 * workbook writer's text, so they read back exactly ({@link OdmImporter}).
 */
public final class OdmExporter
{
    static final String NAMESPACE = "http://www.cdisc.org/ns/odm/v1.3";
    static final String LOCATION_OID = "LOC.casebook";
    static final String LOCK_SIGNATURE_OID = "SD.LOCK";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudyProtocol protocol;

    public OdmExporter(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    /** What an export holds, for the command's summary. */
    public record Export(String xml, int subjects, int values, int auditRecords, int signatures) {}

    public Export export(CaseWorkbook workbook, Clock clock)
    {
        return export(workbook, null, clock);
    }

    /** @param history the store's audit trail of the study, or null for a workbook without one */
    public Export export(CaseWorkbook workbook, OdmHistory history, Clock clock)
    {
        requireNonNull(workbook, "workbook is null");
        boolean kazerooniProtocol = "kazerooni".equalsIgnoreCase(protocol.ctScoring().system());
        OdmLayout layout = new OdmLayout(protocol, !kazerooniProtocol || !workbook.ichikadoReads().isEmpty(),
                kazerooniProtocol || !workbook.kazerooniReads().isEmpty());
        Map<String, List<Map<String, String>>> sheets = sheets(workbook);
        return new Writer(layout, sheets, history, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)).write();
    }

    /** Writes the file atomically (a temporary file beside it, then moved over it). */
    public static void write(String xml, Path file)
    {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "." + file.getFileName() + ".tmp-", "");
            try {
                Files.writeString(temp, xml, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            finally {
                Files.deleteIfExists(temp);
            }
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String studyOid(StudyProtocol protocol)
    {
        return "ST." + protocol.id();
    }

    static String metadataOid(StudyProtocol protocol)
    {
        return "MDV." + protocol.id();
    }

    private final class Writer
    {
        private final OdmLayout layout;
        private final Map<String, List<Map<String, String>>> sheets;
        private final OdmHistory history;
        private final OffsetDateTime now;
        private final XmlOut xml = new XmlOut();
        private final Map<String, String> units = new LinkedHashMap<>();
        private final Map<String, String> users = new LinkedHashMap<>();
        /** patient id + '|' + audit field → the last audit row of that value */
        private final Map<String, OdmHistory.Row> lastChange = new LinkedHashMap<>();
        private final Map<String, OdmHistory.Row> lockedBy = new LinkedHashMap<>();
        private int values;
        private int signatures;

        Writer(OdmLayout layout, Map<String, List<Map<String, String>>> sheets, OdmHistory history, OffsetDateTime now)
        {
            this.layout = layout;
            this.sheets = sheets;
            this.history = history;
            this.now = now;
            collectUnits();
            if (history != null) {
                for (OdmHistory.Row row : history.rows()) {
                    users.putIfAbsent(row.username(), "U." + (users.size() + 1));
                    String patient = row.entity().equals("case") ? history.patients().get(row.entityId()) : null;
                    if (patient != null) {
                        lastChange.put(patient + "|" + row.field(), row);
                        if (row.field().equals("locked") && "yes".equals(row.newValue())) {
                            lockedBy.put(patient, row);
                        }
                    }
                }
            }
        }

        Export write()
        {
            String timestamp = now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            xml.start("ODM", "xmlns", NAMESPACE, "ODMVersion", "1.3.2", "FileType", "Snapshot", "Granularity", "All",
                    "FileOID", "casebook." + protocol.id() + "." + now.toEpochSecond(), "CreationDateTime", timestamp, "AsOfDateTime", timestamp,
                    "Originator", "casebook", "SourceSystem", "casebook",
                    "Description", protocol.title() + (history == null ? "" : "; the audit chain's newest hash at export: " + history.chainEnd()));
            study();
            if (history != null) {
                adminData();
            }
            clinicalData();
            xml.end();
            return new Export(xml.finish(), sheets.get("cases").size(), values, history == null ? 0 : history.rows().size(), signatures);
        }

        private void study()
        {
            xml.start("Study", "OID", studyOid(protocol));
            xml.start("GlobalVariables");
            xml.element("StudyName", protocol.title());
            xml.element("StudyDescription", protocol.design());
            xml.element("ProtocolName", protocol.id());
            xml.end();
            if (!units.isEmpty()) {
                xml.start("BasicDefinitions");
                units.forEach((symbol, oid) -> {
                    xml.start("MeasurementUnit", "OID", oid, "Name", symbol);
                    xml.translated("Symbol", symbol);
                    xml.end();
                });
                xml.end();
            }
            xml.start("MetaDataVersion", "OID", metadataOid(protocol), "Name", protocol.id(),
                    "Description", "casebook protocol " + protocol.id() + " (sha256 " + protocol.sha256() + ")");
            xml.start("Protocol");
            int order = 1;
            for (OdmLayout.Event event : layout.events()) {
                xml.empty("StudyEventRef", "StudyEventOID", event.oid(), "OrderNumber", Integer.toString(order++), "Mandatory", event.timepoint() == null ? "Yes" : "No");
            }
            xml.end();
            for (OdmLayout.Event event : layout.events()) {
                xml.start("StudyEventDef", "OID", event.oid(), "Name", event.name(), "Repeating", "No", "Type", event.timepoint() == null ? "Common" : "Scheduled",
                        "Category", event.timepoint() == null ? null : "time point");
                if (event.timepoint() != null) {
                    TimePoint timepoint = protocol.findTimepoint(event.timepoint()).orElseThrow();
                    xml.translated("Description", timepoint.name() + ": day " + timepoint.fromDay() + " to " + timepoint.toDay() + " from day 0");
                }
                int formOrder = 1;
                for (OdmLayout.Form form : event.forms()) {
                    xml.empty("FormRef", "FormOID", form.oid(), "OrderNumber", Integer.toString(formOrder++), "Mandatory", "No");
                }
                xml.end();
            }
            for (OdmLayout.Form form : layout.forms()) {
                xml.start("FormDef", "OID", form.oid(), "Name", form.name(), "Repeating", form.repeating() ? "Yes" : "No");
                int groupOrder = 1;
                for (OdmLayout.Group group : form.groups()) {
                    xml.empty("ItemGroupRef", "ItemGroupOID", group.oid(), "OrderNumber", Integer.toString(groupOrder++), "Mandatory", "No");
                }
                xml.end();
            }
            for (OdmLayout.Group group : layout.groups()) {
                xml.start("ItemGroupDef", "OID", group.oid(), "Name", group.name(), "Repeating", group.repeating() ? "Yes" : "No",
                        "Domain", null, "Comment", "the workbook sheet " + group.sheet());
                int itemOrder = 1;
                for (OdmLayout.Item item : group.items()) {
                    boolean key = group.sheet().equals("cases") && item.spec().required();
                    xml.empty("ItemRef", "ItemOID", item.oid(), "OrderNumber", Integer.toString(itemOrder++), "Mandatory", key ? "Yes" : "No");
                }
                xml.end();
            }
            for (OdmLayout.Item item : layout.items()) {
                itemDef(item);
            }
            codeLists();
            xml.end();
            xml.end();
        }

        private void itemDef(OdmLayout.Item item)
        {
            CaseField spec = item.spec();
            String length = spec.kind() == org.casebook.schema.FieldKind.TEXT && item.role() != OdmLayout.Role.SOURCE ? Integer.toString(spec.maxLength()) : null;
            xml.start("ItemDef", "OID", item.oid(), "Name", item.name(), "DataType", OdmLayout.dataType(spec), "Length", length,
                    "Origin", item.role() == OdmLayout.Role.SOURCE ? "where the workbook row came from (its source column)" : null);
            if (spec.help() != null && !spec.help().isBlank()) {
                xml.translated("Description", spec.help());
            }
            xml.translated("Question", item.label());
            if (item.unit() != null && !item.unit().isBlank()) {
                xml.empty("MeasurementUnitRef", "MeasurementUnitOID", units.get(item.unit()));
            }
            rangeCheck(item, "GE", spec.min() == null ? null : spec.min().stripTrailingZeros().toPlainString());
            rangeCheck(item, "LE", spec.max() == null ? null : spec.max().stripTrailingZeros().toPlainString());
            OdmLayout.codeList(item).ifPresent(oid -> xml.empty("CodeListRef", "CodeListOID", oid));
            xml.end();
        }

        private void rangeCheck(OdmLayout.Item item, String comparator, String value)
        {
            if (value == null) {
                return;
            }
            xml.start("RangeCheck", "Comparator", comparator, "SoftHard", "Hard");
            xml.element("CheckValue", value);
            if (item.unit() != null && !item.unit().isBlank()) {
                xml.empty("MeasurementUnitRef", "MeasurementUnitOID", units.get(item.unit()));
            }
            xml.translated("ErrorMessage", "expected " + ("GE".equals(comparator) ? "at least " : "at most ") + value
                    + (item.unit() == null || item.unit().isBlank() ? "" : " " + item.unit()));
            xml.end();
        }

        private void codeLists()
        {
            xml.start("CodeList", "OID", OdmLayout.YES_NO_CODES, "Name", "yes/no", "DataType", "text");
            codeListItem("yes", "Yes");
            codeListItem("no", "No");
            xml.end();
            for (OdmLayout.Item item : layout.items()) {
                Optional<String> oid = OdmLayout.codeList(item);
                if (oid.isPresent() && !oid.get().equals(OdmLayout.YES_NO_CODES)) {
                    xml.start("CodeList", "OID", oid.get(), "Name", item.name(), "DataType", "text");
                    item.spec().choices().forEach(choice -> codeListItem(choice, decode(item, choice)));
                    xml.end();
                }
            }
        }

        /** The words a level is shown under: an adverse event's related-to and outcome in the protocol's words, any other level as written. */
        private String decode(OdmLayout.Item item, String level)
        {
            var events = protocol.caseSchema().adverseEvents();
            return switch (item.oid()) {
                case "I.AE.related_to" -> events.relatedToLabel(level);
                case "I.AE.outcome" -> events.outcomeLabel(level);
                default -> level;
            };
        }

        private void codeListItem(String code, String decode)
        {
            xml.start("CodeListItem", "CodedValue", code);
            xml.translated("Decode", decode);
            xml.end();
        }

        private void adminData()
        {
            xml.start("AdminData", "StudyOID", studyOid(protocol));
            users.forEach((username, oid) -> {
                xml.start("User", "OID", oid);
                xml.element("LoginName", username);
                xml.end();
            });
            xml.start("Location", "OID", LOCATION_OID, "Name", history.location(), "LocationType", "Site");
            xml.empty("MetaDataVersionRef", "StudyOID", studyOid(protocol), "MetaDataVersionOID", metadataOid(protocol), "EffectiveDate", now.toLocalDate().toString());
            xml.end();
            xml.start("SignatureDef", "OID", LOCK_SIGNATURE_OID, "Methodology", "Electronic");
            xml.element("Meaning", "Case locked: its values were reviewed and are complete");
            xml.element("LegalReason", "The user locked the case in casebook after logging in with their own password");
            xml.end();
            xml.end();
        }

        private void clinicalData()
        {
            xml.start("ClinicalData", "StudyOID", studyOid(protocol), "MetaDataVersionOID", metadataOid(protocol));
            for (Map<String, String> caseRow : sheets.get("cases")) {
                subject(caseRow);
            }
            if (history != null && !history.rows().isEmpty()) {
                xml.start("AuditRecords");
                for (OdmHistory.Row row : history.rows()) {
                    auditRecord(row, "AR." + row.id(), source(row));
                }
                xml.end();
            }
            xml.end();
        }

        private void subject(Map<String, String> caseRow)
        {
            String patient = caseRow.get("patient_id");
            xml.start("SubjectData", "SubjectKey", patient);
            OdmHistory.Row lock = history != null && history.locked().contains(patient) ? lockedBy.get(patient) : null;
            if (lock != null) {
                xml.start("Signature");
                xml.empty("UserRef", "UserOID", users.get(lock.username()));
                xml.empty("LocationRef", "LocationOID", LOCATION_OID);
                xml.empty("SignatureRef", "SignatureOID", LOCK_SIGNATURE_OID);
                xml.element("DateTimeStamp", lock.at());
                xml.end();
                signatures++;
            }
            xml.start("StudyEventData", "StudyEventOID", OdmLayout.CASE_EVENT);
            xml.start("FormData", "FormOID", "F.CASE");
            groupData(patient, layout.group("IG.CASE"), null, caseRow);
            xml.end();
            List<Map<String, String>> events = rowsOf("adverse_events", patient, null);
            if (!events.isEmpty()) {
                xml.start("FormData", "FormOID", "F.AE");
                int key = 1;
                for (Map<String, String> event : events) {
                    groupData(patient, layout.group("IG.AE"), Integer.toString(key++), event);
                }
                xml.end();
            }
            xml.end();
            for (TimePoint timepoint : protocol.timepoints()) {
                timepoint(patient, timepoint.name());
            }
            xml.end();
        }

        private void timepoint(String patient, String timepoint)
        {
            List<Map<String, String>> measurements = rowsOf("measurements", patient, timepoint);
            List<Map<String, String>> studies = rowsOf("ct_studies", patient, timepoint);
            List<Map<String, String>> ichikado = rowsOf("ct_reads", patient, timepoint);
            List<Map<String, String>> kazerooni = rowsOf("ct_reads_kazerooni", patient, timepoint);
            if (measurements.isEmpty() && studies.isEmpty() && ichikado.isEmpty() && kazerooni.isEmpty()) {
                return;
            }
            xml.start("StudyEventData", "StudyEventOID", OdmLayout.timepointEvent(timepoint));
            if (!measurements.isEmpty()) {
                xml.start("FormData", "FormOID", "F.MX");
                xml.start("ItemGroupData", "ItemGroupOID", "IG.MX");
                for (VariableSpec variable : protocol.variables()) {
                    for (Map<String, String> row : measurements) {
                        if (row.get("variable").equals(variable.name())) {
                            String field = timepoint + "." + variable.name();
                            itemData(patient, field, "I.MX." + variable.name(), row.get("value"), row.get("unit"));
                            itemData(patient, null, "I.MX." + variable.name() + ".DATE", row.get("date"), null);
                            itemData(patient, null, "I.MX." + variable.name() + "." + OdmLayout.SOURCE, row.get("source"), null);
                        }
                    }
                }
                xml.end();
                xml.end();
            }
            if (!studies.isEmpty() || !ichikado.isEmpty() || !kazerooni.isEmpty()) {
                xml.start("FormData", "FormOID", "F.CT");
                for (Map<String, String> row : studies) {
                    groupData(patient, layout.group("IG.CTS"), null, row);
                }
                int key = 1;
                for (Map<String, String> row : ichikado) {
                    groupData(patient, layout.group("IG.CTR"), Integer.toString(key++), row);
                }
                key = 1;
                for (Map<String, String> row : kazerooni) {
                    groupData(patient, layout.group("IG.CTK"), Integer.toString(key++), row);
                }
                xml.end();
            }
            xml.end();
        }

        private void groupData(String patient, OdmLayout.Group group, String repeatKey, Map<String, String> row)
        {
            xml.start("ItemGroupData", "ItemGroupOID", group.oid(), "ItemGroupRepeatKey", repeatKey);
            for (OdmLayout.Item item : group.items()) {
                String field = group.sheet().equals("cases") ? item.column() : null;
                itemData(patient, field, item.oid(), row.get(item.column()), null);
            }
            xml.end();
        }

        private void itemData(String patient, String auditField, String itemOid, String value, String unit)
        {
            if (value == null || value.isEmpty()) {
                return;
            }
            values++;
            OdmHistory.Row change = auditField == null ? null : lastChange.get(patient + "|" + auditField);
            boolean hasUnit = unit != null && !unit.isBlank();
            if (change == null && !hasUnit) {
                xml.empty("ItemData", "ItemOID", itemOid, "Value", value);
                return;
            }
            xml.start("ItemData", "ItemOID", itemOid, "Value", value);
            if (change != null) {
                auditRecord(change, null, "casebook audit_log row " + change.id() + " (AR." + change.id() + ")");
            }
            if (hasUnit) {
                xml.empty("MeasurementUnitRef", "MeasurementUnitOID", units.get(unit));
            }
            xml.end();
        }

        private void auditRecord(OdmHistory.Row row, String id, String source)
        {
            xml.start("AuditRecord", "ID", id);
            xml.empty("UserRef", "UserOID", users.get(row.username()));
            xml.empty("LocationRef", "LocationOID", LOCATION_OID);
            xml.element("DateTimeStamp", row.at());
            if (row.reason() != null) {
                xml.element("ReasonForChange", row.reason());
            }
            xml.element("SourceID", source);
            xml.end();
        }

        /** The hashed fields ODM has no element for, and the hashes: {@link OdmAuditCheck} recomputes the row's hash from them. */
        private String source(OdmHistory.Row row)
        {
            ObjectNode node = JSON.createObjectNode();
            node.put("row", row.id());
            node.put("study", row.studyId());
            node.put("entity", row.entity());
            node.put("entityId", row.entityId());
            node.put("version", row.version());
            node.put("field", row.field());
            node.put("old", row.oldValue());
            node.put("new", row.newValue());
            node.put("prevHash", row.prevHash());
            node.put("sha256", row.hash());
            String patient = row.entity().equals("case") ? history.patients().get(row.entityId()) : null;
            if (patient != null) {
                node.put("patient", patient);
            }
            return node.toString();
        }

        /** sheet → patient id → the patient's rows, in the sheet's order */
        private final Map<String, Map<String, List<Map<String, String>>>> byPatient = new LinkedHashMap<>();

        private List<Map<String, String>> rowsOf(String sheet, String patient, String timepoint)
        {
            Map<String, List<Map<String, String>>> rows = byPatient.computeIfAbsent(sheet, name -> {
                Map<String, List<Map<String, String>>> grouped = new LinkedHashMap<>();
                sheets.getOrDefault(name, List.of()).forEach(row -> grouped.computeIfAbsent(row.get("patient_id"), key -> new ArrayList<>()).add(row));
                return grouped;
            });
            return rows.getOrDefault(patient, List.of()).stream()
                    .filter(row -> timepoint == null || timepoint.equals(row.get("timepoint")))
                    .toList();
        }

        private void collectUnits()
        {
            Set<String> symbols = new LinkedHashSet<>();
            protocol.variables().forEach(variable -> symbols.add(variable.unit()));
            protocol.caseSchema().fields().forEach(field -> symbols.add(field.unit()));
            sheets.getOrDefault("measurements", List.of()).forEach(row -> symbols.add(row.get("unit")));
            for (String symbol : symbols) {
                if (symbol != null && !symbol.isBlank()) {
                    units.put(symbol, "MU." + (units.size() + 1));
                }
            }
        }
    }

    /** The workbook's sheets as the workbook writer formats them: rows of column → text. */
    private Map<String, List<Map<String, String>>> sheets(CaseWorkbook workbook)
    {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("casebook-odm-export-");
            Path folder = temp.resolve("cases");
            new WorkbookWriter(protocol.caseSchema()).writeCsvFolder(workbook, folder);
            Map<String, List<Map<String, String>>> sheets = new LinkedHashMap<>();
            for (String sheet : List.of("cases", "measurements", "ct_studies", "ct_reads", "ct_reads_kazerooni", "adverse_events")) {
                Path file = folder.resolve(sheet + ".csv");
                sheets.put(sheet, Files.exists(file) ? readCsv(file) : List.of());
            }
            return sheets;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            deleteTree(temp);
        }
    }

    private static List<Map<String, String>> readCsv(Path file)
            throws IOException
    {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String column : header) {
                    row.put(column, record.isSet(column) ? record.get(column) : "");
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static void deleteTree(Path folder)
    {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary folder " + folder, e);
        }
    }
}
