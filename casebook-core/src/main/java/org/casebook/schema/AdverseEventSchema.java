package org.casebook.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What the protocol says about adverse events beyond their fixed columns: the levels of
 * {@code related_to} (which drug, or "other" or "unknown") and of {@code outcome} (recovered,
 * fatal, …), each with the words it is shown under, and the study's CTCAE version. A protocol
 * that says nothing gets {@link #DEFAULT}: the {@code related_to} levels casebook has always had,
 * the CDISC outcome levels and no version, so older workbooks keep importing.
 *
 * @param relatedTo the levels of "related to" in the protocol's order, each with its label
 * @param outcomes the levels of an event's outcome in the protocol's order, each with its label
 * @param ctcaeVersion the CTCAE version the study grades by, e.g. "5.0"; null when the protocol names none
 */
public record AdverseEventSchema(Map<String, String> relatedTo, Map<String, String> outcomes, String ctcaeVersion)
{
    public static final AdverseEventSchema DEFAULT = new AdverseEventSchema(defaultRelatedTo(), defaultOutcomes(), null);

    /** What a CTCAE version must look like, for error messages. */
    public static final String CTCAE_VERSION_EXPECTED = "a CTCAE version such as 5.0 or 4.03 (digits, a point, digits; a leading v is dropped)";

    /** A CTCAE version as typed, compared ignoring case; the web form checks it as you type with the same pattern. */
    public static final String CTCAE_VERSION_PATTERN = "v?(\\d{1,2}(?:\\.\\d{1,2})?)";

    private static final Pattern CTCAE_VERSION = Pattern.compile(CTCAE_VERSION_PATTERN, Pattern.CASE_INSENSITIVE);

    public AdverseEventSchema
    {
        relatedTo = levels(relatedTo, "relatedTo");
        outcomes = levels(outcomes, "outcomes");
        if (ctcaeVersion != null && !ctcaeVersion.equals(parseCtcaeVersion(ctcaeVersion).orElse(null))) {
            throw new IllegalArgumentException("ctcaeVersion is not " + CTCAE_VERSION_EXPECTED + ": '" + ctcaeVersion + "'");
        }
    }

    /** A schema with the protocol's {@code related_to} levels, the default outcomes and no CTCAE version. */
    public AdverseEventSchema(Map<String, String> relatedTo)
    {
        this(relatedTo, defaultOutcomes(), null);
    }

    /** The "related to" levels as written in the protocol, in its order. */
    public List<String> relatedToLevels()
    {
        return List.copyOf(relatedTo.keySet());
    }

    /** The level a typed value names, compared ignoring case, as written in the protocol; empty when it names none. */
    public Optional<String> parseRelatedTo(String text)
    {
        return parse(relatedTo, text);
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

    /** The outcome levels as written in the protocol, in its order. */
    public List<String> outcomeLevels()
    {
        return List.copyOf(outcomes.keySet());
    }

    /** The outcome level a typed value names, compared ignoring case, as written in the protocol; empty when it names none. */
    public Optional<String> parseOutcome(String text)
    {
        return parse(outcomes, text);
    }

    /** What an outcome must be, for error messages: "one of recovered, recovering, …". */
    public String outcomeExpected()
    {
        return "one of " + String.join(", ", outcomes.keySet());
    }

    /** The words an outcome is shown under where a person reads it; the value itself when it is not a level (an older record). */
    public String outcomeLabel(String level)
    {
        return parseOutcome(level).map(outcomes::get).orElse(level);
    }

    /** The CTCAE version an event was graded by: its own when recorded, else the study's; null when neither is known. */
    public String ctcaeVersionOf(String eventVersion)
    {
        return eventVersion != null && !eventVersion.isBlank() ? eventVersion : ctcaeVersion;
    }

    /**
     * A typed CTCAE version in its written form ("v5.0" and "5.0" are both "5.0"); empty when the
     * text is not a version.
     */
    public static Optional<String> parseCtcaeVersion(String text)
    {
        Matcher matcher = CTCAE_VERSION.matcher(text.strip());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static Map<String, String> levels(Map<String, String> levels, String name)
    {
        requireNonNull(levels, name + " is null");
        if (levels.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    private static Optional<String> parse(Map<String, String> levels, String text)
    {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return levels.keySet().stream().filter(level -> level.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    private static Map<String, String> defaultRelatedTo()
    {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("jaki", "JAK inhibitor");
        levels.put("glucocorticoid", "glucocorticoid");
        levels.put("other", "other drug");
        levels.put("unknown", "unknown");
        return levels;
    }

    /** CDISC SDTM's outcome of an adverse event (AEOUT), in words a clinician reads. */
    private static Map<String, String> defaultOutcomes()
    {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("recovered", "recovered");
        levels.put("recovering", "recovering");
        levels.put("not_recovered", "not recovered");
        levels.put("recovered_with_sequelae", "recovered with sequelae");
        levels.put("fatal", "fatal");
        levels.put("unknown", "unknown");
        return levels;
    }
}
