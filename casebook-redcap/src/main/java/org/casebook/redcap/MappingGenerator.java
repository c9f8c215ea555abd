package org.casebook.redcap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;

import static java.util.Objects.requireNonNull;

/**
 * Writes a starting mapping (docs/redcap.md) from a REDCap data dictionary to a protocol: each
 * case field, variable and sheet column is matched to a REDCap field by name or label (ignoring
 * case, spaces and punctuation), choice codes to levels by label or code, time points to
 * events or to a time-point field's choices. What cannot be matched is written as a
 * {@code # TODO} comment, and the REDCap fields left over are listed at the end.
 */
public final class MappingGenerator
{
    private final StudyProtocol protocol;
    private final DataDictionary dictionary;
    private final Map<String, String> events;
    private final Set<String> used = new LinkedHashSet<>();
    private final StringBuilder out = new StringBuilder();

    /** @param events unique event names by their labels; empty for a classic project */
    public MappingGenerator(StudyProtocol protocol, DataDictionary dictionary, Map<String, String> events)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.dictionary = requireNonNull(dictionary, "dictionary is null");
        this.events = Map.copyOf(requireNonNull(events, "events is null"));
    }

    public String generate()
    {
        out.append("# casebook REDCap mapping: REDCap fields -> protocol ").append(protocol.id()).append(" (docs/redcap.md)\n");
        out.append("# Written by `casebook redcap mapping`; check every line, and fill in each TODO.\n");
        out.append("protocol: ").append(quote(protocol.id())).append('\n');
        String recordId = dictionary.recordIdField().map(DictionaryField::fieldName).orElse(RedcapLayout.RECORD_ID);
        used.add(recordId);
        out.append("record_id: ").append(quote(recordId)).append("\n\ncases:\n  columns:\n");
        for (CaseField field : protocol.caseSchema().fields()) {
            Optional<DictionaryField> match = find(field.name(), field.label());
            if (match.isPresent()) {
                out.append("    ").append(field.name()).append(": ").append(source(match.get(), field, "cases")).append('\n');
            }
            else {
                out.append("    # TODO ").append(field.name()).append(" (").append(field.label()).append(", ").append(field.kind().yamlName())
                        .append("): no REDCap field matched\n");
            }
        }
        measurements();
        for (String sheet : List.of("ct_studies", "ct_reads", "ct_reads_kazerooni", "adverse_events")) {
            rowSheet(sheet);
        }
        List<String> left = dictionary.fields().stream()
                .filter(field -> !used.contains(field.fieldName()) && !field.holdsNoValue())
                .map(field -> field.fieldName() + " (" + field.formName() + ", " + field.fieldType() + ")").toList();
        if (!left.isEmpty()) {
            out.append("\n# Not mapped: the REDCap fields below are not read.\n");
            left.forEach(field -> out.append("#   ").append(field).append('\n'));
        }
        return out.toString();
    }

    private void measurements()
    {
        StringBuilder rules = new StringBuilder();
        List<String> todo = new ArrayList<>();
        Optional<DictionaryField> timepointField = dictionary.fields().stream().filter(this::choicesAreTimepoints).findFirst();
        for (VariableSpec variable : protocol.variables()) {
            Optional<DictionaryField> value = find(RedcapLayout.variableField(protocol, variable), variable.name(), variable.label());
            boolean found = false;
            if (value.isPresent() && timepointField.isPresent() && value.get().formName().equals(timepointField.get().formName())) {
                used.add(timepointField.get().fieldName());
                rules.append(measurementRule(variable, value.get(), repeating(value.get()), null, source(timepointField.get(), timepointSpec(), "measurements")));
                found = true;
            }
            else if (value.isPresent() && !events.isEmpty()) {
                for (TimePoint timepoint : protocol.timepoints()) {
                    Optional<String> event = eventOf(timepoint);
                    if (event.isPresent()) {
                        rules.append(measurementRule(variable, value.get(), null, event.get(), "{value: " + quote(timepoint.name()) + "}"));
                        found = true;
                    }
                }
            }
            for (TimePoint timepoint : protocol.timepoints()) {
                Optional<DictionaryField> wide = find(variable.name() + "_" + timepoint.name(), variable.label() + " " + timepoint.label());
                if (!found && wide.isPresent()) {
                    rules.append(measurementRule(variable, wide.get(), repeating(wide.get()), null, "{value: " + quote(timepoint.name()) + "}"));
                    found = true;
                }
            }
            if (!found) {
                todo.add(variable.name() + " (" + variable.label() + ", " + variable.unit() + ")");
            }
        }
        out.append("\nmeasurements:");
        out.append(rules.isEmpty() ? " []\n" : "\n" + rules);
        todo.forEach(variable -> out.append("  # TODO ").append(variable).append(": no REDCap field matched\n"));
    }

    private String measurementRule(VariableSpec variable, DictionaryField value, String instrument, String event, String timepoint)
    {
        used.add(value.fieldName());
        StringBuilder rule = new StringBuilder("  - ");
        String indent = "";
        if (instrument != null) {
            rule.append("instrument: ").append(quote(instrument)).append('\n');
            indent = "    ";
        }
        if (event != null) {
            rule.append(indent).append("event: ").append(quote(event)).append('\n');
            indent = "    ";
        }
        rule.append(indent).append("columns:\n");
        rule.append("      timepoint: ").append(timepoint).append('\n');
        rule.append("      variable: {value: ").append(quote(variable.name())).append("}\n");
        rule.append("      value: {field: ").append(quote(value.fieldName())).append("}\n");
        rule.append("      unit: {value: ").append(quote(variable.unit())).append("}").append(value.fieldNote().isBlank() ? "" : "  # REDCap note: " + oneLine(value.fieldNote())).append('\n');
        find(value.fieldName() + RedcapLayout.DATE_SUFFIX).filter(date -> date.formName().equals(value.formName())).ifPresent(date -> {
            used.add(date.fieldName());
            rule.append("      date: {field: ").append(quote(date.fieldName())).append("}\n");
        });
        return rule.toString();
    }

    private void rowSheet(String sheet)
    {
        String prefix = RedcapLayout.prefix(sheet);
        Map<String, String> matched = new LinkedHashMap<>();
        String form = null;
        for (Map.Entry<String, CaseField> column : RedcapLayout.columns(protocol, sheet).entrySet()) {
            Optional<DictionaryField> field = find(prefix + column.getKey());
            if (field.isPresent()) {
                form = field.get().formName();
                matched.put(column.getKey(), source(field.get(), column.getValue(), sheet));
            }
        }
        boolean kazerooni = "kazerooni".equalsIgnoreCase(protocol.ctScoring().system());
        boolean otherSystem = sheet.equals(kazerooni ? "ct_reads" : "ct_reads_kazerooni");
        if (matched.isEmpty() && otherSystem) {
            return; // the protocol scores CT the other way: nothing is expected here
        }
        if (matched.isEmpty()) {
            out.append("\n# TODO ").append(sheet).append(": no REDCap fields matched (").append(prefix).append("<column>)\n");
            return;
        }
        out.append('\n').append(sheet).append(":\n  - instrument: ").append(quote(form)).append("\n    columns:\n");
        matched.forEach((column, source) -> out.append("      ").append(column).append(": ").append(source).append('\n'));
    }

    private String repeating(DictionaryField field)
    {
        return field.formName().equals(RedcapLayout.CASE_FORM) || dictionary.recordIdField().map(id -> id.formName().equals(field.formName())).orElse(false)
                ? null
                : field.formName();
    }

    private static CaseField timepointSpec()
    {
        return RedcapLayout.category("timepoint", "Time point", List.of(), true);
    }

    private boolean choicesAreTimepoints(DictionaryField field)
    {
        List<DictionaryField.Choice> choices = field.choiceList();
        return !choices.isEmpty() && field.hasChoices() && choices.stream().allMatch(choice -> timepointOf(choice).isPresent());
    }

    private Optional<String> timepointOf(DictionaryField.Choice choice)
    {
        return protocol.timepoints().stream()
                .filter(timepoint -> same(timepoint.name(), choice.label()) || same(timepoint.label(), choice.label()) || same(timepoint.name(), choice.code()))
                .map(TimePoint::name).findFirst();
    }

    private Optional<String> eventOf(TimePoint timepoint)
    {
        return events.entrySet().stream()
                .filter(event -> same(event.getKey(), timepoint.name()) || same(event.getKey(), timepoint.label()) || same(event.getValue(), timepoint.name()))
                .map(Map.Entry::getValue).findFirst();
    }

    /** A column's source: the field, and a value map when its choices are codes. */
    private String source(DictionaryField field, CaseField target, String sheet)
    {
        used.add(field.fieldName());
        StringBuilder source = new StringBuilder("{field: ").append(quote(field.fieldName()));
        if (field.hasChoices() && !field.isCheckbox()) {
            List<String> pairs = new ArrayList<>();
            List<String> unmatched = new ArrayList<>();
            for (DictionaryField.Choice choice : field.choiceList()) {
                Optional<String> value = valueOf(choice, target, sheet);
                pairs.add(quote(choice.code()) + ": " + quote(value.orElse("")));
                if (value.isEmpty()) {
                    unmatched.add(choice.code() + " " + choice.label());
                }
            }
            source.append(", values: {").append(String.join(", ", pairs)).append("}}");
            if (!unmatched.isEmpty()) {
                source.append("  # TODO map choices ").append(String.join("; ", unmatched)).append(" (\"\" means blank)");
            }
            return source.toString();
        }
        if (field.isCheckbox()) {
            return "{checkbox: " + quote(field.fieldName()) + "}  # TODO add values: the checked box's code -> a workbook value";
        }
        return source.append("}").toString();
    }

    private Optional<String> valueOf(DictionaryField.Choice choice, CaseField target, String sheet)
    {
        if (target.name().equals("timepoint")) {
            return timepointOf(choice);
        }
        return switch (target.kind()) {
            case YES_NO -> yesNo(choice);
            case CATEGORY, AGENT -> levelOf(choice, target, sheet);
            case DATE, NUMBER, INTEGER, TEXT -> Optional.of(choice.label());
        };
    }

    /**
     * The level a choice names: the one level the protocol's words for it match the label (casebook's
     * own export labels an outcome "not recovered"), else the level its label or code is written as.
     */
    private Optional<String> levelOf(DictionaryField.Choice choice, CaseField target, String sheet)
    {
        return RedcapLayout.levelOfWords(protocol, sheet, target, choice.label())
                .or(() -> target.choices().stream().filter(level -> same(level, choice.label()) || same(level, choice.code())).findFirst());
    }

    private static Optional<String> yesNo(DictionaryField.Choice choice)
    {
        Boolean value = FieldKind.parseYesNo(choice.label());
        return value == null ? Optional.empty() : Optional.of(value ? "yes" : "no");
    }

    private Optional<DictionaryField> find(String... namesOrLabels)
    {
        for (String wanted : namesOrLabels) {
            Optional<DictionaryField> byName = dictionary.fields().stream().filter(field -> field.fieldName().equalsIgnoreCase(wanted)).findFirst();
            if (byName.isPresent()) {
                return byName;
            }
        }
        for (String wanted : namesOrLabels) {
            Optional<DictionaryField> byLabel = dictionary.fields().stream().filter(field -> same(field.fieldLabel(), wanted) && !field.holdsNoValue()).findFirst();
            if (byLabel.isPresent()) {
                return byLabel;
            }
        }
        return Optional.empty();
    }

    /** Equal ignoring case, spaces and punctuation: "Date of birth" matches date_of_birth. */
    static boolean same(String a, String b)
    {
        return a != null && b != null && !normal(a).isEmpty() && normal(a).equals(normal(b));
    }

    private static String normal(String text)
    {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static String oneLine(String text)
    {
        return text.replaceAll("\\s+", " ");
    }

    /** A YAML double-quoted string. */
    static String quote(String text)
    {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    }
                    else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
