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
        return patient.findChange(comparison).map(this::declined);
    }

    private boolean declined(PatientValues.Change change)
    {
        BigDecimal decline = change.from().subtract(change.to());
        return switch (kind) {
            case ANY -> decline.signum() > 0;
            // (from − to)/from ≥ t  ⇔  from − to ≥ t·from, for from > 0; avoids a rounded division
            case RELATIVE -> change.from().signum() > 0 && decline.compareTo(threshold.multiply(change.from())) >= 0;
            case ABSOLUTE -> decline.compareTo(threshold) >= 0;
        };
    }
}
