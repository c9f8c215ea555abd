package org.casebook.protocol;

import static java.util.Objects.requireNonNull;

/**
 * A protocol time point: a name used in the workbook and the results ({@code before}, {@code
 * onset}, {@code after}), a label for tables, and its window in days relative to day 0, both ends
 * inclusive.
 */
public record TimePoint(String name, String label, int fromDay, int toDay)
{
    public TimePoint
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        if (toDay < fromDay) {
            throw new IllegalArgumentException("time point " + name + ": window ends (day " + toDay + ") before it starts (day " + fromDay + ")");
        }
    }

    public boolean containsDay(long day)
    {
        return day >= fromDay && day <= toDay;
    }
}
