package org.casebook.analysis;

import static java.util.Objects.requireNonNull;

/** How many patients met an outcome, of those with the data to decide it. */
public record OutcomeCount(String name, String description, int count, int denominator)
{
    public OutcomeCount
    {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
    }
}
