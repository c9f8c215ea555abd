package org.casebook.screening.fhir;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A FHIR Quantity with its value kept as written (decimal, not binary floating point). */
public record Quantity(BigDecimal value, String unit, String code) implements java.io.Serializable
{
    public Quantity
    {
        requireNonNull(value, "value is null");
    }

    /** The UCUM code when given (not blank), else the human-readable unit; empty string when neither. */
    public String unitKey()
    {
        String key = code != null && !code.isBlank() ? code : unit;
        return key == null ? "" : key.strip();
    }

    /** The value in milligrams, for mass units mg, g and µg/ug/mcg; empty for other units. */
    public Optional<BigDecimal> milligrams()
    {
        return switch (unitKey().toLowerCase(Locale.ROOT)) {
            case "mg" -> Optional.of(value);
            case "g" -> Optional.of(value.multiply(BigDecimal.valueOf(1000)));
            case "ug", "µg", "mcg" -> Optional.of(value.movePointLeft(3));
            default -> Optional.empty();
        };
    }
}
