package org.casebook.store.cases;

import java.math.BigDecimal;

import org.casebook.schema.FieldParser;

/**
 * How a case field's value is stored as text in {@code case_values}: the cell text
 * {@link FieldParser#format} writes (ISO dates, {@code yes}/{@code no}, categories and agents as
 * the protocol spells them), numbers without trailing zeros ({@code 63}, {@code 22.5}). Import and
 * edit both store this, so the same value is the same text however it was typed.
 */
public final class CaseFieldText
{
    private CaseFieldText() {}

    public static String of(Object value)
    {
        if (value instanceof BigDecimal decimal) {
            BigDecimal stripped = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
            return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
        }
        if (value instanceof Double number) {
            return number(number);
        }
        return FieldParser.format(value);
    }

    /** A measurement's value: {@code 64}, {@code 0.4}. */
    public static String number(double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
