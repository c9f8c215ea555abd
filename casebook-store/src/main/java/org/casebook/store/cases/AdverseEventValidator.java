package org.casebook.store.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.casebook.error.Messages;
import org.casebook.schema.AdverseEventSchema;

import static java.util.Objects.requireNonNull;

/**
 * The server-side check of an adverse event typed in casebook, collecting every error by column:
 * <ul>
 * <li>{@code term}: required text, at most 300 characters;</li>
 * <li>{@code onset_date}: optional ISO date {@code yyyy-mm-dd}, a real calendar date from 1900-01-01 to today;</li>
 * <li>{@code grade}: optional CTCAE grade, an integer 1–5;</li>
 * <li>{@code ctcae_version}: optional CTCAE version such as {@code 5.0} (blank: the study's);</li>
 * <li>{@code serious}: required, {@code yes} or {@code no} ({@code true}/{@code false} accepted); an event of
 * grade 5 (death) is serious, since death is an ICH E2A seriousness criterion;</li>
 * <li>{@code related_to}: optional, one of the protocol's levels ({@link AdverseEventSchema}, any case);</li>
 * <li>{@code action}: optional text, at most 300 characters;</li>
 * <li>{@code outcome}: optional, one of the protocol's outcome levels (any case).</li>
 * </ul>
 * A bad version, "related to" or outcome gets the words a workbook import gives for the same cell.
 */
public final class AdverseEventValidator
{
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final int MAX_TEXT = 300;
    public static final int MIN_GRADE = 1;
    public static final int MAX_GRADE = 5;

    private final Clock clock;

    public AdverseEventValidator(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The event in its stored form ({@code id} 0).
     *
     * @throws ValidationException with one message per bad column (keys {@code term}, {@code onset_date}, …)
     */
    public StoredAdverseEvent check(long caseId, AdverseEventEdit edit, AdverseEventSchema schema)
    {
        Map<String, String> errors = new LinkedHashMap<>();
        String term = text("term", edit.term(), true, errors);
        String onset = onsetDate(edit.onsetDate(), errors);
        Integer grade = grade(edit.grade(), errors);
        String version = level("ctcae_version", edit.ctcaeVersion(), AdverseEventSchema::parseCtcaeVersion, AdverseEventSchema.CTCAE_VERSION_EXPECTED, errors);
        Boolean serious = serious(edit.serious(), errors);
        if (grade != null && grade == MAX_GRADE && Boolean.FALSE.equals(serious)) {
            errors.put("serious", "serious: grade 5 (death) is a serious adverse event; serious must be yes");
        }
        String relatedTo = level("related_to", edit.relatedTo(), schema::parseRelatedTo, schema.relatedToExpected(), errors);
        String action = text("action", edit.action(), false, errors);
        String outcome = level("outcome", edit.outcome(), schema::parseOutcome, schema.outcomeExpected(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new StoredAdverseEvent(0, caseId, term, onset, grade, version, serious, relatedTo, action, outcome);
    }

    private static String text(String column, String value, boolean required, Map<String, String> errors)
    {
        if (value.isEmpty()) {
            if (required) {
                errors.put(column, column + " is required");
            }
            return null;
        }
        if (value.length() > MAX_TEXT) {
            errors.put(column, column + ": " + value.length() + " characters; at most " + MAX_TEXT);
        }
        return value;
    }

    private String onsetDate(String value, Map<String, String> errors)
    {
        if (value.isEmpty()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        }
        catch (DateTimeParseException e) {
            errors.put("onset_date", "onset_date: '" + value + "': expected a real date yyyy-mm-dd");
            return null;
        }
        LocalDate today = LocalDate.now(clock);
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(today)) {
            errors.put("onset_date", "onset_date: " + value + " is not plausible: expected a date from " + EARLIEST_DATE + " to today (" + today + ")");
        }
        return value;
    }

    private static Integer grade(String value, Map<String, String> errors)
    {
        if (value.isEmpty()) {
            return null;
        }
        try {
            int grade = Integer.parseInt(value);
            if (grade >= MIN_GRADE && grade <= MAX_GRADE) {
                return grade;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        errors.put("grade", "grade: '" + value + "': expected a CTCAE grade, an integer 1–5");
        return null;
    }

    private static Boolean serious(String value, Map<String, String> errors)
    {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> {
                return true;
            }
            case "no", "false" -> {
                return false;
            }
            case "" -> errors.put("serious", "serious is required: yes or no");
            default -> errors.put("serious", "serious: '" + value + "': expected yes or no");
        }
        return null;
    }

    /** A value from the protocol's levels (or a version), in its stored spelling; null when blank. */
    private static String level(String column, String value, Function<String, Optional<String>> parser, String expected, Map<String, String> errors)
    {
        if (value.isEmpty()) {
            return null;
        }
        Optional<String> level = parser.apply(value);
        if (level.isEmpty()) {
            errors.put(column, column + ": '" + Messages.shorten(value) + "': expected " + expected);
            return null;
        }
        return level.get();
    }
}
