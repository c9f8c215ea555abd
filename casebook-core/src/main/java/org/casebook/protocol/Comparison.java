package org.casebook.protocol;

import static java.util.Objects.requireNonNull;

/** A variable compared between two time points, e.g. P/F from onset to after. */
public record Comparison(String variable, String from, String to)
{
    public Comparison
    {
        requireNonNull(variable, "variable is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
    }
}
