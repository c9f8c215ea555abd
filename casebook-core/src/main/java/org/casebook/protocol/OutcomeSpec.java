package org.casebook.protocol;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * One outcome of the protocol's {@code outcomes.list}: {@code change} (a variable moved in
 * {@code direction} between two time points, optionally by at least {@code byAtLeast} units or
 * {@code byAtLeastPercent} percent of the first value), {@code status_at_day} (alive at
 * {@code day}), {@code proportion} (a yes/no field is yes) or {@code at_least} (a numeric field
 * is at least {@code threshold}). Parts a kind does not use are null.
 */
public record OutcomeSpec(
        String name,
        String label,
        String kind,
        String variable,
        String from,
        String to,
        String direction,
        BigDecimal byAtLeast,
        BigDecimal byAtLeastPercent,
        Integer day,
        String field,
        BigDecimal threshold)
{
    public OutcomeSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(kind, "kind is null");
    }
}
