package org.casebook.redcap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.casebook.yaml.YamlDocuments;
import org.casebook.yaml.YamlNode;

import static java.util.Objects.requireNonNull;

/**
 * Which REDCap field gives each workbook column (docs/redcap.md): the record id field, the case
 * fields, and for each other sheet a list of rules, each taking rows of one repeating instrument
 * and/or event and naming, per column, a field (with a value map, a factor) or a constant.
 *
 * {@code protocolId} is the protocol the mapping was written for, or null when not said.
 *
 * <pre>
 * record_id: record_id
 * cases:
 *   columns:
 *     age: {field: age_years}
 *     sex: {field: sex, values: {"1": F, "2": M}}
 * measurements:
 *   - instrument: measurements
 *     columns:
 *       timepoint: {field: mx_timepoint, values: {"1": baseline}}
 *       variable: {value: tsh}
 *       value: {field: tsh}
 * </pre>
 */
public record RedcapMapping(String file, String protocolId, String recordIdField, Rule cases, Map<String, List<Rule>> sheets)
{
    /**
     * Where one workbook column's value comes from: a record column ({@code field}), the box
     * checked of a checkbox field ({@code checkbox}) or a constant ({@code value}); {@code event}
     * narrows the rows (cases only), {@code values} maps REDCap codes to workbook values, and
     * {@code factor} multiplies a number (a unit conversion).
     */
    public record Source(String field, String checkbox, String constant, String event, Map<String, String> values, BigDecimal factor, int line)
    {
        public Source
        {
            values = values == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        boolean isConstant()
        {
            return constant != null;
        }
    }

    /** Rows of one repeating instrument ({@code null}: the non-repeating rows) and event ({@code null}: any), and the columns filled from each. */
    public record Rule(String instrument, String event, Map<String, Source> columns, int line)
    {
        public Rule
        {
            columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(columns, "columns is null")));
        }
    }

    public RedcapMapping
    {
        requireNonNull(file, "file is null");
        requireNonNull(recordIdField, "recordIdField is null");
        requireNonNull(cases, "cases is null");
        sheets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(sheets, "sheets is null")));
    }

    /**
     * @param file name used in error messages
     * @throws org.casebook.yaml.YamlFormatException naming the line and key of the first mistake
     */
    public static RedcapMapping parse(String file, String text)
    {
        YamlNode root = YamlDocuments.parse(file, text);
        List<String> optional = new ArrayList<>(RedcapLayout.SHEETS);
        optional.add("protocol");
        root.requireKeys(Set.of("record_id", "cases"), Set.copyOf(optional));
        YamlNode casesNode = root.child("cases");
        casesNode.requireKeys(Set.of("columns"), Set.of("event"));
        Rule cases = rule(casesNode);
        Map<String, List<Rule>> sheets = new LinkedHashMap<>();
        for (String sheet : RedcapLayout.SHEETS) {
            if (root.has(sheet)) {
                List<Rule> rules = new ArrayList<>();
                for (YamlNode element : root.list(sheet)) {
                    element.requireKeys(Set.of("columns"), Set.of("instrument", "event"));
                    rules.add(rule(element));
                }
                sheets.put(sheet, rules);
            }
        }
        return new RedcapMapping(file, root.optionalText("protocol").orElse(null), root.text("record_id"), cases, sheets);
    }

    private static Rule rule(YamlNode node)
    {
        Map<String, Source> columns = new LinkedHashMap<>();
        YamlNode columnsNode = node.child("columns");
        if (!columnsNode.json().isObject()) {
            throw columnsNode.error("expected a mapping of workbook columns to sources");
        }
        for (Map.Entry<String, YamlNode> entry : node.entries("columns").entrySet()) {
            columns.put(entry.getKey(), source(entry.getValue()));
        }
        return new Rule(node.optionalText("instrument").orElse(null), node.optionalText("event").orElse(null), columns, node.line());
    }

    private static Source source(YamlNode node)
    {
        if (node.json().isValueNode()) {
            return new Source(node.asText(), null, null, null, null, null, node.line());
        }
        node.requireKeys(Set.of(), Set.of("field", "checkbox", "value", "event", "values", "factor", "note"));
        int kinds = (node.has("field") ? 1 : 0) + (node.has("checkbox") ? 1 : 0) + (node.has("value") ? 1 : 0);
        if (kinds != 1) {
            throw node.error("expected exactly one of field, checkbox or value");
        }
        Map<String, String> values = null;
        if (node.has("values")) {
            values = new LinkedHashMap<>();
            JsonNode map = node.child("values").json();
            if (!map.isObject()) {
                throw node.child("values").error("expected a mapping of REDCap codes to workbook values");
            }
            Iterator<Map.Entry<String, JsonNode>> entries = map.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                values.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText());
            }
        }
        BigDecimal factor = null;
        if (node.has("factor")) {
            JsonNode number = node.child("factor").json();
            if (!number.isNumber()) {
                throw node.child("factor").error("expected a number");
            }
            factor = number.decimalValue();
        }
        String constant = node.has("value") ? valueText(node.child("value").json()) : null;
        return new Source(node.optionalText("field").orElse(null), node.optionalText("checkbox").orElse(null), constant,
                node.optionalText("event").orElse(null), values, factor, node.line());
    }

    private static String valueText(JsonNode value)
    {
        return value.isNull() ? "" : value.asText();
    }
}
