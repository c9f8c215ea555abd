package org.casebook.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.casebook.yaml.YamlNode;

/**
 * Reads the protocol's {@code eligibility} list: kinds, code sets, timings, windows, criteria
 * timed relative to each other (never in a cycle), exclusions and record filters.
 */
final class CriteriaReader
{
    private static final Set<String> TIMINGS = Set.of("study_window", "on_or_before_admission", "on_or_before_index", "during_admission", "window", "relative");
    private static final Set<String> REQUIRED = Set.of("id", "kind", "timing");
    private static final Set<String> OPTIONAL;

    static {
        Set<String> optional = new HashSet<>(Set.of("description", "code_set", "encounter_classes", "excluded_statuses", "type",
                "window_days", "relative_to", "min_count", "first_record"));
        optional.addAll(RecordKinds.FILTER_KEYS);
        OPTIONAL = Set.copyOf(optional);
    }

    private final Set<String> codeSets;

    CriteriaReader(Set<String> codeSets)
    {
        this.codeSets = codeSets;
    }

    List<EligibilityCriterion> read(YamlNode root)
    {
        List<EligibilityCriterion> criteria = new ArrayList<>();
        if (!root.has("eligibility")) {
            return criteria;
        }
        Map<String, YamlNode> nodes = new HashMap<>();
        List<YamlNode> list = root.list("eligibility");
        for (int index = 0; index < list.size(); index++) {
            YamlNode node = list.get(index);
            EligibilityCriterion criterion = criterion(node, index);
            if (nodes.put(criterion.id(), node) != null) {
                throw node.child("id").error("criterion id '" + criterion.id() + "' used twice");
            }
            criteria.add(criterion);
        }
        checkRelatives(criteria, nodes);
        return criteria;
    }

    private EligibilityCriterion criterion(YamlNode node, int index)
    {
        node.requireKeys(REQUIRED, OPTIONAL);
        String id = ProtocolReader.name(node, "id");
        String kind = RecordKinds.kind(node);
        String timing = ProtocolReader.oneOf(node, "timing", TIMINGS);
        if (timing.equals("on_or_before_index")) {
            timing = "on_or_before_admission";
        }
        if (timing.equals("study_window") != (index == 0)) {
            throw node.child("timing").error(index == 0
                    ? "expected study_window: the first criterion is the index event"
                    : "study_window is the index event's timing and only the first criterion's");
        }
        boolean exclusion = node.has("type") && ProtocolReader.oneOf(node, "type", Set.of("inclusion", "exclusion")).equals("exclusion");
        if (exclusion && index == 0) {
            throw node.child("type").error("the index event (the first criterion) cannot be an exclusion");
        }
        DayWindow window = null;
        String relativeTo = null;
        if (timing.equals("window")) {
            window = RecordKinds.window(node.child("window_days"), false);
        }
        else if (node.has("window_days")) {
            throw node.child("window_days").error("window_days applies only with timing: window");
        }
        if (timing.equals("relative")) {
            YamlNode relative = node.child("relative_to").requireKeys(Set.of("criterion", "from_days"), Set.of("to_days"));
            relativeTo = relative.text("criterion");
            int from = relative.integer("from_days");
            Integer to = relative.has("to_days") ? relative.integer("to_days") : null;
            if (to != null && to < from) {
                throw relative.child("to_days").error("expected a day on or after from_days (" + from + "), found " + to);
            }
            window = new DayWindow(from, to);
        }
        else if (node.has("relative_to")) {
            throw node.child("relative_to").error("relative_to applies only with timing: relative");
        }
        int minCount = node.has("min_count") ? node.integer("min_count") : 1;
        if (minCount < 1) {
            throw node.child("min_count").error("expected at least 1, found " + minCount);
        }
        boolean firstRecord = node.has("first_record") && node.bool("first_record");
        if (firstRecord && index != 0) {
            throw node.child("first_record").error("first_record applies only to the index event (the first criterion)");
        }
        if (!kind.equals("encounter")) {
            for (String key : List.of("encounter_classes", "excluded_statuses")) {
                if (node.has(key)) {
                    throw node.child(key).error("'" + key + "' applies only to kind encounter, not " + kind);
                }
            }
        }
        if (node.has("value") && !node.child("value").json().isObject()) {
            throw node.child("value").error("expected a mapping {comparator, threshold, unit}");
        }
        if (node.has("encounter_classes") && node.textList("encounter_classes").isEmpty()) {
            throw node.child("encounter_classes").error("expected one or more classes (leave 'encounter_classes' out for every class)");
        }
        return new EligibilityCriterion(
                id,
                node.optionalText("description").orElse(id),
                kind,
                RecordKinds.codeSet(node, kind, codeSets),
                timing,
                node.has("encounter_classes") ? node.textList("encounter_classes") : List.of(),
                node.has("excluded_statuses") ? node.textList("excluded_statuses") : List.of(),
                exclusion,
                window,
                relativeTo,
                minCount,
                firstRecord,
                RecordKinds.filter(node, kind, codeSets));
    }

    /** Each relative_to names a criterion that exists, is not an exclusion, and the chain has no cycle. */
    private static void checkRelatives(List<EligibilityCriterion> criteria, Map<String, YamlNode> nodes)
    {
        Map<String, EligibilityCriterion> byId = new HashMap<>();
        criteria.forEach(criterion -> byId.put(criterion.id(), criterion));
        for (EligibilityCriterion criterion : criteria) {
            if (criterion.relativeTo() == null) {
                continue;
            }
            YamlNode at = nodes.get(criterion.id()).child("relative_to").child("criterion");
            EligibilityCriterion target = byId.get(criterion.relativeTo());
            if (target == null) {
                throw at.error("expected the id of another criterion " + new TreeSet<>(byId.keySet()) + ", found '" + criterion.relativeTo() + "'");
            }
            if (target.exclusion()) {
                throw at.error("criterion '" + target.id() + "' is an exclusion and has no matched record to be relative to");
            }
            Set<String> seen = new LinkedHashSet<>();
            seen.add(criterion.id());
            for (EligibilityCriterion next = target; next != null; next = next.relativeTo() == null ? null : byId.get(next.relativeTo())) {
                if (!seen.add(next.id())) {
                    throw at.error("criteria timed relative to each other in a cycle: " + String.join(" → ", seen) + " → " + next.id());
                }
            }
        }
    }
}
