package org.casebook.screening.fhir;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A FHIR date or dateTime as written, in any of its precisions: {@code 2016}, {@code 2016-05},
 * {@code 2016-05-14}, {@code 2016-05-14T09:30:00+09:00}. The calendar date is the date as written,
 * with its own offset, never converted to UTC.
 * <ul>
 * <li>A year or year-month counts for "on or before" a date only when its whole span does
 * ({@link #isWhollyOnOrBefore}); it is never inside a window of days ({@link #dayIn}).</li>
 * <li>A date without a time is never within minutes of anything ({@link #minutesTo}) and sorts
 * before times on the same date ({@link #ORDER}).</li>
 * </ul>
 */
public record FhirDate(String text, Precision precision, LocalDate date, LocalTime time, ZoneOffset offset) implements java.io.Serializable
{
    public enum Precision { YEAR, MONTH, DAY, TIME }

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?(Z|[+-]\\d{2}:\\d{2})?)?)?)?");

    /** Order of records in time: by calendar date as written (span start), date-only first, then time as written. */
    public static final Comparator<FhirDate> ORDER = Comparator
            .comparing(FhirDate::date)
            .thenComparing(FhirDate::precision)
            .thenComparing(fhirDate -> fhirDate.time == null ? LocalTime.MIN : fhirDate.time);

    public FhirDate
    {
        requireNonNull(text, "text is null");
        requireNonNull(precision, "precision is null");
        requireNonNull(date, "date is null");
    }

    /** The parsed date, or empty for a missing or invalid text (which screening treats as no date). */
    public static Optional<FhirDate> parse(String text)
    {
        if (text == null) {
            return Optional.empty();
        }
        FhirDate plain = parsePlain(text);
        return plain != null ? Optional.of(plain) : parseByPattern(text);
    }

    /** {@link #parse} by the regular expression alone, every shape (for tests: the plain shapes' reference). */
    static Optional<FhirDate> parseByPattern(String text)
    {
        Matcher matcher = FORMAT.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(matcher.group(1));
            if (matcher.group(2) == null) {
                return Optional.of(new FhirDate(text, Precision.YEAR, LocalDate.of(year, 1, 1), null, null));
            }
            int month = Integer.parseInt(matcher.group(2));
            if (matcher.group(3) == null) {
                return Optional.of(new FhirDate(text, Precision.MONTH, LocalDate.of(year, month, 1), null, null));
            }
            LocalDate date = LocalDate.of(year, month, Integer.parseInt(matcher.group(3)));
            if (matcher.group(4) == null) {
                return Optional.of(new FhirDate(text, Precision.DAY, date, null, null));
            }
            // FHIR allows a leap second (60) and any number of fraction digits: keep the day, clamp the time.
            int second = matcher.group(6) == null ? 0 : Math.min(59, Integer.parseInt(matcher.group(6)));
            int nanos = matcher.group(7) == null ? 0 : Integer.parseInt((matcher.group(7) + "000000000").substring(0, 9));
            LocalTime time = LocalTime.of(Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)), second, nanos);
            ZoneOffset offset = matcher.group(8) == null ? null : ZoneOffset.of(matcher.group(8));
            return Optional.of(new FhirDate(text, Precision.TIME, date, time, offset));
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The two shapes nearly every export writes, {@code 2016-05-14} and {@code 2016-05-14T09:30:00} with
     * {@code Z} or an offset and no fraction, read without the regular expression (a screen parses millions
     * of dates; the matcher was a tenth of the reading): the same value {@link #FORMAT} gives, or null for
     * any other text, which the matcher then reads.
     */
    private static FhirDate parsePlain(String text)
    {
        int length = text.length();
        if (length != 10 && length != 20 && length != 25) {
            return null;
        }
        if (!digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 7) || text.charAt(7) != '-' || !digits(text, 8, 10)) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
        }
        catch (java.time.DateTimeException e) {
            return null;
        }
        if (length == 10) {
            return new FhirDate(text, Precision.DAY, date, null, null);
        }
        if (text.charAt(10) != 'T' || !digits(text, 11, 13) || text.charAt(13) != ':' || !digits(text, 14, 16) || text.charAt(16) != ':' || !digits(text, 17, 19)) {
            return null;
        }
        char zone = text.charAt(19);
        if (length == 20 ? zone != 'Z' : (zone != '+' && zone != '-') || !digits(text, 20, 22) || text.charAt(22) != ':' || !digits(text, 23, 25)) {
            return null;
        }
        try {
            // a leap second (60) keeps the day, the time clamped, as below
            LocalTime time = LocalTime.of(number(text, 11, 13), number(text, 14, 16), Math.min(59, number(text, 17, 19)));
            return new FhirDate(text, Precision.TIME, date, time, ZoneOffset.of(text.substring(19)));
        }
        catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static boolean digits(String text, int from, int to)
    {
        for (int index = from; index < to; index++) {
            char c = text.charAt(index);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to)
    {
        int value = 0;
        for (int index = from; index < to; index++) {
            value = value * 10 + text.charAt(index) - '0';
        }
        return value;
    }

    /** Whether this names a single calendar day (a date or a dateTime), so it can lie inside a window of days. */
    public boolean isDayPrecise()
    {
        return precision == Precision.DAY || precision == Precision.TIME;
    }

    /** The last calendar day of the span this value names. */
    public LocalDate spanEnd()
    {
        return switch (precision) {
            case YEAR -> date.withDayOfYear(date.lengthOfYear());
            case MONTH -> date.withDayOfMonth(date.lengthOfMonth());
            case DAY, TIME -> date;
        };
    }

    public boolean isWhollyOnOrBefore(LocalDate limit)
    {
        return !spanEnd().isAfter(limit);
    }

    /** Whether this is a day inside {@code from … to} (inclusive, by calendar date); {@code to} null means no upper bound. */
    public boolean isWithin(LocalDate from, LocalDate to)
    {
        return isDayPrecise() && !date.isBefore(from) && (to == null || !date.isAfter(to));
    }

    /** Days from day 0 to this date by calendar date, only for day-precise values. */
    public Optional<Long> dayIn(LocalDate dayZero)
    {
        return isDayPrecise() ? Optional.of(ChronoUnit.DAYS.between(dayZero, date)) : Optional.empty();
    }

    /** Absolute minutes between two times; empty when either has no time. */
    public Optional<Double> minutesTo(FhirDate other)
    {
        if (precision != Precision.TIME || other.precision != Precision.TIME) {
            return Optional.empty();
        }
        Duration duration;
        if (offset != null && other.offset != null) {
            duration = Duration.between(OffsetDateTime.of(date, time, offset), OffsetDateTime.of(other.date, other.time, other.offset));
        }
        else {
            duration = Duration.between(LocalDateTime.of(date, time), LocalDateTime.of(other.date, other.time));
        }
        return Optional.of(Math.abs(duration.toNanos()) / 60e9);
    }

    public boolean isAfter(FhirDate other)
    {
        return ORDER.compare(this, other) > 0;
    }

    @Override
    public String toString()
    {
        return text;
    }
}
