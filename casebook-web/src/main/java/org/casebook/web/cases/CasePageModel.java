package org.casebook.web.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;
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
            String kind, String allowed, String expected, String shown) {}

    /** A protocol variable's row of the measurement grid, one cell per time point. */
    public record Row(String label, String unit, List<Cell> cells) {}

    /** A section of the case form (the protocol's case-field {@code section}, "Case" for none) and its inputs, in protocol order. */
    public record FieldSection(String label, String id, List<FieldInput> inputs) {}

    /** The case fields' inputs grouped by section, sections in the order of their first field. */
    public static List<FieldSection> sections(CaseSchema schema, List<FieldInput> inputs)
    {
        Map<String, List<FieldInput>> bySection = new java.util.LinkedHashMap<>();
        for (FieldInput input : inputs) {
            String section = schema.findField(input.field()).map(CaseField::section).orElse(null);
            bySection.computeIfAbsent(section == null ? "Case" : section, name -> new ArrayList<>()).add(input);
        }
        List<FieldSection> sections = new ArrayList<>();
        bySection.forEach((label, list) -> sections.add(new FieldSection(label, "section-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                List.copyOf(list))));
        return sections;
    }

    private CasePageModel() {}

    /**
     * One case field's input, rendered from the protocol's case schema: {@code widget} is
     * {@code date} (a date input), {@code number} (a number input with {@code min}, {@code max}
     * and {@code step}), {@code radio} (yes/no: yes, no, not recorded), {@code select} (categories and agents, with {@code options}) or
     * {@code text} (with {@code maxLength}). {@code kind}, {@code allowed}, {@code expected},
     * {@code required}, {@code notBefore} (the input id of the date this one may not precede) and
     * {@code notBeforeLabel} (the words when it does) are the data-* attributes of the as-you-type check, from the same field definition the
     * server's check ({@link org.casebook.schema.FieldParser}) reads.
     */
    public record FieldInput(String field, String label, String name, String value, String source, String error, String widget,
            String unit, String help, String min, String max, String step, Integer maxLength, boolean required, List<String> options,
            String kind, String allowed, String expected, String notBefore, String notBeforeLabel) {}

    public static List<FieldInput> caseFields(CaseSchema schema, List<CaseValue> stored, Map<String, String> submitted, Map<String, String> errors)
    {
        Map<String, CaseValue> byField = index(stored);
        List<FieldInput> inputs = new ArrayList<>();
        for (CaseField field : schema.fields()) {
            CaseValue value = byField.get(field.name());
            String text = submitted.containsKey(field.name()) ? submitted.get(field.name()) : value == null ? "" : value.value();
            String source = value == null ? null : value.source();
            String min = field.min() == null ? null : field.min().toPlainString();
            String max = field.max() == null ? null : field.max().toPlainString();
            String expected = field.expected();
            String notBefore = field.notBefore() == null ? null : "value:" + field.notBefore();
            // the server's words (CaseSchema.check): "discharge date is before the admission date 2024-01-05"
            String notBeforeLabel = field.notBefore() == null ? null : field.label().toLowerCase(Locale.ROOT) + " is before the "
                    + schema.findField(field.notBefore()).map(CaseField::label).orElse(field.notBefore()).toLowerCase(Locale.ROOT);
            FieldInput input = switch (field.kind()) {
                case DATE -> new FieldInput(field.name(), field.label(), "value:" + field.name(), text, source, errors.get(field.name()), "date",
                        null, field.help(), null, null, null, null, field.required(), List.of(), "date", null, expected, notBefore, notBeforeLabel);
                case NUMBER, INTEGER -> new FieldInput(field.name(), field.label(), "value:" + field.name(), text, source, errors.get(field.name()), "number",
                        field.unit(), field.help(), min, max, field.kind() == FieldKind.INTEGER ? "1" : "any", null, field.required(), List.of(),
                        field.kind() == FieldKind.INTEGER ? "integer" : "number", null, expected, null, null);
                case YES_NO -> {
                    List<String> options = new ArrayList<>(List.of("yes", "no", ""));
                    String chosen = selected(List.of("yes", "no"), text);
                    // a stored value that is neither stays visible as a fourth choice, with the server's error
                    if (!chosen.isEmpty() && !chosen.equals("yes") && !chosen.equals("no")) {
                        options.add(chosen);
                    }
                    yield new FieldInput(field.name(), field.label(), "value:" + field.name(), chosen, source, errors.get(field.name()),
                            "radio", null, field.help(), null, null, null, null, field.required(), options, "choice", "yes|no", expected, null, null);
                }
                case CATEGORY, AGENT -> {
                    List<String> choices = field.choices();
                    List<String> options = new ArrayList<>();
                    options.add("");
                    options.addAll(choices);
                    // a value the protocol does not offer (typed elsewhere, or stored before) stays visible, with the server's error
                    if (!text.isEmpty() && choices.stream().noneMatch(choice -> choice.equalsIgnoreCase(text))) {
                        options.add(text);
                    }
                    yield new FieldInput(field.name(), field.label(), "value:" + field.name(), selected(choices, text), source, errors.get(field.name()),
                            "select", null, field.help(), null, null, null, null, field.required(), options, "choice", String.join("|", choices), expected, null, null);
                }
                case TEXT -> new FieldInput(field.name(), field.label(), "value:" + field.name(), text, source, errors.get(field.name()), "text",
                        null, field.help(), null, null, null, field.maxLength(), field.required(), List.of(), "text", null, expected, null, null);
            };
            inputs.add(input);
        }
        return inputs;
    }

    /** The option matching {@code text} ignoring case ({@code y} is {@code yes}), else the text itself. */
    private static String selected(List<String> choices, String text)
    {
        Boolean yesNo = text.isEmpty() ? null : FieldKind.parseYesNo(text);
        if (yesNo != null && choices.equals(List.of("yes", "no"))) {
            return yesNo ? "yes" : "no";
        }
        return choices.stream().filter(choice -> choice.equalsIgnoreCase(text)).findFirst().orElse(text);
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
                cells.add(cell(field, byField.get(field), submitted, errors, variable.unit(), check, variable));
            }
            rows.add(new Row(variable.label(), variable.unit(), cells));
        }
        return rows;
    }

    /** What the page checks as you type in one input. */
    private record Check(String kind, String min, String max, String allowed, String expected) {}

    /** {@code shown} is the stored value as the form shows it (to the variable's decimals): sent back unchanged, it is not an edit. */
    private static Cell cell(String field, CaseValue stored, Map<String, String> submitted, Map<String, String> errors, String hint, Check check,
            VariableSpec variable)
    {
        String shown = stored == null ? "" : variable.display(stored.value());
        String value = submitted.containsKey(field) ? submitted.get(field) : shown;
        String source = stored == null || stored.source() == null ? null : stored.source();
        return new Cell(field, "value:" + field, value, source, hint, check.min(), check.max(), errors.get(field),
                check.kind(), check.allowed(), check.expected(), shown);
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
