package org.casebook.protocol;

import java.util.Iterator;
import java.util.Set;

import org.casebook.yaml.YamlNode;

/**
 * Checks a protocol's {@code extraction} block, which holds only the records that never count
 * ({@code excluded_condition_verification}, {@code excluded_medication_statuses}; screening reads
 * them). The seed study's own extraction rules ({@code ct}, {@code pf_ratio}, …) were read by a
 * screening engine that is gone: a protocol still holding one gets a message naming its line and
 * what to write instead, never a silent choice of engine (docs/protocol.md).
 */
final class ExtractionBlockReader
{
    static final Set<String> LISTS = Set.of("excluded_condition_verification", "excluded_medication_statuses");

    /** The seed's former rule keys, recognised only to say what replaces them. */
    static final Set<String> FORMER_RULE_KEYS = Set.of("ct", "pf_ratio", "fvc_percent_predicted", "prior_jak_inhibitor", "treatment", "pulse", "home_oxygen");

    private ExtractionBlockReader() {}

    private static Set<String> union(Set<String> a, Set<String> b)
    {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * @param formerRulesAllowed true for a protocol accepted before the rules were gone (a stored study's): they are then ignored
     * @throws org.casebook.yaml.YamlFormatException for a former rule key (unless allowed), an unknown key or a list that is not a list of text
     */
    static void check(YamlNode root, boolean formerRulesAllowed)
    {
        if (!root.has("extraction")) {
            return;
        }
        YamlNode extraction = root.child("extraction");
        Iterator<String> names = extraction.json().isObject() ? extraction.json().fieldNames() : java.util.Collections.emptyIterator();
        while (names.hasNext()) {
            String name = names.next();
            if (FORMER_RULE_KEYS.contains(name) && !formerRulesAllowed) {
                throw extraction.child(name).error("the seed study's own extraction rules are no longer read; write this value as rules under"
                        + " 'extract' (docs/protocol.md, \"Extraction\"; `casebook protocol show ae-ra-ild-jaki` has each of the seed's rules"
                        + " written so) and keep only " + new java.util.TreeSet<>(LISTS) + " under 'extraction'");
            }
        }
        extraction.requireKeys(Set.of(), formerRulesAllowed ? union(LISTS, FORMER_RULE_KEYS) : LISTS);
        for (String list : LISTS) {
            if (extraction.has(list)) {
                extraction.textList(list);
            }
        }
    }
}
