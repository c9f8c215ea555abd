package org.casebook.store.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;

import static java.util.Objects.requireNonNull;

/**
 * Checks edits against the study protocol, the authoritative server-side check: case fields by
 * their kind, measurements as numbers within the variable's plausible range, at a protocol time
 * point. Collects every error.
 */
public final class CaseValueValidator
{
    private final StudyProtocol protocol;

    public CaseValueValidator(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
    }

    /** @throws ValidationException with one message per bad edit */
    public void check(List<ValueEdit> edits)
    {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ValueEdit edit : edits) {
            String problem = problem(edit);
            if (problem != null) {
                errors.put(edit.field(), problem);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private String problem(ValueEdit edit)
    {
        if (edit.timepoint().isEmpty()) {
            return caseFieldProblem(edit);
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
                    + CaseField.formatNumber(spec.min()) + "–" + CaseField.formatNumber(spec.max()) + " " + spec.unit();
        }
        return null;
    }

    private static String caseFieldProblem(ValueEdit edit)
    {
        CaseField field = CaseField.fromColumn(edit.variable()).orElse(null);
        if (field == null) {
            return edit.variable() + ": unknown case field";
        }
        if (edit.value().isEmpty()) {
            return field == CaseField.ADMISSION_DATE ? "admission_date is required" : null;
        }
        try {
            field.parse(edit.value());
            return null;
        }
        catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
