package org.casebook.redcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.StudyProtocol;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;
import org.casebook.workbook.ImportIssue;
import org.casebook.workbook.ImportResult;
import org.casebook.workbook.WorkbookImportException;
import org.casebook.workbook.WorkbookImporter;
import org.casebook.workbook.WorkbookWriter;

import static java.util.Objects.requireNonNull;

/**
 * Turns a REDCap project's export (data dictionary, flat records, optionally the events file)
 * into a case workbook through a mapping (docs/redcap.md). The mapped cells are written as a
 * workbook and read by the workbook importer, so every value is validated exactly as a workbook
 * import validates it; its errors are traced back to the REDCap file, row, column and value.
 * Either everything is valid or nothing is written.
 */
public final class RedcapImporter
{
    private static final String REPEAT_INSTRUMENT = "redcap_repeat_instrument";
    private static final String REPEAT_INSTANCE = "redcap_repeat_instance";
    private static final String EVENT = "redcap_event_name";

    private final StudyProtocol protocol;

    public RedcapImporter(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    /** The files of one REDCap export; {@code events} may be null (a classic project). */
    public record Input(Path dictionary, Path records, Path events, Path mapping)
    {
        public Input
        {
            requireNonNull(dictionary, "dictionary is null");
            requireNonNull(records, "records is null");
            requireNonNull(mapping, "mapping is null");
        }
    }

    /**
     * An imported workbook, its warnings (located like errors), how many REDCap values were
     * placed, and the record columns holding values that no rule maps.
     */
    public record Result(CaseWorkbook workbook, List<String> warnings, int placed, List<String> unmapped) {}

    /** Where a workbook cell came from. */
    private record Origin(String file, int row, String column, String value) {}

    /** One workbook sheet being built: its columns, rows and each cell's origin. */
    private static final class Generated
    {
        final Set<String> columns = new LinkedHashSet<>();
        final List<Map<String, String>> rows = new ArrayList<>();
        final List<Map<String, Origin>> origins = new ArrayList<>();
    }

    /**
     * @throws RedcapImportException listing every problem, located in the REDCap files or the mapping
     */
    public Result read(Input input)
    {
        return run(input, null);
    }

    /** Reads the export and writes the workbook as a folder of CSV files (atomically: nothing on error). */
    public Result importTo(Input input, Path out)
    {
        return run(input, requireNonNull(out, "out is null"));
    }

    private Result run(Input input, Path out)
    {
        String dictionaryName = input.dictionary().getFileName().toString();
        String recordsName = input.records().getFileName().toString();
        String mappingName = input.mapping().getFileName().toString();
        DataDictionary dictionary = DataDictionary.read(input.dictionary(), dictionaryName);
        CsvTable records = CsvTable.read(input.records(), recordsName);
        Set<String> events = input.events() == null ? Set.of() : eventNames(CsvTable.read(input.events(), input.events().getFileName().toString()));
        RedcapMapping mapping = RedcapMapping.parse(mappingName, CsvTable.readText(input.mapping()));
        Session session = new Session(dictionary, records, events, mapping);
        session.checkMapping();
        Map<String, Generated> sheets = session.build();
        return session.validate(sheets, out);
    }

    private static Set<String> eventNames(CsvTable events)
    {
        Set<String> names = new LinkedHashSet<>();
        events.rows().forEach(row -> names.add(row.cell("unique_event_name").strip()));
        return names;
    }

    /** One import: the inputs and the problems found so far. */
    private final class Session
    {
        private final DataDictionary dictionary;
        private final CsvTable records;
        private final Set<String> events;
        private final RedcapMapping mapping;
        private final List<RedcapIssue> issues = new ArrayList<>();
        private final Set<String> usedColumns = new LinkedHashSet<>();
        private int placed;

        Session(DataDictionary dictionary, CsvTable records, Set<String> events, RedcapMapping mapping)
        {
            this.dictionary = dictionary;
            this.records = records;
            this.events = events;
            this.mapping = mapping;
        }

        private RedcapIssue mappingIssue(int line, String column, String value, String problem)
        {
            return new RedcapIssue(mapping.file() + " line " + line, 0, column, value, problem);
        }

        /** Every field, event, instrument and column the mapping names must exist. */
        void checkMapping()
        {
            if (mapping.protocolId() != null && !mapping.protocolId().equals(protocol.id())) {
                issues.add(mappingIssue(1, "protocol", mapping.protocolId(), "the mapping was written for another protocol than " + protocol.id()));
            }
            if (!records.hasColumn(mapping.recordIdField())) {
                issues.add(mappingIssue(1, "record_id", mapping.recordIdField(), "not a column of " + records.file()));
            }
            checkRule("cases", mapping.cases());
            mapping.sheets().forEach((sheet, rules) -> rules.forEach(rule -> checkRule(sheet, rule)));
            throwIfAny("the mapping " + mapping.file());
        }

        private void checkRule(String sheet, RedcapMapping.Rule rule)
        {
            checkEvent(rule.event(), rule.line());
            if (rule.instrument() != null && !instruments().contains(rule.instrument())) {
                issues.add(mappingIssue(rule.line(), "instrument", rule.instrument(), "no repeating instrument of that name in " + records.file()
                        + "; found: " + String.join(", ", instruments())));
            }
            for (Map.Entry<String, RedcapMapping.Source> entry : rule.columns().entrySet()) {
                RedcapMapping.Source source = entry.getValue();
                if (RedcapLayout.findColumn(protocol, sheet, entry.getKey()).isEmpty()) {
                    issues.add(mappingIssue(source.line(), entry.getKey(), null, "not a column of the workbook's " + sheet + " sheet; known: "
                            + String.join(", ", RedcapLayout.columns(protocol, sheet).keySet())));
                }
                if (source.field() != null && !records.hasColumn(source.field())) {
                    issues.add(mappingIssue(source.line(), entry.getKey(), source.field(), "no column of that name in " + records.file()));
                }
                if (source.checkbox() != null && checkboxColumns(source.checkbox()).isEmpty()) {
                    issues.add(mappingIssue(source.line(), entry.getKey(), source.checkbox(), "not a checkbox field of the dictionary with columns in " + records.file()));
                }
                checkEvent(source.event(), source.line());
            }
        }

        private void checkEvent(String event, int line)
        {
            if (event == null) {
                return;
            }
            Set<String> known = new TreeSet<>(events);
            records.rows().forEach(row -> known.add(row.cell(EVENT)));
            known.remove("");
            if (!known.contains(event)) {
                issues.add(mappingIssue(line, "event", event, "no such event; known: " + String.join(", ", known)));
            }
        }

        private Set<String> instruments()
        {
            Set<String> instruments = new TreeSet<>();
            records.rows().forEach(row -> instruments.add(row.cell(REPEAT_INSTRUMENT)));
            instruments.remove("");
            instruments.addAll(dictionary.forms());
            return instruments;
        }

        private List<String> checkboxColumns(String field)
        {
            return dictionary.findField(field).filter(DictionaryField::isCheckbox)
                    .map(DictionaryField::recordColumns).orElse(List.of())
                    .stream().filter(records::hasColumn).toList();
        }

        Map<String, Generated> build()
        {
            Map<String, List<CsvTable.Row>> byRecord = new LinkedHashMap<>();
            for (CsvTable.Row row : records.rows()) {
                String id = row.cell(mapping.recordIdField()).strip();
                if (id.isEmpty()) {
                    issues.add(new RedcapIssue(records.file(), row.number(), mapping.recordIdField(), "", "a row with values needs a record id"));
                    continue;
                }
                byRecord.computeIfAbsent(id, key -> new ArrayList<>()).add(row);
            }
            Map<String, Generated> sheets = new LinkedHashMap<>();
            sheets.put("cases", cases(byRecord));
            for (String sheet : RedcapLayout.SHEETS) {
                Generated generated = new Generated();
                generated.columns.add("patient_id");
                List<RedcapMapping.Rule> rules = mapping.sheets().get(sheet);
                if (rules == null || rules.isEmpty()) {
                    generated.columns.addAll(RedcapLayout.columns(protocol, sheet).keySet());
                }
                else {
                    rules.forEach(rule -> generated.columns.addAll(rule.columns().keySet()));
                    for (CsvTable.Row row : records.rows()) {
                        for (RedcapMapping.Rule rule : rules) {
                            if (selects(rule, row)) {
                                addSheetRow(sheet, rule, row, generated);
                            }
                        }
                    }
                }
                generated.columns.add("source");
                sheets.put(sheet, generated);
            }
            return sheets;
        }

        private boolean selects(RedcapMapping.Rule rule, CsvTable.Row row)
        {
            String instrument = row.cell(REPEAT_INSTRUMENT);
            boolean instrumentMatches = rule.instrument() == null ? instrument.isEmpty() : rule.instrument().equals(instrument);
            return instrumentMatches && (rule.event() == null || rule.event().equals(row.cell(EVENT))) && !row.cell(mapping.recordIdField()).isBlank();
        }

        private Generated cases(Map<String, List<CsvTable.Row>> byRecord)
        {
            Generated generated = new Generated();
            generated.columns.add("patient_id");
            generated.columns.addAll(mapping.cases().columns().keySet());
            generated.columns.add("source");
            for (Map.Entry<String, List<CsvTable.Row>> record : byRecord.entrySet()) {
                CsvTable.Row first = record.getValue().get(0);
                Map<String, String> cells = new LinkedHashMap<>();
                Map<String, Origin> origins = new LinkedHashMap<>();
                cells.put("patient_id", record.getKey());
                origins.put("patient_id", new Origin(records.file(), first.number(), mapping.recordIdField(), record.getKey()));
                for (Map.Entry<String, RedcapMapping.Source> column : mapping.cases().columns().entrySet()) {
                    CaseField target = protocol.caseSchema().findField(column.getKey()).orElseThrow();
                    caseCell(record.getValue(), column.getKey(), column.getValue(), target, cells, origins);
                }
                cells.put("source", records.file() + " row " + first.number());
                generated.rows.add(cells);
                generated.origins.add(origins);
            }
            return generated;
        }

        /** A case field: the one value the record's non-repeating rows (of the event, when named) hold. */
        private void caseCell(List<CsvTable.Row> rows, String column, RedcapMapping.Source source, CaseField target, Map<String, String> cells,
                Map<String, Origin> origins)
        {
            String event = source.event() != null ? source.event() : mapping.cases().event();
            Origin chosen = null;
            String value = "";
            for (CsvTable.Row row : rows) {
                if (!row.cell(REPEAT_INSTRUMENT).isEmpty() || event != null && !event.equals(row.cell(EVENT))) {
                    continue;
                }
                Origin origin = origin(source, row);
                Optional<String> converted = convert(source, target, "cases", row, origin);
                if (chosen == null) {
                    chosen = origin;
                }
                if (converted.isEmpty() || converted.get().isEmpty()) {
                    continue;
                }
                if (value.isEmpty()) {
                    value = converted.get();
                    chosen = origin;
                }
                else if (!value.equals(converted.get())) {
                    issues.add(new RedcapIssue(records.file(), row.number(), origin.column(), origin.value(), "the record's rows hold different values of "
                            + column + " ('" + value + "' in row " + chosen.row() + "); name the event in the mapping"));
                }
            }
            cells.put(column, value);
            if (chosen == null) {
                // no row of the named event: point at the record's first row, without its value
                CsvTable.Row first = rows.get(0);
                chosen = new Origin(records.file(), first.number(), source.field() != null ? source.field() : source.checkbox(), "");
            }
            origins.put(column, chosen);
            if (!value.isEmpty() && !source.isConstant()) {
                placed++;
            }
        }

        private void addSheetRow(String sheet, RedcapMapping.Rule rule, CsvTable.Row row, Generated generated)
        {
            Map<String, String> cells = new LinkedHashMap<>();
            Map<String, Origin> origins = new LinkedHashMap<>();
            String record = row.cell(mapping.recordIdField()).strip();
            cells.put("patient_id", record);
            origins.put("patient_id", new Origin(records.file(), row.number(), mapping.recordIdField(), record));
            boolean hasValue = false;
            int values = 0;
            for (Map.Entry<String, RedcapMapping.Source> column : rule.columns().entrySet()) {
                CaseField target = RedcapLayout.findColumn(protocol, sheet, column.getKey()).orElseThrow();
                Origin origin = origin(column.getValue(), row);
                String value = convert(column.getValue(), target, sheet, row, origin).orElse("");
                cells.put(column.getKey(), value);
                origins.put(column.getKey(), origin);
                if (!value.isEmpty() && !column.getValue().isConstant()) {
                    values++;
                    hasValue |= !RedcapLayout.isKeyColumn(sheet, column.getKey());
                }
            }
            if (!hasValue) {
                return; // an instance or event without this sheet's values (sparse): no row
            }
            placed += values;
            cells.put("source", records.file() + " row " + row.number());
            generated.rows.add(cells);
            generated.origins.add(origins);
        }

        private Origin origin(RedcapMapping.Source source, CsvTable.Row row)
        {
            if (source.isConstant()) {
                return new Origin(mapping.file() + " line " + source.line(), 0, null, source.constant());
            }
            if (source.checkbox() != null) {
                List<String> checked = checkboxColumns(source.checkbox()).stream().filter(column -> row.cell(column).strip().equals("1")).toList();
                return new Origin(records.file(), row.number(), source.checkbox() + "___*", String.join(" ", checked));
            }
            return new Origin(records.file(), row.number(), source.field(), row.cell(source.field()));
        }

        /** The workbook text of one source cell, or empty after reporting why it cannot be one. */
        private Optional<String> convert(RedcapMapping.Source source, CaseField target, String sheet, CsvTable.Row row, Origin origin)
        {
            if (source.isConstant()) {
                return Optional.of(source.constant());
            }
            String raw;
            Optional<DictionaryField> field;
            if (source.checkbox() != null) {
                usedColumns.addAll(checkboxColumns(source.checkbox()));
                field = dictionary.findField(source.checkbox());
                List<String> codes = new ArrayList<>();
                for (DictionaryField.Choice choice : field.map(DictionaryField::choiceList).orElse(List.of())) {
                    if (row.cell(DictionaryField.checkboxColumn(source.checkbox(), choice.code())).strip().equals("1")) {
                        codes.add(choice.code());
                    }
                }
                if (codes.size() > 1) {
                    issues.add(new RedcapIssue(records.file(), row.number(), origin.column(), origin.value(),
                            "more than one box is checked (codes " + String.join(", ", codes) + "); a workbook cell holds one value"));
                    return Optional.empty();
                }
                raw = codes.isEmpty() ? "" : codes.get(0);
            }
            else {
                usedColumns.add(source.field());
                field = dictionary.fieldOfColumn(source.field());
                raw = row.cell(source.field()).strip();
            }
            if (raw.isEmpty()) {
                return Optional.of("");
            }
            Optional<String> mapped = mapValue(source, field, target, sheet, raw, row, origin);
            return mapped.map(text -> adjust(text, source, field, target, row, origin));
        }

        private Optional<String> mapValue(RedcapMapping.Source source, Optional<DictionaryField> field, CaseField target, String sheet, String raw, CsvTable.Row row,
                Origin origin)
        {
            if (source.values() != null) {
                String value = source.values().get(raw);
                if (value == null) {
                    issues.add(new RedcapIssue(records.file(), row.number(), origin.column(), raw, "no entry for this code in the mapping's values (line "
                            + source.line() + "); known codes: " + String.join(", ", source.values().keySet())));
                    return Optional.empty();
                }
                return Optional.of(value);
            }
            if (target.kind() == FieldKind.YES_NO && (raw.equals("1") || raw.equals("0"))) {
                return Optional.of(raw.equals("1") ? "yes" : "no");
            }
            if ((target.kind() == FieldKind.CATEGORY || target.kind() == FieldKind.AGENT) && field.isPresent() && field.get().hasChoices() && source.checkbox() == null) {
                // a label in the protocol's words ("not recovered", as casebook's own export writes it) gives its level
                return Optional.of(field.get().choiceList().stream().filter(choice -> choice.code().equals(raw)).map(DictionaryField.Choice::label)
                        .map(label -> RedcapLayout.levelOfWords(protocol, sheet, target, label).orElse(label)).findFirst().orElse(raw));
            }
            return Optional.of(raw);
        }

        /** Comma decimals, datetimes and day- or month-first dates for date columns, and the factor of a unit conversion. */
        private String adjust(String text, RedcapMapping.Source source, Optional<DictionaryField> field, CaseField target, CsvTable.Row row, Origin origin)
        {
            String value = text.strip();
            if (target.kind().isNumeric() && value.matches("[+-]?\\d*,\\d+")) {
                value = value.replace(',', '.');
            }
            if (target.kind() == FieldKind.DATE) {
                value = RedcapDates.toIso(value, field.map(DictionaryField::validation).orElse(""));
            }
            if (source.factor() != null && target.kind().isNumeric()) {
                BigDecimal number = FieldKind.parseDecimal(value);
                if (number == null) {
                    issues.add(new RedcapIssue(records.file(), row.number(), origin.column(), origin.value(), "expected a number to multiply by the mapping's factor " + source.factor()));
                    return "";
                }
                value = number.multiply(source.factor()).stripTrailingZeros().toPlainString();
            }
            return value;
        }

        Result validate(Map<String, Generated> sheets, Path out)
        {
            Path temp = null;
            try {
                temp = Files.createTempDirectory("casebook-redcap-import-");
                Path folder = temp.resolve("cases");
                Files.createDirectories(folder);
                for (Map.Entry<String, Generated> sheet : sheets.entrySet()) {
                    List<String> header = List.copyOf(sheet.getValue().columns);
                    List<List<String>> rows = sheet.getValue().rows.stream().map(row -> header.stream().map(column -> row.getOrDefault(column, "")).toList()).toList();
                    Files.writeString(folder.resolve(sheet.getKey() + ".csv"), RedcapExporter.csv(header, rows));
                }
                ImportResult result = null;
                try {
                    result = new WorkbookImporter(protocol).importFrom(folder);
                }
                catch (WorkbookImportException e) {
                    e.errors().forEach(error -> issues.add(translate(error, sheets)));
                }
                throwIfAny(records.file());
                List<String> warnings = result.warnings().stream().map(warning -> translate(warning, sheets).message()).toList();
                if (out != null) {
                    new WorkbookWriter(protocol.caseSchema()).writeCsvFolder(result.workbook(), out);
                }
                return new Result(result.workbook(), warnings, placed, unmapped());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            finally {
                TempFolders.delete(temp);
            }
        }

        /** A workbook issue located at the REDCap cell the workbook cell came from. */
        private RedcapIssue translate(ImportIssue issue, Map<String, Generated> sheets)
        {
            String sheet = issue.sheet().endsWith(".csv") ? issue.sheet().substring(0, issue.sheet().length() - 4) : issue.sheet();
            Generated generated = sheets.get(sheet);
            String where = " (workbook " + sheet + (issue.column() == null ? "" : " column " + issue.column()) + ")";
            if (generated == null || issue.row() < 1 || issue.row() > generated.origins.size()) {
                return new RedcapIssue(mapping.file(), 0, issue.column(), issue.value(), issue.problem() + where);
            }
            Map<String, Origin> origins = generated.origins.get(issue.row() - 1);
            Origin origin = issue.column() == null ? null : origins.get(issue.column());
            if (origin == null) {
                origin = origins.get("patient_id");
                return new RedcapIssue(origin.file(), origin.row(), null, issue.value(), issue.problem() + where);
            }
            String value = origin.value() == null || origin.value().isEmpty() ? issue.value() : origin.value();
            return new RedcapIssue(origin.file(), origin.row(), origin.column(), value, issue.problem() + where);
        }

        /** Record columns holding a value somewhere that no rule reads (REDCap's own columns aside). */
        private List<String> unmapped()
        {
            List<String> unmapped = new ArrayList<>();
            for (String column : records.header()) {
                if (column.isEmpty() || usedColumns.contains(column) || column.equals(mapping.recordIdField()) || column.startsWith("redcap_")
                        || column.endsWith("_complete") || column.endsWith("_timestamp")) {
                    continue;
                }
                if (records.rows().stream().anyMatch(row -> !row.cell(column).isBlank())) {
                    unmapped.add(column);
                }
            }
            return unmapped;
        }

        private void throwIfAny(String what)
        {
            if (!issues.isEmpty()) {
                throw new RedcapImportException(what, issues);
            }
        }
    }
}
