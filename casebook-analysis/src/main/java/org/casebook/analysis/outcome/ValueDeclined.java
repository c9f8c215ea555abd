package org.casebook.analysis.outcome;

import java.math.BigDecimal;
import java.util.Optional;

import org.casebook.analysis.PatientValues;
import org.casebook.protocol.Comparison;

/**
 * The variable fell from the earlier to the later time point, by any amount, by at least a
 * relative fraction ((from − to)/from ≥ threshold) or by at least an absolute number of points
 * (from − to ≥ threshold). Compared in decimal so that 80 → 72 is exactly a 10% decline.
 */
public record ValueDeclined(String name, Comparison comparison, Kind kind, BigDecimal threshold)
        implements OutcomeRule
{
    public enum Kind
    {
        ANY, RELATIVE, ABSOLUTE
    }

    @Override
    public String description()
    {
        String change = comparison.variable() + " " + comparison.from() + " → " + comparison.to();
        return switch (kind) {
            case ANY -> change + " fell";
            case RELATIVE -> change + " fell by ≥ " + threshold.movePointRight(2).stripTrailingZeros().toPlainString() + "% of its " + comparison.from() + " value";
            case ABSOLUTE -> change + " fell by ≥ " + threshold.stripTrailingZeros().toPlainString() + " points";
        };
    }

    @Override
    public Optional<Boolean> decide(PatientValues patient)
    {
        var from = patient.findDecimal(comparison.from(), comparison.variable());
        var to = patient.findDecimal(comparison.to(), comparison.variable());
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal decline = from.get().subtract(to.get());
        return Optional.of(switch (kind) {
            case ANY -> decline.signum() > 0;
            // (from − to)/from ≥ t  ⇔  from − to ≥ t·from, for from > 0; avoids a rounded division
            case RELATIVE -> from.get().signum() > 0 && decline.compareTo(threshold.multiply(from.get())) >= 0;
            case ABSOLUTE -> decline.compareTo(threshold) >= 0;
        });
    }
}
