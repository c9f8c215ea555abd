package org.casebook.web.cases;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;
import org.casebook.store.cases.CaseValue;
import org.casebook.store.ct.CtScan;

/**
 * A case's events on the day-0 axis (day 0 as the protocol defines it: its day-0 date field, or the
 * fallback when blank; the seed's exacerbation onset, else admission): the case's date fields
 * (by their labels), dated measurements and CT scans, in day order.
 */
public final class CaseTimeline
{
    /** One event; {@code percent} places it on the drawn axis. */
    public record Event(long day, LocalDate date, String label, double percent) {}

    private CaseTimeline() {}

    public static List<Event> of(StudyProtocol protocol, List<CaseValue> values, List<CtScan> scans)
    {
        CaseSchema schema = protocol.caseSchema();
        LocalDate dayZero = dayZero(schema, values);
        if (dayZero == null) {
            return List.of();
        }
        List<Event> events = new ArrayList<>();
        for (CaseValue value : values) {
            if (value.timepoint().isEmpty()) {
                schema.findField(value.variable()).filter(field -> field.kind() == FieldKind.DATE)
                        .map(field -> FieldKind.parseDate(value.value()) == null ? null : field)
                        .ifPresent(field -> add(events, dayZero, FieldKind.parseDate(value.value()), field.label()));
            }
            else if (value.date() != null) {
                add(events, dayZero, LocalDate.parse(value.date()), measurement(protocol, value));
            }
        }
        for (CtScan scan : scans) {
            if (scan.date() != null) {
                add(events, dayZero, LocalDate.parse(scan.date()), "CT, " + timepointLabel(protocol, scan.timepoint()));
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

    /** A measurement as people read it: "SpO2/FiO2 (On admission) 438 mmHg", to the variable's decimals, never its raw name or 15 decimals. */
    static String measurement(StudyProtocol protocol, CaseValue value)
    {
        String where = " (" + timepointLabel(protocol, value.timepoint()) + ") ";
        return protocol.findVariable(value.variable())
                .map(variable -> variable.label() + where + shown(variable, value.value()) + unit(variable.unit()))
                .orElse(value.variable() + where + value.value());
    }

    /** To the variable's decimals; without them, a computed value's long tail cut to one decimal, as the report prints it (a recorded 0.21 stays). */
    private static String shown(VariableSpec variable, String value)
    {
        if (variable.decimals() != null) {
            return variable.display(value);
        }
        try {
            java.math.BigDecimal number = new java.math.BigDecimal(value.strip());
            return number.scale() <= 4 ? value : number.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
        }
        catch (NumberFormatException notANumber) {
            return value;
        }
    }

    private static String unit(String unit)
    {
        return unit == null || unit.isBlank() || unit.equals("fraction") ? "" : " " + unit;
    }

    private static String timepointLabel(StudyProtocol protocol, String timepoint)
    {
        return protocol.timepoints().stream().filter(tp -> tp.name().equals(timepoint)).map(TimePoint::label).findFirst().orElse(timepoint);
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

    /** Day 0 by the protocol: day 0's date field, or its fallback when blank. */
    static LocalDate dayZero(CaseSchema schema, List<CaseValue> values)
    {
        Map<String, Object> dates = new HashMap<>();
        for (CaseValue value : values) {
            if (value.timepoint().isEmpty() && FieldKind.parseDate(value.value()) != null) {
                dates.put(value.variable(), FieldKind.parseDate(value.value()));
            }
        }
        return schema.dayZero(dates);
    }
}
