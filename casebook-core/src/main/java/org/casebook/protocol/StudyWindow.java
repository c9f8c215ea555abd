package org.casebook.protocol;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/** The calendar span in which index admissions must start, both ends inclusive. */
public record StudyWindow(LocalDate start, LocalDate end)
{
    public StudyWindow
    {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("study window ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public boolean contains(LocalDate date)
    {
        return !date.isBefore(start) && !date.isAfter(end);
    }
}
