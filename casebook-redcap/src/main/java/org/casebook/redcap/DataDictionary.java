package org.casebook.redcap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;


import static java.util.Objects.requireNonNull;

/**
 * A REDCap data dictionary: its fields in order. Reads both header styles, the labelled one of
 * "Download data dictionary" ({@code "Variable / Field Name","Form Name",…}) and the API's
 * snake_case one ({@code field_name,form_name,…}, where a cell {@code NA} written by R means
 * blank), and writes the labelled one, the 18 columns in REDCap's order.
 */
public record DataDictionary(List<DictionaryField> fields)
{
    /** The header REDCap's "Download data dictionary" writes, in order. */
    public static final List<String> HEADER = List.of("Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
            "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number", "Text Validation Min",
            "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)", "Required Field?", "Custom Alignment",
            "Question Number (surveys only)", "Matrix Group Name", "Matrix Ranking?", "Field Annotation");
    /** The header of the API's metadata export. */
    public static final List<String> API_HEADER = List.of("field_name", "form_name", "section_header", "field_type", "field_label",
            "select_choices_or_calculations", "field_note", "text_validation_type_or_show_slider_number", "text_validation_min",
            "text_validation_max", "identifier", "branching_logic", "required_field", "custom_alignment", "question_number",
            "matrix_group_name", "matrix_ranking", "field_annotation");

    public DataDictionary
    {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
    }

    /**
     * @param name the file's name in messages
     * @throws RedcapImportException listing every problem: a header of neither style, a field without name, form or type, a name given twice
     */
    public static DataDictionary read(Path file, String name)
    {
        return parse(CsvTable.readText(file), name);
    }

    public static DataDictionary parse(String text, String name)
    {
        CsvTable table = CsvTable.parse(text, name);
        List<RedcapIssue> issues = new ArrayList<>();
        boolean api = table.header().size() >= 4 && table.header().get(0).equalsIgnoreCase("field_name");
        List<String> expected = api ? API_HEADER : HEADER;
        if (table.header().size() != expected.size()) {
            issues.add(new RedcapIssue(name, 0, null, null, "a data dictionary has the " + expected.size() + " columns " + String.join(", ", expected)
                    + "; found " + table.header().size() + ": " + String.join(", ", table.header())));
            throw new RedcapImportException(name, issues);
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equalsIgnoreCase(table.header().get(i))) {
                issues.add(new RedcapIssue(name, 0, table.header().get(i), null, "expected column " + (i + 1) + " to be '" + expected.get(i) + "'"));
            }
        }
        List<DictionaryField> fields = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (CsvTable.Row row : table.rows()) {
            List<String> cells = new ArrayList<>();
            for (String column : table.header()) {
                String cell = row.cell(column).strip();
                cells.add(api && cell.equals("NA") ? "" : cell);
            }
            DictionaryField field = DictionaryField.fromCells(cells);
            if (field.fieldName().isEmpty() || field.formName().isEmpty() || field.fieldType().isEmpty()) {
                issues.add(new RedcapIssue(name, row.number(), null, null, "a field needs a variable name, a form name and a field type"));
                continue;
            }
            if (!names.add(field.fieldName())) {
                issues.add(new RedcapIssue(name, row.number(), table.header().get(0), field.fieldName(), "the field is defined twice"));
                continue;
            }
            fields.add(field);
        }
        if (!issues.isEmpty()) {
            throw new RedcapImportException(name, issues);
        }
        return new DataDictionary(fields);
    }

    public Optional<DictionaryField> findField(String fieldName)
    {
        return fields.stream().filter(field -> field.fieldName().equals(fieldName)).findFirst();
    }

    /** The record id field: the first field of the dictionary. */
    public Optional<DictionaryField> recordIdField()
    {
        return fields.isEmpty() ? Optional.empty() : Optional.of(fields.get(0));
    }

    /** The forms in the order their first field appears. */
    public List<String> forms()
    {
        Set<String> forms = new LinkedHashSet<>();
        fields.forEach(field -> forms.add(field.formName()));
        return List.copyOf(forms);
    }

    /** The field whose record column this is: the field itself, or the checkbox of {@code field___code}. */
    public Optional<DictionaryField> fieldOfColumn(String column)
    {
        Optional<DictionaryField> field = findField(column);
        if (field.isPresent()) {
            return field;
        }
        int marker = column.indexOf("___");
        return marker > 0 ? findField(column.substring(0, marker)).filter(DictionaryField::isCheckbox) : Optional.empty();
    }

    /** The dictionary as REDCap's "Download data dictionary" writes it: a cell with a space, comma, quote or line break is quoted. */
    public String toCsv()
    {
        StringBuilder text = new StringBuilder();
        appendLine(text, HEADER);
        fields.forEach(field -> appendLine(text, field.cells()));
        return text.toString();
    }

    private static void appendLine(StringBuilder text, List<String> cells)
    {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i > 0) {
                text.append(',');
            }
            boolean quote = cell.chars().anyMatch(c -> c == ' ' || c == ',' || c == '"' || c == '\n' || c == '\r');
            text.append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
        }
        text.append('\n');
    }
}
