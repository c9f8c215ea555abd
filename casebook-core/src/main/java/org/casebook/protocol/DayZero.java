package org.casebook.protocol;

import static java.util.Objects.requireNonNull;

/** The anchor event of each case's timeline (for the seed study: the exacerbation admission). */
public record DayZero(String event, String description)
{
    public DayZero
    {
        requireNonNull(event, "event is null");
        requireNonNull(description, "description is null");
    }
}
