package org.casebook.redcap;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;
import org.casebook.workbook.WorkbookWriter;

import static java.util.Objects.requireNonNull;

/**
 * Writes a protocol's case schema as a REDCap data dictionary and a workbook's cases as a REDCap
 * flat import file for it (docs/redcap.md). The cells come from the workbook as the workbook
 * writer formats them, so numbers and dates read back exactly.
 */
public final class RedcapExporter
{
    static final String COMPLETE = "2";
    private static final String YES_NO_CHOICES = "1, Yes | 0, No";

    private final StudyProtocol protocol;

    public RedcapExporter(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    /** The dictionary and the records file of one export. */
    public record Export(DataDictionary dictionary, String recordsCsv, int records, int instances) {}

    public DataDictionary dictionary()
    {
        List<DictionaryField> fields = new ArrayList<>();
        if (protocol.caseSchema().findField(RedcapLayout.RECORD_ID).isPresent()) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "the protocol has a case field named " + RedcapLayout.RECORD_ID + ", the REDCap record id");
        }
        fields.add(field(RedcapLayout.RECORD_ID, RedcapLayout.CASE_FORM, "Patient ID", "text", "", "the study code of the case (patient_id), never a name or record number", "", "", "", ""));
        // REDCap shows a "Section Header" above the field that starts a section: the first case field of each
        // protocol section (a field without one under "Case", as on casebook's form), when the protocol has sections
        boolean sectioned = protocol.caseSchema().fields().stream().anyMatch(field -> field.section() != null);
        String section = null;
        for (CaseField caseField : protocol.caseSchema().fields()) {
            DictionaryField field = field(caseField, caseField.name(), RedcapLayout.CASE_FORM, caseField.kind() == FieldKind.TEXT);
            String fieldSection = caseField.section() == null ? "Case" : caseField.section();
            if (sectioned && !fieldSection.equals(section)) {
                field = field.withSectionHeader(fieldSection);
            }
            section = fieldSection;
            fields.add(field);
        }
        fields.add(field(RedcapLayout.category(RedcapLayout.TIMEPOINT_FIELD, "Time point", protocol.timepointNames(), true),
                RedcapLayout.TIMEPOINT_FIELD, RedcapLayout.MEASUREMENTS_FORM, false, RedcapLayout.timepointLabels(protocol).values().stream().toList()));
        for (VariableSpec variable : protocol.variables()) {
            String name = RedcapLayout.variableField(protocol, variable);
            fields.add(field(name, RedcapLayout.MEASUREMENTS_FORM, variable.label(), "text", "", variable.unit(), "number",
                    plain(variable.min()), plain(variable.max()), ""));
            fields.add(field(name + RedcapLayout.DATE_SUFFIX, RedcapLayout.MEASUREMENTS_FORM, variable.label() + " date", "text", "", "", "date_ymd", "", "", ""));
        }
        for (String sheet : rowSheets()) {
            for (Map.Entry<String, CaseField> column : RedcapLayout.columns(protocol, sheet).entrySet()) {
                boolean identifier = column.getKey().equals("study_id");
                List<String> labels = List.copyOf(RedcapLayout.choiceWords(protocol, sheet, column.getKey(), column.getValue()).values());
                fields.add(field(column.getValue(), RedcapLayout.prefix(sheet) + column.getKey(), sheet, identifier, labels));
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (DictionaryField field : fields) {
            if (!names.add(field.fieldName())) {
                throw new CasebookException(ErrorCode.BAD_INPUT, "the REDCap field name " + field.fieldName() + " would be used twice; rename the protocol's case field or variable");
            }
        }
        return new DataDictionary(fields);
    }

    /** The row sheets exported: CT studies, the protocol's CT reads, adverse events. */
    private List<String> rowSheets()
    {
        String reads = "kazerooni".equalsIgnoreCase(protocol.ctScoring().system()) ? "ct_reads_kazerooni" : "ct_reads";
        return List.of("ct_studies", reads, "adverse_events");
    }

    /**
     * @throws CasebookException when the workbook has CT reads of the other scoring system, which the project has no instrument for
     */
    public Export export(CaseWorkbook workbook)
    {
        requireNonNull(workbook, "workbook is null");
        boolean kazerooni = "kazerooni".equalsIgnoreCase(protocol.ctScoring().system());
        if (kazerooni ? !workbook.ichikadoReads().isEmpty() : !workbook.kazerooniReads().isEmpty()) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "the workbook has CT reads of the scoring system the protocol does not use (" + protocol.ctScoring().system()
                    + "); a REDCap export would lose them");
        }
        DataDictionary dictionary = dictionary();
        Map<String, CsvTable> sheets = workbookSheets(workbook);
        List<String> header = recordsHeader(dictionary);
        List<List<String>> rows = new ArrayList<>();
        int instances = 0;
        for (CsvTable.Row caseRow : sheets.get("cases").rows()) {
            String patient = caseRow.cell("patient_id");
            Map<String, String> cells = new LinkedHashMap<>();
            cells.put(RedcapLayout.RECORD_ID, patient);
            protocol.caseSchema().fields().forEach(field -> cells.put(field.name(), encode(field, caseRow.cell(field.name()))));
            cells.put(RedcapLayout.CASE_FORM + "_complete", COMPLETE);
            rows.add(align(header, cells));
            instances += addMeasurements(patient, sheets.get("measurements"), header, rows);
            for (String sheet : rowSheets()) {
                instances += addRowInstances(patient, sheet, sheets.get(sheet), header, rows);
            }
        }
        return new Export(dictionary, csv(header, rows), sheets.get("cases").rows().size(), instances);
    }

    /** Writes {@code dictionary.csv} and {@code records.csv} into the folder, each file atomically. */
    public static void write(Export export, Path folder)
    {
        try {
            Files.createDirectories(folder);
            writeAtomically(folder.resolve("dictionary.csv"), export.dictionary().toCsv());
            writeAtomically(folder.resolve("records.csv"), export.recordsCsv());
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot write to " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * REDCap's project XML of an export (docs/redcap.md): the dictionary, the repeating
     * instruments switched on and the records, for *Create new project* in one upload.
     */
    public String projectXml(Export export, java.time.Clock clock)
    {
        List<String> repeating = export.dictionary().forms().stream().filter(form -> !form.equals(RedcapLayout.CASE_FORM)).toList();
        CsvTable records = CsvTable.parse(export.recordsCsv(), "records.csv");
        return new RedcapProjectXml(protocol.id(), export.dictionary(), repeating).write(records, java.time.LocalDateTime.now(clock));
    }

    /** Writes {@code project.xml} into the folder, atomically. */
    public static void writeProjectXml(String xml, Path folder)
    {
        try {
            Files.createDirectories(folder);
            writeAtomically(folder.resolve("project.xml"), xml);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot write to " + folder + ": " + e.getMessage(), e);
        }
    }

    private int addMeasurements(String patient, CsvTable sheet, List<String> header, List<List<String>> rows)
    {
        int instance = 0;
        for (String timepoint : protocol.timepointNames()) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (CsvTable.Row row : sheet.rows()) {
                if (row.cell("patient_id").equals(patient) && row.cell("timepoint").equals(timepoint)) {
                    VariableSpec variable = protocol.findVariable(row.cell("variable")).orElseThrow();
                    String field = RedcapLayout.variableField(protocol, variable);
                    cells.put(field, row.cell("value"));
                    cells.put(field + RedcapLayout.DATE_SUFFIX, row.cell("date"));
                }
            }
            if (!cells.isEmpty()) {
                instance++;
                cells.put(RedcapLayout.TIMEPOINT_FIELD, encode(RedcapLayout.columns(protocol, "measurements").get("timepoint"), timepoint));
                rows.add(align(header, instanceCells(patient, RedcapLayout.MEASUREMENTS_FORM, instance, cells)));
            }
        }
        return instance;
    }

    private int addRowInstances(String patient, String sheetName, CsvTable sheet, List<String> header, List<List<String>> rows)
    {
        int instance = 0;
        Map<String, CaseField> columns = RedcapLayout.columns(protocol, sheetName);
        for (CsvTable.Row row : sheet.rows()) {
            if (!row.cell("patient_id").equals(patient)) {
                continue;
            }
            instance++;
            Map<String, String> cells = new LinkedHashMap<>();
            columns.forEach((column, spec) -> cells.put(RedcapLayout.prefix(sheetName) + column, encode(spec, row.cell(column))));
            rows.add(align(header, instanceCells(patient, sheetName, instance, cells)));
        }
        return instance;
    }

    private static Map<String, String> instanceCells(String patient, String form, int instance, Map<String, String> values)
    {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put(RedcapLayout.RECORD_ID, patient);
        cells.put("redcap_repeat_instrument", form);
        cells.put("redcap_repeat_instance", Integer.toString(instance));
        cells.putAll(values);
        cells.put(form + "_complete", COMPLETE);
        return cells;
    }

    /** record_id, the repeat columns, then each form's fields followed by {@code <form>_complete}, as REDCap's export orders them. */
    static List<String> recordsHeader(DataDictionary dictionary)
    {
        List<String> header = new ArrayList<>(List.of(RedcapLayout.RECORD_ID, "redcap_repeat_instrument", "redcap_repeat_instance"));
        for (String form : dictionary.forms()) {
            dictionary.fields().stream()
                    .filter(field -> field.formName().equals(form) && !field.fieldName().equals(RedcapLayout.RECORD_ID))
                    .forEach(field -> header.addAll(field.recordColumns()));
            header.add(form + "_complete");
        }
        return header;
    }

    private static List<String> align(List<String> header, Map<String, String> cells)
    {
        return header.stream().map(column -> cells.getOrDefault(column, "")).toList();
    }

    /** A workbook cell as REDCap stores it: yes/no as 1/0, a category or agent as its choice code; anything else as written. */
    static String encode(CaseField spec, String text)
    {
        if (text == null || text.isBlank()) {
            return "";
        }
        return switch (spec.kind()) {
            case YES_NO -> Boolean.TRUE.equals(FieldKind.parseYesNo(text)) ? "1" : "0";
            case CATEGORY, AGENT -> Integer.toString(indexOf(spec.choices(), text) + 1);
            case DATE, NUMBER, INTEGER, TEXT -> text;
        };
    }

    private static int indexOf(List<String> choices, String text)
    {
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).equalsIgnoreCase(text.strip())) {
                return i;
            }
        }
        throw new IllegalStateException("'" + text + "' is not one of " + choices + " although the workbook import accepted it");
    }

    private DictionaryField field(CaseField spec, String name, String form, boolean identifier)
    {
        return field(spec, name, form, identifier, spec.choices());
    }

    private DictionaryField field(CaseField spec, String name, String form, boolean identifier, List<String> choiceLabels)
    {
        String note = String.join("; ", nonBlank(spec.unit(), spec.help()));
        String min = spec.min() == null ? "" : spec.min().toPlainString();
        String max = spec.max() == null ? "" : spec.max().toPlainString();
        String flag = identifier ? "y" : "";
        String required = spec.required() ? "y" : "";
        return switch (spec.kind()) {
            case DATE -> field(name, form, spec.label(), "text", "", note, "date_ymd", "", "", flag, required);
            case NUMBER -> field(name, form, spec.label(), "text", "", note, "number", min, max, flag, required);
            case INTEGER -> field(name, form, spec.label(), "text", "", note, "integer", min, max, flag, required);
            case YES_NO -> field(name, form, spec.label(), "radio", YES_NO_CHOICES, note, "", "", "", flag, required);
            case CATEGORY, AGENT -> field(name, form, spec.label(), "dropdown", choices(choiceLabels), note, "", "", "", flag, required);
            case TEXT -> field(name, form, spec.label(), spec.maxLength() > 255 ? "notes" : "text", "", note, "", "", "", flag, required);
        };
    }

    private static DictionaryField field(String name, String form, String label, String type, String choices, String note, String validation, String min, String max,
            String identifier)
    {
        return field(name, form, label, type, choices, note, validation, min, max, identifier, "");
    }

    private static DictionaryField field(String name, String form, String label, String type, String choices, String note, String validation, String min, String max,
            String identifier, String required)
    {
        return new DictionaryField(name, form, "", type, label, choices, note, validation, min, max, identifier, "", required, "", "", "", "", "");
    }

    private static String choices(List<String> labels)
    {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            items.add((i + 1) + ", " + labels.get(i));
        }
        return String.join(" | ", items);
    }

    private static List<String> nonBlank(String... texts)
    {
        List<String> list = new ArrayList<>();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                list.add(text);
            }
        }
        return list;
    }

    private static String plain(double value)
    {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The workbook's sheets as the workbook writer formats them, read back as text tables. */
    private Map<String, CsvTable> workbookSheets(CaseWorkbook workbook)
    {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("casebook-redcap-export-");
            Path folder = temp.resolve("cases");
            new WorkbookWriter(protocol.caseSchema()).writeCsvFolder(workbook, folder);
            Map<String, CsvTable> sheets = new LinkedHashMap<>();
            sheets.put("cases", CsvTable.read(folder.resolve("cases.csv"), "cases.csv"));
            for (String sheet : RedcapLayout.SHEETS) {
                sheets.put(sheet, CsvTable.read(folder.resolve(sheet + ".csv"), sheet + ".csv"));
            }
            return sheets;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            TempFolders.delete(temp);
        }
    }

    static String csv(List<String> header, List<List<String>> rows)
    {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static void writeAtomically(Path file, String text)
            throws IOException
    {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".tmp-", "");
        try {
            Files.writeString(temp, text);
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
}
