package org.casebook.workbook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.casebook.casedata.SourceRef;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;

import static java.util.Objects.requireNonNull;

/**
 * Typed access to the cells of one data row. A bad cell is reported as an error naming the
 * sheet, row, column, value and what was expected, returns null, and marks the row invalid; an
 * empty cell returns null (missing) unless the value is required.
 */
final class RowCells
{
    private static final Set<String> YES = Set.of("yes", "y", "true");
    private static final Set<String> NO = Set.of("no", "n", "false");
    static final int MAX_NUMBER_TEXT = 40;
    private static final BigDecimal MAX_NUMBER = new BigDecimal("1e15");

    private final Sheet sheet;
    private final SheetRow row;
    private final ImportIssues issues;
    private final KeptValues kept;
    private boolean valid = true;

    /** @param kept shares the values the import keeps (patient ids, readers, dates) */
    RowCells(Sheet sheet, SheetRow row, ImportIssues issues, KeptValues kept)
    {
        this.sheet = requireNonNull(sheet, "sheet is null");
        this.row = requireNonNull(row, "row is null");
        this.issues = requireNonNull(issues, "issues is null");
        this.kept = requireNonNull(kept, "kept is null");
    }

    /** The one kept instance equal to {@code value}. */
    <T> T intern(T value)
    {
        return kept.intern(value);
    }

    int number()
    {
        return row.number();
    }

    /** False once any cell of the row was reported as an error. */
    boolean isValid()
    {
        return valid;
    }

    void error(String column, String value, String problem)
    {
        valid = false;
        issues.error(sheet.name(), row.number(), column, value, problem);
    }

    void warning(String column, String value, String problem)
    {
        issues.warning(sheet.name(), row.number(), column, value, problem);
    }

    /** The {@code source} cell, or this row of this sheet. */
    SourceRef source()
    {
        return kept.source(sheet, row);
    }

    String text(String column)
    {
        return row.text(column);
    }

    String requiredText(String column)
    {
        String text = row.text(column);
        if (text == null) {
            error(column, null, "required value missing");
        }
        return text;
    }

    /** The patient id, which must be one of the cases' unless {@code knownPatients} is null. */
    String patientId(Set<String> knownPatients)
    {
        String patientId = requiredText("patient_id");
        if (patientId != null && knownPatients != null && !knownPatients.contains(patientId)) {
            error("patient_id", patientId, "patient not in cases");
            return null;
        }
        return kept.intern(patientId);
    }

    String timepoint(StudyProtocol protocol)
    {
        // the message is made only for a bad cell: made for every row, it cost a twentieth of a large import
        return requiredChoice("timepoint", name -> protocol.findTimepoint(name).map(TimePoint::name),
                () -> "one of the protocol's time points: " + String.join(", ", protocol.timepointNames()));
    }

    LocalDate date(String column)
    {
        String text = row.text(column);
        if (text == null) {
            return null;
        }
        // four-digit years only: LocalDate.parse also takes +999999999-12-31, whose day arithmetic overflows
        if (!isIsoDate(text)) {
            error(column, text, "expected a date yyyy-mm-dd");
            return null;
        }
        try {
            return kept.date(text);
        }
        catch (DateTimeParseException e) {
            error(column, text, "expected a date yyyy-mm-dd");
            return null;
        }
    }

    /** True for text of the form {@code dddd-dd-dd}, ASCII digits (what the pattern {@code \\d{4}-\\d{2}-\\d{2}} matches). */
    static boolean isIsoDate(String text)
    {
        if (text.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = text.charAt(i);
            boolean ok = i == 4 || i == 7 ? c == '-' : c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    LocalDate requiredDate(String column)
    {
        return requiredText(column) == null ? null : date(column);
    }

    Double number(String column)
    {
        String text = row.text(column);
        // a short plain decimal (-12.5, 350): parsed as a double directly, which rounds as BigDecimal.doubleValue does
        if (isPlainDecimal(text)) {
            double value = Double.parseDouble(text);
            // but -0 is 0 as a BigDecimal
            if (value != 0 || text.charAt(0) != '-') {
                return value;
            }
        }
        return Optional.ofNullable(decimal(column)).map(BigDecimal::doubleValue).orElse(null);
    }

    /** The value of 1–9 ASCII digits; -1 for anything else (null, a sign, a point, more digits). */
    static int plainDigits(String text)
    {
        if (text == null || text.isEmpty() || text.length() > 9) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * True for an optional minus, digits, and optionally a point and digits, at most 15 characters
     * in all (so within ±1e15): text that Double.parseDouble reads exactly as the BigDecimal path
     * does, without its exponents, NaN, hex or type suffixes.
     */
    static boolean isPlainDecimal(String text)
    {
        if (text == null || text.isEmpty() || text.length() > 15) {
            return false;
        }
        int i = text.charAt(0) == '-' ? 1 : 0;
        int digitsBefore = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
            digitsBefore++;
        }
        if (digitsBefore == 0) {
            return false;
        }
        if (i == text.length()) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        i++;
        int digitsAfter = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
            digitsAfter++;
        }
        return digitsAfter > 0 && i == text.length();
    }

    Double requiredNumber(String column)
    {
        return requiredText(column) == null ? null : number(column);
    }

    /** A number of at least 0 (ages, doses, weights). */
    Double nonNegative(String column)
    {
        Double value = number(column);
        if (value != null && value < 0) {
            error(column, row.text(column), "expected a number of at least 0");
            return null;
        }
        return value;
    }

    /** An integer between min and max inclusive; {@code 30.0} counts as the integer 30. */
    Integer integer(String column, int min, int max)
    {
        String text = row.text(column);
        // the common cell, a few plain digits within range, without a BigDecimal: millions of CT read cells
        int plain = plainDigits(text);
        if (plain >= 0 && plain >= min && plain <= max) {
            return plain;
        }
        BigDecimal decimal = decimal(column);
        if (decimal == null) {
            return null;
        }
        String expected = "expected an integer " + min + "–" + max;
        if (decimal.stripTrailingZeros().scale() > 0) {
            error(column, text, expected);
            return null;
        }
        if (decimal.compareTo(BigDecimal.valueOf(min)) < 0 || decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
            error(column, text, expected);
            return null;
        }
        return decimal.intValueExact();
    }

    Integer requiredInteger(String column, int min, int max)
    {
        return requiredText(column) == null ? null : integer(column, min, max);
    }

    /** yes/no, y/n or true/false, in any case. */
    Boolean yesNo(String column)
    {
        String text = row.text(column);
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (YES.contains(lower)) {
            return true;
        }
        if (NO.contains(lower)) {
            return false;
        }
        error(column, text, "expected yes or no");
        return null;
    }

    /** A value from a fixed list; {@code parser} returns empty for values outside it. */
    <T> T choice(String column, Function<String, Optional<T>> parser, String allowed)
    {
        return choice(column, parser, () -> allowed);
    }

    /** As {@link #choice(String, Function, String)}, the list of allowed values made only when a cell is not one. */
    <T> T choice(String column, Function<String, Optional<T>> parser, Supplier<String> allowed)
    {
        String text = row.text(column);
        if (text == null) {
            return null;
        }
        Optional<T> value = parser.apply(text);
        if (value.isEmpty()) {
            error(column, text, "expected " + allowed.get());
            return null;
        }
        return value.get();
    }

    <T> T requiredChoice(String column, Function<String, Optional<T>> parser, String allowed)
    {
        return requiredText(column) == null ? null : choice(column, parser, allowed);
    }

    <T> T requiredChoice(String column, Function<String, Optional<T>> parser, Supplier<String> allowed)
    {
        return requiredText(column) == null ? null : choice(column, parser, allowed);
    }

    private BigDecimal decimal(String column)
    {
        String text = row.text(column);
        if (text == null) {
            return null;
        }
        // a cell of a million digits would take minutes to compare; no measured value needs more than a few dozen characters
        if (text.length() > MAX_NUMBER_TEXT) {
            error(column, text, "expected a number (of at most " + MAX_NUMBER_TEXT + " characters)");
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        }
        catch (NumberFormatException e) {
            error(column, text, "expected a number");
            return null;
        }
        if (value.abs().compareTo(MAX_NUMBER) > 0) {
            error(column, text, "expected a number from -1e15 to 1e15");
            return null;
        }
        return value;
    }
}
