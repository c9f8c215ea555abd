package org.casebook.web.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.error.CasebookException;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.protocol.VariableSpec;
import org.casebook.schema.CaseField;

/**
 * The values of a case a data query may be opened on, by their names ({@code age},
 * {@code onset.pao2}) and the words people read ({@code Age}, {@code PaO2 – At onset}): the
 * protocol's case fields and each variable at each time point.
 */
public final class QueryFields
{
    /** A value a query can be about. */
    public record Option(String field, String label) {}

    private QueryFields() {}

    public static List<Option> options(StudyProtocol protocol)
    {
        return List.copyOf(labels(protocol).entrySet().stream().map(entry -> new Option(entry.getKey(), entry.getValue())).toList());
    }

    public static Map<String, String> labels(StudyProtocol protocol)
    {
        Map<String, String> labels = new LinkedHashMap<>();
        for (CaseField field : protocol.caseSchema().fields()) {
            labels.put(field.name(), field.label());
        }
        for (TimePoint timepoint : protocol.timepoints()) {
            for (VariableSpec variable : protocol.variables()) {
                labels.put(timepoint.name() + "." + variable.name(), variable.label() + " – " + timepoint.label());
            }
        }
        return labels;
    }

    /** {@code field} as a time point and variable ({@code ""} for a case field); a name the protocol has no value of is a 400. */
    public static List<String> parse(StudyProtocol protocol, String field)
    {
        if (field == null || !labels(protocol).containsKey(field.strip())) {
            throw CasebookException.badInput("field '%s': expected a case field or time point.variable of the protocol", field);
        }
        String name = field.strip();
        int dot = name.indexOf('.');
        List<String> parts = new ArrayList<>();
        parts.add(dot < 0 ? "" : name.substring(0, dot));
        parts.add(dot < 0 ? name : name.substring(dot + 1));
        return parts;
    }
}
