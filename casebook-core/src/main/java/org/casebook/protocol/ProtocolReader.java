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
        return read(text, false);
    }

    /**
     * Reads a protocol that was accepted before the seed study's former {@code extraction} rules
     * became a mistake (a study's stored protocol, which never changes): those rules are ignored,
     * every other mistake is reported as by {@link #read(String)}.
     */
    public StudyProtocol readAccepted(String text)
    {
        return read(text, true);
    }

    private StudyProtocol read(String text, boolean formerExtractionRulesAllowed)
    {
        YamlNode root = YamlDocuments.parse(file, text).requireKeys(
                Set.of("id", "title", "study_window", "day0", "timepoints", "variables", "ct_score", "outcomes"),
                Set.of("design", "code_sets", "eligibility", "extraction", "description", "case_fields", "derived", "extract", "report", "adverse_events"));
        ExtractionBlockReader.check(root, formerExtractionRulesAllowed);
        StringBuilder source = new StringBuilder(text);
        Map<String, CodeSet> codeSets = readCodeSets(root, source);
        List<TimePoint> timepoints = readTimepoints(root);
        List<VariableSpec> variables = readVariables(root);
        Set<String> timepointNames = new HashSet<>(timepoints.stream().map(TimePoint::name).toList());
        Set<String> variableNames = new HashSet<>(variables.stream().map(VariableSpec::name).toList());
        List<EligibilityCriterion> eligibility = new CriteriaReader(codeSets.keySet()).read(root);
        Set<String> criterionIds = new HashSet<>(eligibility.stream().map(EligibilityCriterion::id).toList());
        org.casebook.schema.CaseSchema schema = new CaseSchemaReader(codeSets, variableNames, criterionIds).read(root);
        Map<String, org.casebook.schema.FieldKind> fieldKinds = new LinkedHashMap<>();
        schema.fields().forEach(field -> fieldKinds.put(field.name(), field.kind()));
        Set<String> exclusionIds = new HashSet<>(eligibility.stream().filter(EligibilityCriterion::exclusion).map(EligibilityCriterion::id).toList());
        OutcomeDefinitions outcomes = new OutcomesReader(timepointNames, variableNames, schema).read(root.child("outcomes"));
        return new StudyProtocol(
                root.text("id"),
                root.text("title"),
                root.optionalText("design").orElse("retrospective case series"),
                readWindow(root.child("study_window")),
                readDayZero(root.child("day0"), criterionIds, exclusionIds),
                codeSets,
                eligibility,
                timepoints,
                variables,
                readCtScore(root.child("ct_score")),
                outcomes,
                schema,
                new ExtractReader(codeSets.keySet(), timepointNames, variableNames, fieldKinds, criterionIds, exclusionIds,
                        schema.derived().stream().filter(derived -> derived.kind() == org.casebook.schema.DerivedValue.Kind.DAYS_BETWEEN)
                                .map(org.casebook.schema.DerivedValue::name).collect(java.util.stream.Collectors.toSet())).read(root),
                new ReportLayoutReader(timepointNames, variables.stream().map(VariableSpec::name).toList(), schema, outcomes).read(root),
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
            CodeSet codeSet = CodeSetReader.read(besideProtocol(path), text);
            if (!codeSet.id().equals(entry.getKey())) {
                throw entry.getValue().error("code-set file '" + path + "' has id '" + codeSet.id() + "', expected '" + entry.getKey() + "'");
            }
            codeSets.put(entry.getKey(), codeSet);
            source.append("\n--- ").append(path).append('\n').append(text);
        }
        return codeSets;
    }

    /** A code-set file as its mistakes name it: beside the protocol as the protocol was named ("my-study/codesets/ild.yaml"), so it can be opened from where the command ran. */
    private String besideProtocol(String path)
    {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf(java.io.File.separatorChar));
        return slash < 0 ? path : file.substring(0, slash + 1) + path;
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

    private static DayZero readDayZero(YamlNode node, Set<String> criteria, Set<String> exclusions)
    {
        node.requireKeys(Set.of("event"), Set.of("description", "field", "fallback", "criterion"));
        String criterion = node.optionalText("criterion").orElse(null);
        if (criterion != null && !criteria.contains(criterion)) {
            throw node.child("criterion").error("expected the id of an eligibility criterion " + new java.util.TreeSet<>(criteria) + ", found '" + criterion + "'");
        }
        // an exclusion met has no record: an included patient would have no day 0
        if (criterion != null && exclusions.contains(criterion)) {
            throw node.child("criterion").error("expected an inclusion criterion, found exclusion '" + criterion + "' (an included patient has no record of it to date day 0)");
        }
        return new DayZero(node.text("event"), node.optionalText("description").orElse(node.text("event")), criterion);
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
            node.requireKeys(Set.of("name", "unit", "range"), Set.of("label", "units", "description", "decimals"));
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
            Integer decimals = null;
            if (node.has("decimals")) {
                decimals = node.integer("decimals");
                if (decimals < 0 || decimals > 10) {
                    throw node.child("decimals").error("expected 0 to 10 decimals, found " + decimals);
                }
            }
            variables.add(new VariableSpec(name, node.optionalText("label").orElse(name), unit, factors, min, max, decimals));
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

    static BigDecimal decimal(YamlNode node, String key, String defaultValue)
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

    static String name(YamlNode node, String key)
    {
        String name = node.text(key);
        if (!NAME.matcher(name).matches()) {
            throw node.child(key).error("expected a lower-case name of letters, digits and _, found '" + name + "'");
        }
        return name;
    }

    static String oneOf(YamlNode node, String key, Set<String> allowed)
    {
        String value = node.text(key);
        if (!allowed.contains(value)) {
            throw node.child(key).error("expected one of " + new java.util.TreeSet<>(allowed) + ", found '" + value + "'");
        }
        return value;
    }
}
