package org.casebook.store.cases;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casebook.casedata.CaseFieldRules;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;

import static java.util.Objects.requireNonNull;

/**
 * Checks edits against the study protocol, the authoritative server-side check: case fields by
 * their kind, measurements as numbers within the variable's plausible range, at a protocol time
 * point, text no longer than the database keeps. The case as it would be after the edit is then
 * checked by {@link CaseFieldRules}, the same rules as the workbook importer's, so an edit
 * cannot store what an import refuses. Collects every error.
 */
public final class CaseValueValidator
{
    private final StudyProtocol protocol;
    private final CaseFieldRules rules;

    public CaseValueValidator(StudyProtocol protocol)
    {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.rules = CaseFieldRules.of(protocol);
    }

    /** The case-field rules (the agents an agent field accepts, for the page's as-you-type check). */
    public CaseFieldRules rules()
    {
        return rules;
    }

    /**
     * Checks the case-level fields as they would be after the edit ({@code fields}: column → text)
     * against the importer's rules, reporting only rules that read an edited column: a value
     * stored before a rule existed does not block an unrelated edit.
     *
     * @throws ValidationException with one message per broken rule
     */
    public void checkCase(String patientId, Map<String, String> fields, Set<String> editedColumns)
    {
        String admission = fields.get(CaseField.ADMISSION_DATE.column());
        if (admission == null) {
            return; // check() has refused a cleared admission date; a case is never stored without one
        }
        CaseRecordBuilder builder = new CaseRecordBuilder(patientId, LocalDate.parse(admission));
        fields.forEach((column, text) -> CaseField.fromColumn(column).ifPresent(field -> field.apply(builder, text)));
        Map<String, String> errors = new LinkedHashMap<>();
        rules.problems(builder.build()).stream()
                .filter(problem -> problem.involves().stream().anyMatch(editedColumns::contains))
                .forEach(problem -> errors.put(problem.column(), problem.message()));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
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
        if (edit.value().length() > CaseFieldRules.MAX_TEXT_LENGTH) {
            return edit.field() + ": " + edit.value().length() + " characters; at most " + CaseFieldRules.MAX_TEXT_LENGTH;
        }
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

    private String caseFieldProblem(ValueEdit edit)
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
        }
        catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        // a single value's own rules (range, agent) here, so that every bad field of the edit is listed at once
        return rules.problems(single(field, edit.value())).stream()
                .filter(problem -> problem.column().equals(field.column()))
                .map(CaseFieldRules.Problem::message)
                .findFirst().orElse(null);
    }

    /** A case holding only {@code field}, to check that value alone. */
    private static org.casebook.casedata.CaseRecord single(CaseField field, String text)
    {
        CaseRecordBuilder builder = new CaseRecordBuilder("", LocalDate.EPOCH);
        if (field != CaseField.ADMISSION_DATE) {
            field.apply(builder, text);
        }
        return builder.build();
    }
}
