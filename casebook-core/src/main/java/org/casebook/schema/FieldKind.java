package org.casebook.schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of case field a protocol can declare. Each kind has exactly one parser, used by the
 * workbook import, the web form and the API alike, so a value is accepted or refused the same
 * way wherever it is typed.
 */
public enum FieldKind
{
    DATE("date"),
    NUMBER("number"),
    INTEGER("integer"),
    YES_NO("yes_no"),
    CATEGORY("category"),
    AGENT("agent"),
    TEXT("text");

    private final String yamlName;

    FieldKind(String yamlName)
    {
        this.yamlName = yamlName;
    }

    /** The kind's name in protocol files ({@code yes_no}). */
    public String yamlName()
    {
        return yamlName;
    }

    public static Optional<FieldKind> fromYaml(String name)
    {
        return Arrays.stream(values()).filter(kind -> kind.yamlName.equals(name)).findFirst();
    }

    public boolean isNumeric()
    {
        return this == NUMBER || this == INTEGER;
    }

    /** Parses yyyy-mm-dd; null when the text is not such a date. */
    public static LocalDate parseDate(String text)
    {
        String value = text.strip();
        if (value.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses yes/no, y/n, true/false in any case; null otherwise. */
    public static Boolean parseYesNo(String text)
    {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true" -> Boolean.TRUE;
            case "no", "n", "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * Parses a finite decimal number; null otherwise. Bounded in length and exponent so that a
     * hostile cell (a million digits, 1e999999999) is refused quickly rather than computed.
     */
    public static BigDecimal parseDecimal(String text)
    {
        String value = text.strip();
        if (value.isEmpty() || value.length() > 64) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isDigit(c) && c < 128) && "+-.eE".indexOf(c) < 0) {
                return null;
            }
        }
        try {
            BigDecimal decimal = new BigDecimal(value);
            if (Math.abs(decimal.scale()) > 400 || decimal.precision() - decimal.scale() > 308) {
                return null;
            }
            return decimal;
        }
        catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
