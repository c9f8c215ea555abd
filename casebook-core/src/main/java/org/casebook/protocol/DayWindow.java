package org.casebook.protocol;

/**
 * Days relative to an anchor, both ends inclusive; {@code to} null means no upper bound (to the
 * end of the stay, in extraction).
 */
public record DayWindow(int from, Integer to)
{
    public boolean contains(long day)
    {
        return day >= from && (to == null || day <= to);
    }
}
