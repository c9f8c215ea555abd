package org.casebook.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.casebook.codeset.CodeSet;
import org.casebook.codeset.CodeSetReader;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.yaml.YamlDocuments;
import org.casebook.yaml.YamlNode;

/**
 * Reads a protocol file into a {@link StudyProtocol}, checking every key and cross-reference so
 * that a mistake is reported with its line, its key and what was expected.
 */
public final class ProtocolReader
{
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> CRITERION_KINDS = Set.of("encounter", "condition", "medication");
    private static final Set<String> TIMINGS = Set.of("study_window", "on_or_before_admission", "during_admission");

    private final String file;
    private final Function<String, String> codeSetTexts;

    /**
     * @param file the protocol's name in error messages
     * @param codeSetTexts reads a code-set file named in the protocol (path relative to the protocol)
     */
    public ProtocolReader(String file, Function<String, String> codeSetTexts)
    {
        this.file = file;
        this.codeSetTexts = codeSetTexts;
    }

    /** @throws org.casebook.yaml.YamlFormatException for any mistake, naming line and key */
    public StudyProtocol read(String text)
    {
        YamlNode root = YamlDocuments.parse(file, text).requireKeys(
                Set.of("id", "title", "study_window", "day0", "timepoints", "variables", "ct_score", "outcomes"),
                Set.of("design", "code_sets", "eligibility", "extraction", "description"));
        StringBuilder source = new StringBuilder(text);
        Map<String, CodeSet> codeSets = readCodeSets(root, source);
        List<TimePoint> timepoints = readTimepoints(root);
        List<VariableSpec> variables = readVariables(root);
        Set<String> timepointNames = new HashSet<>(timepoints.stream().map(TimePoint::name).toList());
        Set<String> variableNames = new HashSet<>(variables.stream().map(VariableSpec::name).toList());
        return new StudyProtocol(
                root.text("id"),
                root.text("title"),
                root.optionalText("design").orElse("retrospective case series"),
                readWindow(root.child("study_window")),
                readDayZero(root.child("day0")),
                codeSets,
                readEligibility(root, codeSets.keySet()),
                timepoints,
                variables,
                readCtScore(root.child("ct_score")),
                readOutcomes(root.child("outcomes"), timepointNames, variableNames),
                source.toString());
    }

    private Map<String, CodeSet> readCodeSets(YamlNode root, StringBuilder source)
    {
        Map<String, CodeSet> codeSets = new LinkedHashMap<>();
        if (!root.has("code_sets")) {
            return codeSets;
        }
        for (Map.Entry<String, YamlNode> entry : root.entries("code_sets").entrySet()) {
            String path = entry.getValue().asText();
            String text;
            try {
                text = codeSetTexts.apply(path);
            }
            catch (RuntimeException e) {
                throw entry.getValue().error("cannot read code-set file '" + path + "': " + e.getMessage());
            }
            CodeSet codeSet = CodeSetReader.read(path, text);
            if (!codeSet.id().equals(entry.getKey())) {
                throw entry.getValue().error("code-set file '" + path + "' has id '" + codeSet.id() + "', expected '" + entry.getKey() + "'");
            }
            codeSets.put(entry.getKey(), codeSet);
            source.append("\n--- ").append(path).append('\n').append(text);
        }
        return codeSets;
    }

    private static StudyWindow readWindow(YamlNode node)
    {
        node.requireKeys(Set.of("start", "end"), Set.of());
        var start = node.date("start");
        var end = node.date("end");
        if (end.isBefore(start)) {
            throw node.child("end").error("expected a date on or after start (" + start + "), found " + end);
        }
        return new StudyWindow(start, end);
    }

    private static DayZero readDayZero(YamlNode node)
    {
        node.requireKeys(Set.of("event"), Set.of("description"));
        return new DayZero(node.text("event"), node.optionalText("description").orElse(node.text("event")));
    }

    private static List<EligibilityCriterion> readEligibility(YamlNode root, Set<String> codeSets)
    {
        List<EligibilityCriterion> criteria = new ArrayList<>();
        if (!root.has("eligibility")) {
            return criteria;
        }
        Set<String> ids = new HashSet<>();
        for (YamlNode node : root.list("eligibility")) {
            node.requireKeys(Set.of("id", "kind", "code_set", "timing"), Set.of("description", "encounter_classes", "excluded_statuses"));
            String id = name(node, "id");
            if (!ids.add(id)) {
                throw node.child("id").error("criterion id '" + id + "' used twice");
            }
            String kind = oneOf(node, "kind", CRITERION_KINDS);
            String codeSet = node.text("code_set");
            if (!codeSets.contains(codeSet)) {
                throw node.child("code_set").error("expected a code set named under code_sets " + codeSets + ", found '" + codeSet + "'");
            }
            criteria.add(new EligibilityCriterion(
                    id,
                    node.optionalText("description").orElse(id),
                    kind,
                    codeSet,
                    oneOf(node, "timing", TIMINGS),
                    node.has("encounter_classes") ? node.textList("encounter_classes") : List.of(),
                    node.has("excluded_statuses") ? node.textList("excluded_statuses") : List.of()));
        }
        return criteria;
    }

    private static List<TimePoint> readTimepoints(YamlNode root)
    {
        List<TimePoint> timepoints = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode node : root.list("timepoints")) {
            node.requireKeys(Set.of("name", "window_days"), Set.of("label", "description"));
            String name = name(node, "name");
            if (!names.add(name)) {
                throw node.child("name").error("time point '" + name + "' defined twice");
            }
            YamlNode window = node.child("window_days").requireKeys(Set.of("from", "to"), Set.of());
            int from = window.integer("from");
            int to = window.integer("to");
            if (to < from) {
                throw window.child("to").error("expected a day on or after from (" + from + "), found " + to);
            }
            timepoints.add(new TimePoint(name, node.optionalText("label").orElse(name), from, to));
        }
        if (timepoints.isEmpty()) {
            throw root.child("timepoints").error("expected at least one time point");
        }
        return timepoints;
    }

    private static List<VariableSpec> readVariables(YamlNode root)
    {
        List<VariableSpec> variables = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode node : root.list("variables")) {
            node.requireKeys(Set.of("name", "unit", "range"), Set.of("label", "units", "description"));
            String name = name(node, "name");
            if (!names.add(name)) {
                throw node.child("name").error("variable '" + name + "' defined twice");
            }
            String unit = node.child("unit").json().asText();
            Map<String, Double> factors = new LinkedHashMap<>();
            factors.put(unit, 1.0);
            if (node.has("units")) {
                for (Map.Entry<String, YamlNode> entry : node.entries("units").entrySet()) {
                    double factor = entry.getValue().asNumber();
                    if (factor <= 0) {
                        throw entry.getValue().error("expected a positive conversion factor, found " + factor);
                    }
                    factors.put(entry.getKey(), factor);
                }
            }
            YamlNode range = node.child("range").requireKeys(Set.of("min", "max"), Set.of());
            double min = range.number("min");
            double max = range.number("max");
            if (max < min) {
                throw range.child("max").error("expected a value at least min (" + min + "), found " + max);
            }
            variables.add(new VariableSpec(name, node.optionalText("label").orElse(name), unit, factors, min, max));
        }
        return variables;
    }

    private static CtScoringSpec readCtScore(YamlNode node)
    {
        node.requireKeys(Set.of("system"), Set.of("readers", "consensus", "adjudication_threshold"));
        String system = node.text("system");
        try {
            CtScoringSystem.forName(system);
        }
        catch (IllegalArgumentException e) {
            throw node.child("system").error("expected ichikado or kazerooni, found '" + system + "'");
        }
        int readers = node.has("readers") ? node.integer("readers") : 2;
        if (readers < 1) {
            throw node.child("readers").error("expected at least 1 reader, found " + readers);
        }
        String consensus = node.has("consensus") ? oneOf(node, "consensus", Set.of("mean")) : "mean";
        double threshold = node.has("adjudication_threshold") ? node.number("adjudication_threshold") : 30;
        return new CtScoringSpec(system, readers, consensus, threshold);
    }

    private static OutcomeDefinitions readOutcomes(YamlNode node, Set<String> timepoints, Set<String> variables)
    {
        node.requireKeys(
                Set.of("followup_day", "oxygenation", "lung_function"),
                Set.of("fvc_relative_decline", "fvc_absolute_decline_points", "pulse_min_daily_dose_mg", "adverse_event_stop_reason"));
        int followupDay = node.integer("followup_day");
        if (followupDay < 1) {
            throw node.child("followup_day").error("expected a day after day 0, found " + followupDay);
        }
        return new OutcomeDefinitions(
                followupDay,
                readComparison(node.child("oxygenation"), timepoints, variables),
                readComparison(node.child("lung_function"), timepoints, variables),
                decimal(node, "fvc_relative_decline", "0.10"),
                decimal(node, "fvc_absolute_decline_points", "10"),
                decimal(node, "pulse_min_daily_dose_mg", "500"),
                node.optionalText("adverse_event_stop_reason").orElse("adverse event"));
    }

    private static Comparison readComparison(YamlNode node, Set<String> timepoints, Set<String> variables)
    {
        node.requireKeys(Set.of("variable", "from", "to"), Set.of());
        String variable = node.text("variable");
        if (!variables.contains(variable)) {
            throw node.child("variable").error("expected a variable declared under variables, found '" + variable + "'");
        }
        for (String key : List.of("from", "to")) {
            if (!timepoints.contains(node.text(key))) {
                throw node.child(key).error("expected a time point declared under timepoints " + new java.util.TreeSet<>(timepoints) + ", found '" + node.text(key) + "'");
            }
        }
        return new Comparison(variable, node.text("from"), node.text("to"));
    }

    private static BigDecimal decimal(YamlNode node, String key, String defaultValue)
    {
        if (!node.has(key)) {
            return new BigDecimal(defaultValue);
        }
        YamlNode child = node.child(key);
        if (!child.json().isNumber()) {
            throw child.error("expected a number, found '" + child.json().asText() + "'");
        }
        return child.json().decimalValue();
    }

    private static String name(YamlNode node, String key)
    {
        String name = node.text(key);
        if (!NAME.matcher(name).matches()) {
            throw node.child(key).error("expected a lower-case name of letters, digits and _, found '" + name + "'");
        }
        return name;
    }

    private static String oneOf(YamlNode node, String key, Set<String> allowed)
    {
        String value = node.text(key);
        if (!allowed.contains(value)) {
            throw node.child(key).error("expected one of " + new java.util.TreeSet<>(allowed) + ", found '" + value + "'");
        }
        return value;
    }
}
