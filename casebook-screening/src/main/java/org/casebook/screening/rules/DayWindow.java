package org.casebook.screening.rules;

import java.time.LocalDate;
import java.util.Optional;

import org.casebook.screening.fhir.FhirDate;

/**
 * A window of days from day 0 for one extracted value, both ends inclusive, by calendar date;
 * {@code toDay} null means "up to discharge" (an open admission then has no such window).
 *
 * @param timepoint the protocol time point the value is reported at (may be null for windows that report none)
 */
public record DayWindow(String timepoint, int fromDay, Integer toDay)
{
    public boolean endsAtDischarge()
    {
        return toDay == null;
    }

    /** Whether a day-precise date lies in the window; {@code discharge} closes a window ending at discharge. */
    public boolean contains(FhirDate date, LocalDate dayZero, Optional<LocalDate> discharge)
    {
        Optional<Long> day = date == null ? Optional.empty() : date.dayIn(dayZero);
        if (day.isEmpty() || day.get() < fromDay) {
            return false;
        }
        if (toDay != null) {
            return day.get() <= toDay;
        }
        return discharge.isPresent() && !date.date().isAfter(discharge.get());
    }
}
