package org.casebook.web.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.store.cases.CaseField;
import org.casebook.store.cases.CaseValue;

/**
 * What the case page shows in its form: each case field and each protocol variable at each
 * time point, with the stored (or just submitted) text, its source and any error.
 */
public final class CasePageModel
{
    /**
     * One input: {@code name} is the form parameter ({@code value:onset.pao2}). {@code kind}
     * ({@code date}, {@code number}, {@code choice} or null for free text), {@code min}/{@code max},
     * {@code allowed} ({@code F|M}) and {@code expected} come from the protocol and the case
     * fields; the page renders them as data-* attributes for the as-you-type check.
     */
    public record Cell(String field, String name, String value, String source, String hint, String min, String max, String error,
            String kind, String allowed, String expected) {}

    /** A protocol variable's row of the measurement grid, one cell per time point. */
    public record Row(String label, String unit, List<Cell> cells) {}

    private CasePageModel() {}

    public static List<Cell> caseFields(List<CaseValue> stored, Map<String, String> submitted, Map<String, String> errors)
    {
        Map<String, CaseValue> byField = index(stored);
        List<Cell> cells = new ArrayList<>();
        for (CaseField field : CaseField.values()) {
            Check check = check(field);
            cells.add(cell(field.column(), byField.get(field.column()), submitted, errors, field.expected(), check));
        }
        return cells;
    }

    public static List<Row> measurements(StudyProtocol protocol, List<CaseValue> stored, Map<String, String> submitted, Map<String, String> errors)
    {
        Map<String, CaseValue> byField = index(stored);
        List<Row> rows = new ArrayList<>();
        for (VariableSpec variable : protocol.variables()) {
            List<Cell> cells = new ArrayList<>();
            for (TimePoint timepoint : protocol.timepoints()) {
                String field = timepoint.name() + "." + variable.name();
                String min = format(variable.min());
                String max = format(variable.max());
                Check check = new Check("number", min, max, null, "a number from " + min + " to " + max + " " + variable.unit());
                cells.add(cell(field, byField.get(field), submitted, errors, variable.unit(), check));
            }
            rows.add(new Row(variable.label(), variable.unit(), cells));
        }
        return rows;
    }

    /** What the page checks as you type in one input. */
    private record Check(String kind, String min, String max, String allowed, String expected) {}

    private static Check check(CaseField field)
    {
        return switch (field.kind()) {
            case DATE -> new Check("date", null, null, null, field.expected());
            case NUMBER -> new Check("number", "0", null, null, field.expected());
            case YES_NO, SEX, SMOKING, ILD_PATTERN -> new Check("choice", null, null, String.join("|", field.allowedValues()), field.expected());
            case AGENT, FREE_TEXT -> new Check(null, null, null, null, null);
        };
    }

    private static Cell cell(String field, CaseValue stored, Map<String, String> submitted, Map<String, String> errors, String hint, Check check)
    {
        String value = submitted.containsKey(field) ? submitted.get(field) : stored == null ? "" : stored.value();
        String source = stored == null || stored.source() == null ? null : stored.source();
        return new Cell(field, "value:" + field, value, source, hint, check.min(), check.max(), errors.get(field),
                check.kind(), check.allowed(), check.expected());
    }

    private static Map<String, CaseValue> index(List<CaseValue> values)
    {
        return values.stream().collect(Collectors.toMap(CaseValue::field, Function.identity()));
    }

    private static String format(double value)
    {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
