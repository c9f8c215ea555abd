package org.casebook.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A measured variable: its name in the workbook, its canonical unit, the units accepted with
 * the factor that converts each to the canonical one, and the plausible range (canonical unit,
 * inclusive). The unit written as {@code ""} applies when the workbook leaves the unit blank.
 */
public record VariableSpec(String name, String label, String unit, Map<String, Double> unitFactors, double min, double max)
{
    public VariableSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(unit, "unit is null");
        unitFactors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(unitFactors, "unitFactors is null")));
        if (max < min) {
            throw new IllegalArgumentException("variable " + name + ": range max " + max + " is below min " + min);
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
