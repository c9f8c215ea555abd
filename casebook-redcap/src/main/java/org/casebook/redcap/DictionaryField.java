package org.casebook.redcap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * One row of a REDCap data dictionary: a field with its form, type, label, choices, note,
 * validation, range, identifier flag, branching logic (kept as text, never executed) and the
 * other columns as REDCap writes them. Blank columns are empty strings.
 */
public record DictionaryField(
        String fieldName,
        String formName,
        String sectionHeader,
        String fieldType,
        String fieldLabel,
        String choices,
        String fieldNote,
        String validation,
        String validationMin,
        String validationMax,
        String identifier,
        String branchingLogic,
        String requiredField,
        String customAlignment,
        String questionNumber,
        String matrixGroupName,
        String matrixRanking,
        String fieldAnnotation)
{
    /** A choice of a radio, dropdown or checkbox field: {@code 1, Yes}. */
    public record Choice(String code, String label) {}

    /** This field with {@code header} shown above it in REDCap (the "Section Header" column). */
    public DictionaryField withSectionHeader(String header)
    {
        return new DictionaryField(fieldName, formName, header, fieldType, fieldLabel, choices, fieldNote, validation, validationMin, validationMax,
                identifier, branchingLogic, requiredField, customAlignment, questionNumber, matrixGroupName, matrixRanking, fieldAnnotation);
    }

    public DictionaryField
    {
        requireNonNull(fieldName, "fieldName is null");
        requireNonNull(formName, "formName is null");
        requireNonNull(fieldType, "fieldType is null");
    }

    /** The 18 cells in the dictionary's column order. */
    public List<String> cells()
    {
        return List.of(fieldName, formName, sectionHeader, fieldType, fieldLabel, choices, fieldNote, validation, validationMin,
                validationMax, identifier, branchingLogic, requiredField, customAlignment, questionNumber, matrixGroupName, matrixRanking,
                fieldAnnotation);
    }

    public static DictionaryField fromCells(List<String> cells)
    {
        List<String> c = new ArrayList<>(cells);
        while (c.size() < 18) {
            c.add("");
        }
        return new DictionaryField(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6), c.get(7), c.get(8), c.get(9),
                c.get(10), c.get(11), c.get(12), c.get(13), c.get(14), c.get(15), c.get(16), c.get(17));
    }

    public boolean hasChoices()
    {
        return switch (fieldType) {
            case "radio", "dropdown", "checkbox" -> true;
            default -> false;
        };
    }

    public boolean isCheckbox()
    {
        return fieldType.equals("checkbox");
    }

    /** yesno and truefalse fields: exported as 1 and 0. */
    public boolean isBoolean()
    {
        return fieldType.equals("yesno") || fieldType.equals("truefalse");
    }

    /** Fields that hold no value in the records (descriptive text). */
    public boolean holdsNoValue()
    {
        return fieldType.equals("descriptive");
    }

    public boolean isDate()
    {
        return validation.startsWith("date_") || validation.startsWith("datetime_");
    }

    public boolean isNumeric()
    {
        return validation.startsWith("number") || validation.equals("integer") || fieldType.equals("calc") || fieldType.equals("slider");
    }

    public boolean isIdentifier()
    {
        return identifier.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    /**
     * The choices of a radio, dropdown or checkbox field, {@code 1, Yes | 0, No}; empty for other
     * types. A choice without a comma is its own code and label.
     */
    public List<Choice> choiceList()
    {
        if (!hasChoices() || choices.isBlank()) {
            return List.of();
        }
        List<Choice> list = new ArrayList<>();
        for (String part : choices.split("\\|")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int comma = item.indexOf(',');
            list.add(comma < 0 ? new Choice(item, item) : new Choice(item.substring(0, comma).strip(), item.substring(comma + 1).strip()));
        }
        return list;
    }

    /** The record columns this field fills: itself, or {@code field___code} per checkbox choice (code lower-cased, {@code -} as {@code _}). */
    public List<String> recordColumns()
    {
        if (holdsNoValue()) {
            return List.of();
        }
        if (!isCheckbox()) {
            return List.of(fieldName);
        }
        return choiceList().stream().map(choice -> checkboxColumn(fieldName, choice.code())).toList();
    }

    public static String checkboxColumn(String field, String code)
    {
        return field + "___" + code.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
