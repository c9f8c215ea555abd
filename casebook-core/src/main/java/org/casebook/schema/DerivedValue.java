package org.casebook.schema;

import static java.util.Objects.requireNonNull;

/**
 * A value computed from others, never typed in: {@code ratio} (a variable: numerator /
 * denominator at the same time point, the two records within {@code maxMinutesApart} in
 * screening) or {@code days_between} (an integer case field: days from one date field to another).
 */
public record DerivedValue(String name, Kind kind, String numerator, String denominator, int maxMinutesApart, String from, String to)
{
    public enum Kind
    {
        RATIO, DAYS_BETWEEN
    }

    public DerivedValue
    {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }
}
