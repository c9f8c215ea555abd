package org.casebook.odm;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.casebook.redcap.DataDictionary;
import org.casebook.redcap.DictionaryField;

/**
 * Reads REDCap's project XML ({@code project.xml}: CDISC ODM 1.3.1 with REDCap's {@code redcap:}
 * extensions, not schema-valid: classic projects put FormData straight into SubjectData) leniently
 * with StAX, as the data dictionary and the flat records file REDCap would export for the same
 * project, so that the REDCap import and its mapping files read it (docs/odm.md). Each records
 * cell remembers the line of its ItemData, so errors can name it.
 */
public final class RedcapProjectXmlReader
{
    private static final String REDCAP = "https://projectredcap.org";

    private RedcapProjectXmlReader() {}

    /**
     * @param dictionary the fields, as REDCap's "Download data dictionary" lists them
     * @param header the records file's columns (record id, event, repeat columns, each field's columns, each form's {@code _complete})
     * @param rows one per record, event and repeat instance
     * @param lines for each row, the line of each filled cell's ItemData (and under "" the row's first line)
     * @param itemDefLines the line of each field's ItemDef
     */
    public record Project(DataDictionary dictionary, List<String> header, List<Map<String, String>> rows, List<Map<String, Integer>> lines,
            Map<String, Integer> itemDefLines, String recordIdField)
    {
        public String recordsCsv()
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

        /** The number of filled cells, the record id aside. */
        public int values()
        {
            return lines.stream().mapToInt(row -> (int) row.keySet().stream().filter(column -> !column.isEmpty()).count()).sum();
        }
    }

    private static final class ItemDef
    {
        final String oid;
        final int line;
        final Map<String, String> redcap = new HashMap<>();
        String label = "";
        String codeList;
        String min = "";
        String max = "";
        String comparator;

        ItemDef(String oid, int line)
        {
            this.oid = oid;
            this.line = line;
        }

        String variable()
        {
            return redcap.getOrDefault("Variable", oid);
        }
    }

    /** @throws OdmImportException when the file is not well-formed XML or not ODM */
    public static Project read(Path file, String name)
    {
        Map<String, String> formOfGroup = new HashMap<>();
        Map<String, String> formNames = new LinkedHashMap<>();
        Map<String, List<String>> groupItems = new LinkedHashMap<>();
        Map<String, ItemDef> items = new LinkedHashMap<>();
        Map<String, List<String[]>> codeLists = new HashMap<>();
        Map<String, String> checkboxChoices = new HashMap<>();
        Set<String> repeating = new LinkedHashSet<>();
        String[] recordId = {null};
        List<Map<String, String>> rows = new ArrayList<>();
        List<Map<String, Integer>> lines = new ArrayList<>();
        Map<String, Integer> rowIndex = new HashMap<>();
        boolean[] longitudinal = {false};
        List<OdmIssue> issues = new ArrayList<>();

        OdmXml.read(file, name, new OdmXml.Handler()
        {
            boolean root;
            String form;
            ItemDef item;
            String codeList;
            String codedValue;
            String parent;
            String subject;
            String event;
            String eventRepeat;
            String formData;
            String formRepeat;

            @Override
            public void start(XMLStreamReader xml, int line)
                    throws XMLStreamException
            {
                String local = xml.getLocalName();
                if (!root) {
                    root = true;
                    if (!local.equals("ODM") || !OdmExporter.NAMESPACE.equals(xml.getNamespaceURI())) {
                        throw new OdmImportException(name, List.of(new OdmIssue(name, line, local, null,
                                "expected the root element ODM in the namespace " + OdmExporter.NAMESPACE + " (REDCap's project XML)")));
                    }
                }
                switch (local) {
                    case "RepeatingInstrument" -> repeating.add(redcap(xml, "UniqueEventName") + "\u0000" + redcap(xml, "RepeatInstrument"));
                    case "RepeatingEvent" -> repeating.add(redcap(xml, "UniqueEventName") + "\u0000");
                    case "MetaDataVersion" -> recordId[0] = redcap(xml, "RecordIdField");
                    case "FormDef" -> {
                        form = xml.getAttributeValue(null, "OID");
                        String formName = redcap(xml, "FormName");
                        formNames.put(form, formName == null ? xml.getAttributeValue(null, "Name") : formName);
                    }
                    case "ItemGroupRef" -> formOfGroup.put(xml.getAttributeValue(null, "ItemGroupOID"), form);
                    case "ItemGroupDef" -> {
                        parent = xml.getAttributeValue(null, "OID");
                        groupItems.put(parent, new ArrayList<>());
                    }
                    case "ItemRef" -> {
                        if (parent != null && groupItems.containsKey(parent)) {
                            groupItems.get(parent).add(xml.getAttributeValue(null, "ItemOID"));
                        }
                    }
                    case "ItemDef" -> {
                        String oid = xml.getAttributeValue(null, "OID");
                        if (oid == null || oid.isBlank()) {
                            issues.add(new OdmIssue(name, line, "ItemDef", null, "the attribute OID is missing"));
                            oid = "(no OID, line " + line + ")";
                        }
                        item = new ItemDef(oid, line);
                        for (int i = 0; i < xml.getAttributeCount(); i++) {
                            if (REDCAP.equals(xml.getAttributeNamespace(i))) {
                                item.redcap.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
                            }
                        }
                        items.put(item.oid, item);
                    }
                    case "RangeCheck" -> {
                        if (item != null) {
                            item.comparator = xml.getAttributeValue(null, "Comparator");
                        }
                    }
                    case "CheckValue" -> {
                        String value = xml.getElementText();
                        if (item != null && "GE".equals(item.comparator)) {
                            item.min = value;
                        }
                        else if (item != null && "LE".equals(item.comparator)) {
                            item.max = value;
                        }
                    }
                    case "CodeListRef" -> {
                        if (item != null) {
                            item.codeList = xml.getAttributeValue(null, "CodeListOID");
                        }
                    }
                    case "CodeList" -> {
                        codeList = xml.getAttributeValue(null, "OID");
                        codeLists.put(codeList, new ArrayList<>());
                        String choices = redcap(xml, "CheckboxChoices");
                        if (choices != null) {
                            checkboxChoices.put(codeList, choices);
                        }
                    }
                    case "CodeListItem" -> codedValue = xml.getAttributeValue(null, "CodedValue");
                    case "TranslatedText" -> {
                        String text = xml.getElementText();
                        if (codeList != null && codedValue != null) {
                            codeLists.get(codeList).add(new String[] {codedValue, text});
                        }
                        else if (item != null && "Question".equals(parentOfText)) {
                            item.label = text;
                        }
                    }
                    case "Question" -> parentOfText = "Question";
                    case "SubjectData" -> {
                        subject = xml.getAttributeValue(null, "SubjectKey");
                        if (subject == null || subject.isBlank()) {
                            issues.add(new OdmIssue(name, line, "SubjectData", null, "the attribute SubjectKey (the record id) is missing"));
                            subject = null;
                        }
                        event = null;
                        eventRepeat = null;
                    }
                    case "StudyEventData" -> {
                        longitudinal[0] = true;
                        event = redcap(xml, "UniqueEventName");
                        if (event == null) {
                            String oid = xml.getAttributeValue(null, "StudyEventOID");
                            event = oid != null && oid.startsWith("Event.") ? oid.substring(6) : oid;
                        }
                        eventRepeat = xml.getAttributeValue(null, "StudyEventRepeatKey");
                    }
                    case "FormData" -> {
                        formData = formNames.getOrDefault(xml.getAttributeValue(null, "FormOID"), stripForm(xml.getAttributeValue(null, "FormOID")));
                        formRepeat = xml.getAttributeValue(null, "FormRepeatKey");
                    }
                    case "ItemData" -> itemData(xml, line, xml.getAttributeValue(null, "Value"));
                    // a file-upload field: the file's name, as REDCap's CSV export gives it (the content is not carried)
                    case "ItemDataBase64Binary" -> itemData(xml, line, redcap(xml, "DocName"));
                    default -> { }
                }
            }

            String parentOfText;

            @Override
            public void end(XMLStreamReader xml, int line)
            {
                switch (xml.getLocalName()) {
                    case "ItemDef" -> item = null;
                    case "CodeList" -> codeList = null;
                    case "CodeListItem" -> codedValue = null;
                    case "Question" -> parentOfText = null;
                    case "ItemGroupDef" -> parent = null;
                    case "FormDef" -> form = null;
                    case "SubjectData" -> subject = null;
                    case "StudyEventData" -> event = null;
                    case "FormData" -> formData = null;
                    default -> { }
                }
            }

            private void itemData(XMLStreamReader xml, int line, String value)
            {
                String oid = xml.getAttributeValue(null, "ItemOID");
                if (oid == null || oid.isBlank()) {
                    issues.add(new OdmIssue(name, line, xml.getLocalName(), value, "the attribute ItemOID is missing"));
                    return;
                }
                if (subject == null || value == null) {
                    return;
                }
                String eventName = event == null ? "event_1_arm_1" : event;
                String instrument = "";
                String instance = "";
                if (formData != null && repeating.contains(eventName + "\u0000" + formData)) {
                    instrument = formData;
                    instance = formRepeat == null ? "1" : formRepeat;
                }
                else if (repeating.contains(eventName + "\u0000")) {
                    instance = eventRepeat == null ? "1" : eventRepeat;
                }
                String key = subject + "\u0000" + (event == null ? "" : event) + "\u0000" + instrument + "\u0000" + instance;
                Integer index = rowIndex.get(key);
                if (index == null) {
                    index = rows.size();
                    rowIndex.put(key, index);
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("redcap_event_name", event == null ? "" : event);
                    row.put("redcap_repeat_instrument", instrument);
                    row.put("redcap_repeat_instance", instance);
                    row.put("\u0000subject", subject);
                    rows.add(row);
                    Map<String, Integer> rowLines = new LinkedHashMap<>();
                    rowLines.put("", line);
                    lines.add(rowLines);
                }
                rows.get(index).put(oid, value);
                lines.get(index).put(oid, line);
            }
        });

        if (!issues.isEmpty()) {
            throw new OdmImportException(name, issues);
        }
        // the fields, in their forms' order, as the dictionary lists them (checkboxes once, _complete not at all)
        Map<String, DictionaryField> fields = new LinkedHashMap<>();
        Set<String> pseudoColumns = new LinkedHashSet<>();
        Map<String, Integer> itemDefLines = new LinkedHashMap<>();
        Map<String, String> formOfItem = new HashMap<>();
        groupItems.forEach((group, oids) -> oids.forEach(oid -> formOfItem.putIfAbsent(oid, formNames.getOrDefault(formOfGroup.get(group), ""))));
        for (ItemDef def : items.values()) {
            String form = formOfItem.getOrDefault(def.oid, "");
            if (def.oid.equals(form + "_complete") || "Form Status".equals(def.redcap.get("SectionHeader")) && def.oid.endsWith("_complete")) {
                continue;
            }
            String variable = def.variable();
            if (!def.redcap.containsKey("FieldType")) {
                // REDCap's own columns (data access group, survey identifier and timestamps): in the records, not in the dictionary
                pseudoColumns.add(variable);
                continue;
            }
            if (fields.containsKey(variable)) {
                continue;
            }
            String type = def.redcap.get("FieldType");
            type = switch (type) {
                case "select" -> "dropdown";
                case "textarea" -> "notes";
                default -> type;
            };
            String choices = "";
            if (type.equals("checkbox")) {
                choices = def.codeList == null ? "" : checkboxChoices.getOrDefault(def.codeList, "");
            }
            else if (type.equals("calc")) {
                choices = def.redcap.getOrDefault("Calculation", "");
            }
            else if (type.equals("slider")) {
                choices = def.redcap.getOrDefault("SliderLabels", "");
            }
            else if ((type.equals("radio") || type.equals("dropdown")) && def.codeList != null) {
                List<String> items1 = new ArrayList<>();
                codeLists.getOrDefault(def.codeList, List.of()).forEach(pair -> items1.add(pair[0] + ", " + pair[1]));
                choices = String.join(" | ", items1);
            }
            String validation = def.redcap.getOrDefault("TextValidationType", "");
            validation = switch (validation) {
                case "float" -> "number";
                case "int" -> "integer";
                default -> validation;
            };
            fields.put(variable, new DictionaryField(variable, form, def.redcap.getOrDefault("SectionHeader", ""), type, def.label, choices,
                    def.redcap.getOrDefault("FieldNote", ""), validation, def.min, def.max, def.redcap.getOrDefault("Identifier", ""),
                    def.redcap.getOrDefault("BranchingLogic", ""), def.redcap.getOrDefault("RequiredField", ""), def.redcap.getOrDefault("CustomAlignment", ""),
                    "", def.redcap.getOrDefault("MatrixGroupName", ""), "", def.redcap.getOrDefault("FieldAnnotation", "")));
            itemDefLines.put(variable, def.line);
        }
        DataDictionary dictionary = new DataDictionary(List.copyOf(fields.values()));
        String idField = recordId[0] != null ? recordId[0] : fields.isEmpty() ? "record_id" : fields.keySet().iterator().next();

        List<String> header = new ArrayList<>(List.of(idField));
        if (longitudinal[0]) {
            header.add("redcap_event_name");
        }
        header.addAll(List.of("redcap_repeat_instrument", "redcap_repeat_instance"));
        header.addAll(pseudoColumns);
        Set<String> columns = new LinkedHashSet<>();
        for (String form : new LinkedHashSet<>(formNames.values())) {
            for (DictionaryField field : fields.values()) {
                if (field.formName().equals(form) && !field.fieldName().equals(idField)) {
                    columns.addAll(field.recordColumns());
                }
            }
            columns.add(form + "_complete");
        }
        header.addAll(columns);
        for (Map<String, String> row : rows) {
            row.put(idField, row.remove("\u0000subject"));
            // an item no form lists still becomes a column: no value is dropped
            row.keySet().stream().filter(column -> !header.contains(column)).forEach(header::add);
        }
        return new Project(dictionary, header, rows, lines, itemDefLines, idField);
    }

    private static String redcap(XMLStreamReader xml, String name)
    {
        return xml.getAttributeValue(REDCAP, name);
    }

    private static String stripForm(String oid)
    {
        return oid != null && oid.startsWith("Form.") ? oid.substring(5) : oid;
    }
}
