package org.casebook.protocol;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.casebook.yaml.YamlNode;

/**
 * The record kinds criteria and extraction rules can name, and the reading of the keys they
 * share (a record filter, a window of days), so that criteria and extraction read them alike.
 */
final class RecordKinds
{
    static final Set<String> KINDS = Set.of("encounter", "condition", "medication", "observation", "procedure", "device_request", "imaging_study");
    static final Set<String> FILTER_KEYS = Set.of("record_types", "statuses", "value_code_set", "value", "modalities", "dose");
    /** Which of a record's dates a window judges: its date (default), its end, or a condition's recorded date. */
    static final Set<String> RECORD_DATES = Set.of("start", "end", "recorded");
    private static final Set<String> RECORD_TYPES = Set.of("administration", "request", "statement");
    private static final Set<String> COMPARATORS = Set.of(">", ">=", "<", "<=");

    private RecordKinds() {}

    static String kind(YamlNode node)
    {
        return ProtocolReader.oneOf(node, "kind", KINDS);
    }

    /** A code set named under code_sets; required except for imaging studies, which may go by modality alone. */
    static String codeSet(YamlNode node, String kind, Set<String> codeSets)
    {
        if (!node.has("code_set")) {
            if (kind.equals("imaging_study")) {
                return null;
            }
            throw node.error("missing required key 'code_set'");
        }
        return knownCodeSet(node, "code_set", codeSets);
    }

    static String knownCodeSet(YamlNode node, String key, Set<String> codeSets)
    {
        String name = node.text(key);
        if (!codeSets.contains(name)) {
            throw node.child(key).error("expected a code set named under code_sets " + new TreeSet<>(codeSets) + ", found '" + name + "'");
        }
        return name;
    }

    static RecordFilter filter(YamlNode node, String kind, Set<String> codeSets)
    {
        allowOnly(node, "record_types", kind, "medication");
        allowOnly(node, "value_code_set", kind, "observation");
        // In an extract rule 'value' names what is taken (text); only a mapping is a result filter.
        boolean valueFilter = node.has("value") && node.child("value").json().isObject();
        if (valueFilter) {
            allowOnly(node, "value", kind, "observation");
        }
        allowOnly(node, "modalities", kind, "imaging_study");
        allowOnly(node, "dose", kind, "medication");
        // an empty list would let no record count: never what is meant, so it is a mistake, not a silent "nothing"
        for (String key : List.of("record_types", "statuses", "modalities")) {
            if (node.has(key) && node.textList(key).isEmpty()) {
                throw node.child(key).error("expected one or more values (leave '" + key + "' out for the default)");
            }
        }
        List<String> recordTypes = node.has("record_types") ? node.textList("record_types") : List.of();
        for (int i = 0; i < recordTypes.size(); i++) {
            if (!RECORD_TYPES.contains(recordTypes.get(i))) {
                throw node.child("record_types").elements().get(i).error("expected one of " + new TreeSet<>(RECORD_TYPES) + ", found '" + recordTypes.get(i) + "'");
            }
        }
        String comparator = null;
        BigDecimal threshold = null;
        String unit = null;
        if (valueFilter) {
            YamlNode value = node.child("value").requireKeys(Set.of("comparator", "threshold"), Set.of("unit"));
            comparator = ProtocolReader.oneOf(value, "comparator", COMPARATORS);
            threshold = ProtocolReader.decimal(value, "threshold", "0");
            unit = value.has("unit") ? value.child("unit").json().asText() : null;
        }
        RecordFilter.Threshold dose = null;
        if (node.has("dose")) {
            YamlNode limit = node.child("dose").requireKeys(Set.of("comparator", "threshold", "unit"), Set.of());
            dose = new RecordFilter.Threshold(ProtocolReader.oneOf(limit, "comparator", COMPARATORS), ProtocolReader.decimal(limit, "threshold", "0"),
                    limit.child("unit").json().asText());
        }
        if (kind.equals("imaging_study") && !node.has("modalities") && !node.has("code_set")) {
            throw node.error("an imaging_study needs modalities or a code_set");
        }
        return new RecordFilter(
                recordTypes,
                node.has("statuses") ? node.textList("statuses") : List.of(),
                node.has("value_code_set") ? knownCodeSet(node, "value_code_set", codeSets) : null,
                comparator,
                threshold,
                unit,
                node.has("modalities") ? node.textList("modalities") : List.of(),
                dose);
    }

    /** {@code record_date}: {@code start} (the record's date, default), {@code end} (encounter, medication), {@code recorded} (condition). */
    static String recordDate(YamlNode node, String kind)
    {
        if (!node.has("record_date")) {
            return "start";
        }
        String date = ProtocolReader.oneOf(node, "record_date", RECORD_DATES);
        if (date.equals("end") && !kind.equals("medication") && !kind.equals("encounter")) {
            throw node.child("record_date").error("'record_date: end' applies only to kinds medication and encounter, not " + kind);
        }
        if (date.equals("recorded") && !kind.equals("condition")) {
            throw node.child("record_date").error("'record_date: recorded' applies only to kind condition, not " + kind);
        }
        return date;
    }

    /** {@code {from, to}} with {@code to} optional when {@code openEnd}; from ≤ to. */
    static DayWindow window(YamlNode node, boolean openEnd)
    {
        node.requireKeys(openEnd ? Set.of("from") : Set.of("from", "to"), openEnd ? Set.of("to") : Set.of());
        int from = node.integer("from");
        Integer to = node.has("to") ? node.integer("to") : null;
        if (to != null && to < from) {
            throw node.child("to").error("expected a day on or after from (" + from + "), found " + to);
        }
        return new DayWindow(from, to);
    }

    private static void allowOnly(YamlNode node, String key, String kind, String allowedKind)
    {
        if (node.has(key) && !kind.equals(allowedKind)) {
            throw node.child(key).error("'" + key + "' applies only to kind " + allowedKind + ", not " + kind);
        }
    }
}
