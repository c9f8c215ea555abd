package org.casebook.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the protocol says about adverse events beyond their fixed columns: the levels of
 * {@code related_to} (which drug, or "other" or "unknown") and the words each is shown under.
 * A protocol that says nothing gets {@link #DEFAULT}, the levels casebook has always had, so
 * older workbooks keep importing.
 *
 * @param relatedTo the levels in the protocol's order, each with its label
 */
public record AdverseEventSchema(Map<String, String> relatedTo)
{
    public static final AdverseEventSchema DEFAULT = new AdverseEventSchema(defaultLevels());

    public AdverseEventSchema
    {
        requireNonNull(relatedTo, "relatedTo is null");
        if (relatedTo.isEmpty()) {
            throw new IllegalArgumentException("relatedTo is empty");
        }
        relatedTo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(relatedTo));
    }

    /** The levels as written in the protocol, in its order. */
    public List<String> relatedToLevels()
    {
        return List.copyOf(relatedTo.keySet());
    }

    /** The level a typed value names, compared ignoring case, as written in the protocol; empty when it names none. */
    public Optional<String> parseRelatedTo(String text)
    {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return relatedTo.keySet().stream().filter(level -> level.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    /** What a value must be, for error messages: "one of jaki, glucocorticoid, other, unknown". */
    public String relatedToExpected()
    {
        return "one of " + String.join(", ", relatedTo.keySet());
    }

    /** The words a level is shown under where a person reads it; the value itself when it is not a level (an older record). */
    public String relatedToLabel(String level)
    {
        return parseRelatedTo(level).map(relatedTo::get).orElse(level);
    }

    private static Map<String, String> defaultLevels()
    {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("jaki", "JAK inhibitor");
        levels.put("glucocorticoid", "glucocorticoid");
        levels.put("other", "other drug");
        levels.put("unknown", "unknown");
        return levels;
    }
}
