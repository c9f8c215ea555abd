package org.casebook.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The anchor event of each case's timeline. {@code criterion}, when set, names the eligibility
 * criterion whose matched record's date is day 0 in screening (otherwise the index event's).
 */
public record DayZero(String event, String description, String criterion)
{
    public DayZero
    {
        requireNonNull(event, "event is null");
        requireNonNull(description, "description is null");
    }

    public DayZero(String event, String description)
    {
        this(event, description, null);
    }
}
