package org.casebook.codeset;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A named list of codes and text terms that defines a clinical concept for screening (ILD,
 * rheumatoid arthritis, methylprednisolone, JAK inhibitors, …). Code sets are files a site can
 * edit to add its local codes; see docs/code-sets.md.
 */
public record CodeSet(String id, String description, List<CodeSetEntry> entries)
{
    public CodeSet
    {
        requireNonNull(id, "id is null");
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
    }

    /** The first coded entry matching a coding. */
    public Optional<CodeSetMatch> matchCoding(String system, String code)
    {
        // A loop, not a stream: screening asks this of every coding of every record it reads.
        for (CodeSetEntry entry : entries) {
            if (entry.matches(system, code)) {
                return Optional.of(new CodeSetMatch(this, entry, false));
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
        for (CodeSetEntry entry : entries) {
            if (entry.isText()) {
                return true;
            }
        }
        return false;
    }
}
