package org.casebook.codeset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A named list of codes and text terms that defines a clinical concept for screening (ILD,
 * rheumatoid arthritis, methylprednisolone, JAK inhibitors, …). Code sets are files a site can
 * edit to add its local codes; see docs/code-sets.md.
 * <p>
 * Screening asks a code set about every coding of every record it reads, so the coded entries are
 * indexed by code system once (ICD-10 codes normalized once): a lookup compares a coding with the
 * entries of its own system only, in file order, which gives the same first match as trying every
 * entry.
 */
public final class CodeSet
{
    private final String id;
    private final String description;
    private final List<CodeSetEntry> entries;
    private final boolean textTerms;
    private final Map<String, SystemEntries> bySystem;

    /** The coded entries of one system, in file order, with the codes as compared. */
    private record SystemEntries(boolean icd10, List<CodeSetEntry> entries, List<String> wanted) {}

    public CodeSet(String id, String description, List<CodeSetEntry> entries)
    {
        this.id = requireNonNull(id, "id is null");
        this.description = description;
        this.entries = List.copyOf(requireNonNull(entries, "entries is null"));
        this.textTerms = this.entries.stream().anyMatch(CodeSetEntry::isText);
        Map<String, List<CodeSetEntry>> grouped = new HashMap<>();
        for (CodeSetEntry entry : this.entries) {
            if (!entry.isText()) {
                grouped.computeIfAbsent(entry.system(), system -> new ArrayList<>()).add(entry);
            }
        }
        Map<String, SystemEntries> index = new HashMap<>();
        grouped.forEach((system, coded) -> {
            boolean icd10 = CodeSystems.isIcd10(system);
            index.put(system, new SystemEntries(icd10, List.copyOf(coded),
                    coded.stream().map(entry -> icd10 ? CodeSystems.normalizeIcd10(entry.code()) : entry.code()).toList()));
        });
        this.bySystem = Map.copyOf(index);
    }

    public String id()
    {
        return id;
    }

    public String description()
    {
        return description;
    }

    public List<CodeSetEntry> entries()
    {
        return entries;
    }

    /** The first coded entry matching a coding (as {@link CodeSetEntry#matches}: same system, code or prefix, ICD-10 ignoring dot and case). */
    public Optional<CodeSetMatch> matchCoding(String system, String code)
    {
        if (system == null || code == null) {
            return Optional.empty();
        }
        SystemEntries candidates = bySystem.get(system);
        if (candidates == null) {
            return Optional.empty();
        }
        String actual = candidates.icd10() ? CodeSystems.normalizeIcd10(code) : code;
        for (int i = 0; i < candidates.wanted().size(); i++) {
            String wanted = candidates.wanted().get(i);
            boolean matches = wanted.endsWith("*") ? actual.startsWith(wanted.substring(0, wanted.length() - 1)) : actual.equals(wanted);
            if (matches) {
                return Optional.of(new CodeSetMatch(this, candidates.entries().get(i), false));
            }
        }
        return Optional.empty();
    }

    /** The first text term found in a record's text. */
    public Optional<CodeSetMatch> matchText(String text)
    {
        return entries.stream()
                .filter(entry -> entry.matchesText(text))
                .findFirst()
                .map(entry -> new CodeSetMatch(this, entry, true));
    }

    public boolean hasTextTerms()
    {
        return textTerms;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof CodeSet that && id.equals(that.id) && Objects.equals(description, that.description) && entries.equals(that.entries);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(id, description, entries);
    }

    @Override
    public String toString()
    {
        return "CodeSet[id=" + id + ", description=" + description + ", entries=" + entries + "]";
    }
}
