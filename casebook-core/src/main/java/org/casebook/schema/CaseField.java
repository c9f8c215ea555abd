package org.casebook.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One column of the cases sheet as the protocol declares it: name, label, kind and the rules a
 * value must meet. {@code min}, {@code max}, {@code unit}, {@code codeSet}, {@code notBefore}
 * and {@code help} may be null (not set); {@code levels} is empty except for categories, and
 * {@code agents} except for agent fields (the agent names of the field's code set).
 * {@code section} groups fields on the case form and the record status dashboard (the seed's
 * admission, history, treatment, outcomes); null when the protocol names none.
 */
public record CaseField(
        String name,
        String label,
        FieldKind kind,
        boolean required,
        String help,
        String unit,
        BigDecimal min,
        BigDecimal max,
        List<String> levels,
        String codeSet,
        List<String> agents,
        List<String> also,
        int maxLength,
        String notBefore,
        String section)
{
    public static final int DEFAULT_MAX_LENGTH = 200;

    public CaseField
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(kind, "kind is null");
        levels = List.copyOf(requireNonNull(levels, "levels is null"));
        agents = List.copyOf(requireNonNull(agents, "agents is null"));
        also = List.copyOf(requireNonNull(also, "also is null"));
    }

    /** A field in no section. */
    public CaseField(String name, String label, FieldKind kind, boolean required, String help, String unit, BigDecimal min, BigDecimal max,
            List<String> levels, String codeSet, List<String> agents, List<String> also, int maxLength, String notBefore)
    {
        this(name, label, kind, required, help, unit, min, max, levels, codeSet, agents, also, maxLength, notBefore, null);
    }

    /** A field without {@code also} values (every kind but an agent field declaring {@code also}). */
    public CaseField(String name, String label, FieldKind kind, boolean required, String help, String unit, BigDecimal min, BigDecimal max,
            List<String> levels, String codeSet, List<String> agents, int maxLength, String notBefore)
    {
        this(name, label, kind, required, help, unit, min, max, levels, codeSet, agents, List.of(), maxLength, notBefore, null);
    }

    /** A field with only a name, kind and label: optional, no limits. */
    public static CaseField simple(String name, String label, FieldKind kind)
    {
        return new CaseField(name, label, kind, false, null, null, null, null, List.of(), null, List.of(), DEFAULT_MAX_LENGTH, null);
    }

    public Optional<String> findHelp()
    {
        return Optional.ofNullable(help);
    }

    /** The allowed values of a category or agent field, as written in the protocol: an agent field's agents, then its {@code also} values. */
    public List<String> choices()
    {
        if (kind != FieldKind.AGENT) {
            return levels;
        }
        if (also.isEmpty()) {
            return agents;
        }
        List<String> choices = new java.util.ArrayList<>(agents);
        choices.addAll(also);
        return List.copyOf(choices);
    }

    /** Whether {@code value} (any case) is one of an agent field's code-set agents (not an {@code also} value). */
    public boolean isAgent(String value)
    {
        return value != null && agents.stream().anyMatch(agent -> agent.equalsIgnoreCase(value.strip()));
    }

    /** What a valid value looks like, for messages and form hints: "a date yyyy-mm-dd", "a number 0–120". */
    public String expected()
    {
        return switch (kind) {
            case DATE -> "a date as yyyy-mm-dd";
            case NUMBER -> "a number" + rangeText();
            case INTEGER -> "a whole number" + rangeText();
            case YES_NO -> "yes or no";
            case CATEGORY -> "one of " + String.join(", ", levels);
            case AGENT -> "one of " + String.join(", ", agents) + " (code set " + codeSet + ")"
                    + (also.isEmpty() ? "" : " or " + String.join(", ", also));
            case TEXT -> "text of at most " + maxLength + " characters";
        };
    }

    private String rangeText()
    {
        if (min != null && max != null) {
            return " from " + min.toPlainString() + " to " + max.toPlainString();
        }
        if (min != null) {
            return " ≥ " + min.toPlainString();
        }
        if (max != null) {
            return " ≤ " + max.toPlainString();
        }
        return "";
    }
}
