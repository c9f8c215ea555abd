package org.casebook.schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Reads one cell of a case field: the single parser and validator per kind that the workbook,
 * the web form, the API and the screening output share. Values are typed: {@link LocalDate},
 * {@link BigDecimal} (number), {@link Long} (integer), {@link Boolean}, and {@link String} for
 * categories and agents (as the protocol spells them) and text.
 */
public final class FieldParser
{
    private FieldParser() {}

    public static FieldCheck parse(CaseField field, String raw)
    {
        if (raw == null || raw.isBlank()) {
            return field.required() ? FieldCheck.bad("required value missing") : FieldCheck.ok(null);
        }
        String text = raw.strip();
        return switch (field.kind()) {
            case DATE -> date(text);
            case NUMBER -> number(field, text);
            case INTEGER -> integer(field, text);
            case YES_NO -> yesNo(text);
            case CATEGORY, AGENT -> choice(field, text);
            case TEXT -> text.length() > field.maxLength()
                    ? FieldCheck.bad("expected text of at most " + field.maxLength() + " characters, found " + text.length())
                    : FieldCheck.ok(text);
        };
    }

    /** The cell text a value is written as (workbook, form): the inverse of {@link #parse}. */
    public static String format(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean yes) {
            return yes ? "yes" : "no";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private static FieldCheck date(String text)
    {
        LocalDate date = FieldKind.parseDate(text);
        return date == null ? FieldCheck.bad("expected a date yyyy-mm-dd") : FieldCheck.ok(date);
    }

    private static FieldCheck yesNo(String text)
    {
        Boolean value = FieldKind.parseYesNo(text);
        return value == null ? FieldCheck.bad("expected yes or no") : FieldCheck.ok(value);
    }

    private static FieldCheck number(CaseField field, String text)
    {
        BigDecimal decimal = FieldKind.parseDecimal(text);
        if (decimal == null) {
            return FieldCheck.bad("expected a number");
        }
        return inRange(field, decimal) ? FieldCheck.ok(decimal) : FieldCheck.bad("expected a number" + rangeWords(field));
    }

    private static FieldCheck integer(CaseField field, String text)
    {
        BigDecimal decimal = FieldKind.parseDecimal(text);
        if (decimal == null || decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0 || decimal.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return FieldCheck.bad("expected a whole number" + rangeWords(field));
        }
        if (!inRange(field, decimal)) {
            return FieldCheck.bad("expected a whole number" + rangeWords(field));
        }
        return FieldCheck.ok(decimal.longValueExact());
    }

    private static boolean inRange(CaseField field, BigDecimal value)
    {
        return (field.min() == null || value.compareTo(field.min()) >= 0) && (field.max() == null || value.compareTo(field.max()) <= 0);
    }

    private static String rangeWords(CaseField field)
    {
        if (field.min() != null && field.max() != null) {
            return " from " + field.min().toPlainString() + " to " + field.max().toPlainString();
        }
        if (field.min() != null) {
            return " of at least " + field.min().toPlainString();
        }
        if (field.max() != null) {
            return " of at most " + field.max().toPlainString();
        }
        return "";
    }

    private static FieldCheck choice(CaseField field, String text)
    {
        for (String choice : field.choices()) {
            if (choice.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return FieldCheck.ok(choice);
            }
        }
        return FieldCheck.bad("expected " + choiceWords(field.choices()));
    }

    /** "F or M", "never, former or current", and "one of …" past three choices. */
    static String choiceWords(List<String> choices)
    {
        if (choices.isEmpty()) {
            return "no value (the field's code set names no agents)";
        }
        if (choices.size() == 1) {
            return choices.get(0);
        }
        if (choices.size() > 3) {
            return "one of " + String.join(", ", choices);
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }
}
