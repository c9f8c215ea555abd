package org.casebook.screening.rules;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

import org.casebook.codeset.CodeSet;
import org.casebook.protocol.StudyProtocol;
import org.casebook.yaml.YamlDocuments;
import org.casebook.yaml.YamlNode;

/**
 * Reads a protocol file's {@code extraction} section (the core protocol reader accepts the key and
 * leaves it to screening). Every mistake names the file, the line and the key.
 */
public final class ExtractionSpecReader
{
    private final StudyProtocol protocol;

    private ExtractionSpecReader(StudyProtocol protocol)
    {
        this.protocol = protocol;
    }

    /**
     * @param file the protocol's name in error messages
     * @param protocolText the protocol file as written
     * @throws org.casebook.yaml.YamlFormatException for a missing section or any mistake in it
     */
    public static ExtractionSpec read(String file, String protocolText, StudyProtocol protocol)
    {
        YamlNode root = YamlDocuments.parse(file, protocolText);
        return new ExtractionSpecReader(protocol).read(root.child("extraction"));
    }

    private ExtractionSpec read(YamlNode node)
    {
        node.requireKeys(Set.of("ct", "pf_ratio", "fvc_percent_predicted", "prior_jak_inhibitor", "treatment", "pulse", "home_oxygen"),
                Set.of("excluded_condition_verification", "excluded_medication_statuses"));
        RecordRules recordRules = new RecordRules(
                textSet(node, "excluded_condition_verification"),
                textSet(node, "excluded_medication_statuses"));
        return new ExtractionSpec(recordRules, ct(node.child("ct")), pfRatio(node.child("pf_ratio")), fvc(node.child("fvc_percent_predicted")),
                priorJakInhibitor(node.child("prior_jak_inhibitor")), treatment(node.child("treatment")), pulse(node.child("pulse")),
                homeOxygen(node.child("home_oxygen")));
    }

    private ExtractionSpec.Ct ct(YamlNode node)
    {
        node.requireKeys(Set.of("modalities", "onset", "before", "after"), Set.of());
        return new ExtractionSpec.Ct(Set.copyOf(node.textList("modalities")), window(node.child("onset"), true), window(node.child("before"), true), window(node.child("after"), true));
    }

    private ExtractionSpec.PfRatio pfRatio(YamlNode node)
    {
        node.requireKeys(Set.of("ratio_code_set", "pao2_code_set", "fio2_code_set", "max_minutes_apart", "onset", "after"), Set.of());
        return new ExtractionSpec.PfRatio(codeSet(node, "ratio_code_set"), codeSet(node, "pao2_code_set"), codeSet(node, "fio2_code_set"),
                node.integer("max_minutes_apart"), window(node.child("onset"), true), window(node.child("after"), true));
    }

    private ExtractionSpec.Fvc fvc(YamlNode node)
    {
        node.requireKeys(Set.of("code_set", "before", "after"), Set.of());
        return new ExtractionSpec.Fvc(codeSet(node, "code_set"), window(node.child("before"), true), window(node.child("after"), true));
    }

    private ExtractionSpec.PriorJakInhibitor priorJakInhibitor(YamlNode node)
    {
        node.requireKeys(Set.of("code_set", "statuses", "window", "adverse_event_code_set"), Set.of());
        return new ExtractionSpec.PriorJakInhibitor(codeSet(node, "code_set"), Set.copyOf(node.textList("statuses")),
                window(node.child("window"), false), codeSet(node, "adverse_event_code_set"));
    }

    private CodeSet treatment(YamlNode node)
    {
        node.requireKeys(Set.of("code_set"), Set.of());
        return codeSet(node, "code_set");
    }

    private ExtractionSpec.Pulse pulse(YamlNode node)
    {
        node.requireKeys(Set.of("code_set", "min_single_dose_mg"), Set.of());
        return new ExtractionSpec.Pulse(codeSet(node, "code_set"), BigDecimal.valueOf(node.number("min_single_dose_mg")).stripTrailingZeros());
    }

    private ExtractionSpec.HomeOxygen homeOxygen(YamlNode node)
    {
        node.requireKeys(Set.of("code_set", "condition_code_set", "days_around_discharge"), Set.of());
        return new ExtractionSpec.HomeOxygen(codeSet(node, "code_set"), codeSet(node, "condition_code_set"), node.integer("days_around_discharge"));
    }

    private DayWindow window(YamlNode node, boolean namesTimepoint)
    {
        node.requireKeys(namesTimepoint ? Set.of("timepoint", "from") : Set.of("from"), Set.of("to"));
        String timepoint = null;
        if (namesTimepoint) {
            timepoint = node.text("timepoint");
            if (protocol.findTimepoint(timepoint).isEmpty()) {
                throw node.child("timepoint").error("unknown time point '" + timepoint + "'; the protocol names " + protocol.timepointNames());
            }
        }
        int from = node.integer("from");
        Integer to = node.has("to") ? node.integer("to") : null;
        if (to != null && to < from) {
            throw node.child("to").error("expected a day on or after from (" + from + "), found " + to);
        }
        return new DayWindow(timepoint, from, to);
    }

    private CodeSet codeSet(YamlNode node, String key)
    {
        String name = node.text(key);
        return protocol.findCodeSet(name).orElseThrow(() -> node.child(key).error("unknown code set '" + name + "'; the protocol's code_sets name " + protocol.codeSets().keySet()));
    }

    private static Set<String> textSet(YamlNode node, String key)
    {
        return node.has(key) ? new HashSet<>(node.textList(key)) : Set.of();
    }
}
