package org.casebook.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A measured variable: its name in the workbook, its canonical unit, the units accepted with
 * the factor that converts each to the canonical one, and the plausible range (canonical unit,
 * inclusive). The unit written as {@code ""} applies when the workbook leaves the unit blank.
 * {@code decimals} is how many decimals people read (forms, the dashboard: a P/F of
 * 96.66666666666667 shows as 96.7); null shows a value as stored. Values are stored unrounded.
 */
public record VariableSpec(String name, String label, String unit, Map<String, Double> unitFactors, double min, double max, Integer decimals)
{
    /** A variable shown as stored. */
    public VariableSpec(String name, String label, String unit, Map<String, Double> unitFactors, double min, double max)
    {
        this(name, label, unit, unitFactors, min, max, null);
    }

    public VariableSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(unit, "unit is null");
        unitFactors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(unitFactors, "unitFactors is null")));
        if (max < min) {
            throw new IllegalArgumentException("variable " + name + ": range max " + max + " is below min " + min);
        }
        if (decimals != null && (decimals < 0 || decimals > 10)) {
            throw new IllegalArgumentException("variable " + name + ": decimals " + decimals + " is not 0 to 10");
        }
    }

    /** {@code value} as people read it: a number rounded half-up to {@code decimals} (trailing zeros dropped); any other text as it is. */
    public String display(String value)
    {
        if (decimals == null || value == null || value.isBlank()) {
            return value;
        }
        try {
            java.math.BigDecimal number = new java.math.BigDecimal(value.strip());
            if (number.scale() <= decimals) {
                return value;
            }
            java.math.BigDecimal rounded = number.setScale(decimals, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
            return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
        }
        catch (NumberFormatException e) {
            return value;
        }
    }

    /** The factor converting a value in {@code writtenUnit} to the canonical unit, if that unit is accepted. */
    public Optional<Double> findFactor(String writtenUnit)
    {
        String wanted = writtenUnit == null ? "" : writtenUnit.strip();
        return unitFactors.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public boolean isPlausible(double canonicalValue)
    {
        return canonicalValue >= min && canonicalValue <= max;
    }
}
