package org.casebook.web.cases;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.casebook.store.cases.CaseField;
import org.casebook.store.cases.CaseValue;
import org.casebook.store.ct.CtScan;

/**
 * A case's events on the day-0 axis (day 0 = the exacerbation onset, or the admission when onset
 * was not recorded): the case's dates, dated measurements and CT scans, in day order.
 */
public final class CaseTimeline
{
    /** One event; {@code percent} places it on the drawn axis. */
    public record Event(long day, LocalDate date, String label, double percent) {}

    private CaseTimeline() {}

    public static List<Event> of(List<CaseValue> values, List<CtScan> scans)
    {
        LocalDate dayZero = dayZero(values);
        if (dayZero == null) {
            return List.of();
        }
        List<Event> events = new ArrayList<>();
        for (CaseValue value : values) {
            if (value.timepoint().isEmpty()) {
                CaseField.fromColumn(value.variable()).filter(field -> field.kind() == CaseField.Kind.DATE)
                        .ifPresent(field -> add(events, dayZero, LocalDate.parse(value.value()), field.column().replace("_date", "").replace('_', ' ')));
            }
            else if (value.date() != null) {
                add(events, dayZero, LocalDate.parse(value.date()), value.variable() + " (" + value.timepoint() + ") " + value.value());
            }
        }
        for (CtScan scan : scans) {
            if (scan.date() != null) {
                add(events, dayZero, LocalDate.parse(scan.date()), "CT " + scan.timepoint());
            }
        }
        events.sort(Comparator.comparingLong(Event::day));
        if (events.isEmpty()) {
            return events;
        }
        long min = Math.min(0, events.get(0).day());
        long max = Math.max(0, events.get(events.size() - 1).day());
        double span = Math.max(1, max - min);
        return events.stream().map(e -> new Event(e.day(), e.date(), e.label(), 100.0 * (e.day() - min) / span)).toList();
    }

    /** Where day 0 lies on the drawn axis, in percent. */
    public static double zeroPercent(List<Event> events)
    {
        if (events.isEmpty()) {
            return 0;
        }
        long min = Math.min(0, events.get(0).day());
        long max = Math.max(0, events.get(events.size() - 1).day());
        return 100.0 * -min / Math.max(1, max - min);
    }

    private static void add(List<Event> events, LocalDate dayZero, LocalDate date, String label)
    {
        events.add(new Event(ChronoUnit.DAYS.between(dayZero, date), date, label, 0));
    }

    static LocalDate dayZero(List<CaseValue> values)
    {
        String onset = find(values, CaseField.AE_ONSET_DATE);
        String admission = find(values, CaseField.ADMISSION_DATE);
        String text = onset != null ? onset : admission;
        return text == null ? null : LocalDate.parse(text);
    }

    private static String find(List<CaseValue> values, CaseField field)
    {
        return values.stream().filter(v -> v.timepoint().isEmpty() && v.variable().equals(field.column())).map(CaseValue::value).findFirst().orElse(null);
    }
}
