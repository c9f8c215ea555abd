package org.casebook.store.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseCheck;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;

import static java.util.Objects.requireNonNull;

/**
 * Checks edits against the study protocol, the authoritative server-side check. Case fields are
 * read by the protocol's case schema ({@link CaseSchema#check}, one parser per kind and the rules
 * between fields), the same check as the workbook importer's, so an edit is refused exactly when
 * an import of the same value is, with the same words; measurements as numbers within the
 * variable's plausible range, at a protocol time point. Collects every error.
 */
public final class CaseValueValidator
{
    /**
     * A measurement's text is stored in a VARCHAR(1000) column (migration V1). A case field's
     * length is its own rule in the protocol's schema (text fields' {@code max_length}).
     */
    static final int MAX_VALUE_LENGTH = 1000;

    private final StudyProtocol protocol;

    public CaseValueValidator(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    public StudyProtocol protocol()
    {
        return protocol;
    }

    /**
     * Checks the edits alone (a case field's own rules; rules between fields need the case, see
     * {@link #check(List, Map)}).
     *
     * @throws ValidationException with one message per bad edit
     */
    public void check(List<ValueEdit> edits)
    {
        check(edits, Map.of());
    }

    /**
     * Checks the edits of a case whose case fields are {@code stored} (field → text) and returns
     * them with each case field's value in its stored spelling ({@link CaseFieldText}). A problem
     * is reported for an edited field, or for a field whose {@code not_before} date was edited:
     * a value stored before a rule existed does not block an unrelated edit.
     *
     * @throws ValidationException with one message per bad edit
     */
    public List<ValueEdit> check(List<ValueEdit> edits, Map<String, String> stored)
    {
        CaseSchema schema = protocol.caseSchema();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> cells = new LinkedHashMap<>(stored);
        Set<String> edited = new java.util.HashSet<>();
        for (ValueEdit edit : edits) {
            if (edit.timepoint().isEmpty()) {
                if (schema.findField(edit.variable()).isEmpty()) {
                    errors.put(edit.field(), edit.variable() + ": unknown case field; the protocol's are "
                            + schema.fields().stream().map(CaseField::name).collect(Collectors.joining(", ")));
                }
                else {
                    cells.put(edit.variable(), edit.value());
                    edited.add(edit.variable());
                }
            }
            else {
                String problem = measurementProblem(edit);
                if (problem != null) {
                    errors.put(edit.field(), problem);
                }
            }
        }
        CaseCheck check = schema.check(cells);
        for (Map.Entry<String, String> problem : check.problems().entrySet()) {
            CaseField field = schema.findField(problem.getKey()).orElseThrow();
            boolean reported = edited.contains(field.name()) || field.notBefore() != null && edited.contains(field.notBefore());
            if (reported) {
                errors.put(field.name(), message(field.name(), cells.get(field.name()), problem.getValue()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<ValueEdit> canonical = new ArrayList<>();
        for (ValueEdit edit : edits) {
            Object value = edit.timepoint().isEmpty() ? check.values().get(edit.variable()) : null;
            canonical.add(value == null || edit.value().isEmpty() ? edit : new ValueEdit("", edit.variable(), CaseFieldText.of(value)));
        }
        return canonical;
    }

    /**
     * A field's problem as the API and the case page word it: {@code age: '150': expected a number
     * from 18 to 110}, the importer's words after its sheet and row ({@code cases.csv row 3, column age: …}).
     */
    public static String message(String field, String text, String problem)
    {
        return text == null || text.isBlank() ? field + ": " + problem : field + ": '" + text.strip() + "': " + problem;
    }

    private String measurementProblem(ValueEdit edit)
    {
        if (edit.value().length() > MAX_VALUE_LENGTH) {
            return edit.field() + ": " + edit.value().length() + " characters; at most " + MAX_VALUE_LENGTH;
        }
        if (protocol.findTimepoint(edit.timepoint()).isEmpty()) {
            return edit.field() + ": unknown time point '" + edit.timepoint() + "'; the protocol has " + protocol.timepointNames();
        }
        VariableSpec spec = protocol.findVariable(edit.variable()).orElse(null);
        if (spec == null) {
            return edit.field() + ": unknown variable '" + edit.variable() + "'";
        }
        if (edit.value().isEmpty()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(edit.value());
        }
        catch (NumberFormatException e) {
            return edit.field() + ": '" + edit.value() + "': expected a number in " + spec.unit();
        }
        if (!spec.isPlausible(value)) {
            return edit.field() + ": " + edit.value() + " " + spec.unit() + " is outside the plausible range "
                    + CaseFieldText.number(spec.min()) + "–" + CaseFieldText.number(spec.max()) + " " + spec.unit();
        }
        return null;
    }
}
