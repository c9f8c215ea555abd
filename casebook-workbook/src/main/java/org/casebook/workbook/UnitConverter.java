package org.casebook.workbook;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.stream.Collectors;

import org.casebook.protocol.VariableSpec;

/**
 * Converts a measured value to the variable's canonical unit with the protocol's factors
 * (decimal arithmetic, so 40 % is exactly 0.4) and checks the plausible range.
 */
final class UnitConverter
{
    private UnitConverter() {}

    /** A value converted to the canonical unit, or the problem that prevented it. */
    record Conversion(Double value, String badColumn, String problem)
    {
        static Conversion ok(double value)
        {
            return new Conversion(value, null, null);
        }

        static Conversion failed(String column, String problem)
        {
            return new Conversion(null, column, problem);
        }

        boolean isOk()
        {
            return problem == null;
        }
    }

    /** @param writtenUnit the unit as written, null or blank when the unit cell is empty */
    static Conversion toCanonical(VariableSpec variable, double value, String writtenUnit)
    {
        Optional<Double> factor = variable.findFactor(writtenUnit);
        if (factor.isEmpty()) {
            return Conversion.failed("unit", "unit not accepted for " + variable.name() + "; expected one of: " + acceptedUnits(variable));
        }
        double canonical = BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(factor.get())).doubleValue();
        if (!variable.isPlausible(canonical)) {
            return Conversion.failed("value", variable.name() + " " + format(canonical) + " " + variable.unit()
                    + " is outside the plausible range " + format(variable.min()) + "–" + format(variable.max()) + " " + variable.unit());
        }
        return Conversion.ok(canonical);
    }

    /** The accepted units as a reader would write them, a blank unit shown as {@code (blank)}. */
    static String acceptedUnits(VariableSpec variable)
    {
        return variable.unitFactors().keySet().stream()
                .map(unit -> unit.isEmpty() ? "(blank)" : unit)
                .collect(Collectors.joining(", "));
    }

    static String format(double value)
    {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
