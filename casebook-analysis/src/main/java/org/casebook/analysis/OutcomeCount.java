package org.casebook.analysis;

import static java.util.Objects.requireNonNull;

/**
 * How many patients met an outcome, of those with the data to decide it. {@code label} is what
 * the report calls it (a protocol outcome's {@code label}; the name for the seed's fixed counts)
 * and {@code description} the rule in words.
 */
public record OutcomeCount(String name, String label, String description, int count, int denominator)
{
    public OutcomeCount
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(description, "description is null");
    }

    /** A count labelled by its name (the seed's fixed counts). */
    public OutcomeCount(String name, String description, int count, int denominator)
    {
        this(name, name, description, count, denominator);
    }
}
