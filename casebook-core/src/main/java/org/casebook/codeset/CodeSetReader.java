package org.casebook.codeset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.casebook.yaml.YamlDocuments;
import org.casebook.yaml.YamlNode;

/**
 * Reads a code-set file:
 * <pre>
 * id: jak-inhibitors
 * description: JAK inhibitors by ingredient
 * entries:
 *   - {system: http://www.nlm.nih.gov/research/umls/rxnorm, code: "2196092", agent: upadacitinib}
 *   - {system: http://hl7.org/fhir/sid/icd-10-cm, code: "J84.*"}
 *   - {text: upadacitinib, agent: upadacitinib}
 * </pre>
 */
public final class CodeSetReader
{
    private CodeSetReader() {}

    /** @throws org.casebook.yaml.YamlFormatException naming the file, line and key of a mistake */
    public static CodeSet read(String file, String text)
    {
        YamlNode root = YamlDocuments.parse(file, text)
                .requireKeys(Set.of("id", "entries"), Set.of("description", "kind"));
        List<CodeSetEntry> entries = new ArrayList<>();
        for (YamlNode entry : root.list("entries")) {
            entries.add(readEntry(entry));
        }
        if (entries.isEmpty()) {
            throw root.child("entries").error("a code set needs at least one entry");
        }
        return new CodeSet(root.text("id"), root.optionalText("description").orElse(""), entries);
    }

    private static CodeSetEntry readEntry(YamlNode entry)
    {
        entry.requireKeys(Set.of(), Set.of("system", "code", "text", "agent", "display"));
        boolean coded = entry.has("system") || entry.has("code");
        if (coded && entry.has("text")) {
            throw entry.error("an entry is either a code (system + code) or a text term, not both");
        }
        String agent = entry.optionalText("agent").orElse(null);
        String display = entry.optionalText("display").orElse(null);
        if (entry.has("text")) {
            return new CodeSetEntry(null, null, entry.text("text"), agent, display);
        }
        if (!entry.has("system") || !entry.has("code")) {
            throw entry.error("expected system and code (or text)");
        }
        String system = entry.text("system");
        if (!system.contains(":")) {
            throw entry.child("system").error("expected a code system URI such as http://snomed.info/sct, found '" + system + "'");
        }
        return new CodeSetEntry(system, entry.text("code"), null, agent, display);
    }
}
