package org.casebook.protocol;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * One outcome of the protocol's {@code outcomes.list} (docs/protocol.md). Kinds:
 * <ul>
 * <li>{@code change}: a variable moved in {@code direction} between two time points, optionally by at
 * least {@code byAtLeast} units or {@code byAtLeastPercent} percent of the first value;</li>
 * <li>{@code status_at_day}: the vital {@code status} ({@code alive}, {@code died}, {@code censored}) at {@code day};</li>
 * <li>{@code proportion}: a yes/no field is yes, or, when it is blank and {@code orAtLeast} is given,
 * a numeric field is at least that threshold;</li>
 * <li>{@code at_least}: a numeric field is at least {@code threshold};</li>
 * <li>{@code event_by_day}: a text, category or agent {@code field} equals {@code equalsValue} (an event,
 * such as a stop for an adverse event) and its {@code date} field is on or before {@code day} after
 * day 0; a patient whose {@code noWhen} field holds its value counts as not met; with
 * {@code daysSummary}, the days from the date to day 0 of the patients counted are summarized under that name.</li>
 * </ul>
 * Parts a kind does not use are null. {@code description}, when the protocol gives one, is the
 * rule in words that the results print; otherwise one is generated.
 */
public record OutcomeSpec(
        String name,
        String label,
        String kind,
        String variable,
        String from,
        String to,
        String direction,
        BigDecimal byAtLeast,
        BigDecimal byAtLeastPercent,
        Integer day,
        String field,
        BigDecimal threshold,
        String status,
        FieldThreshold orAtLeast,
        String equalsValue,
        String date,
        FieldValue noWhen,
        String daysSummary,
        String description)
{
    /** A numeric field compared with a threshold (at or above it). */
    public record FieldThreshold(String field, BigDecimal threshold)
    {
        public FieldThreshold
        {
            requireNonNull(field, "field is null");
            requireNonNull(threshold, "threshold is null");
        }
    }

    /** A field holding a value (compared ignoring case and surrounding spaces). */
    public record FieldValue(String field, String value)
    {
        public FieldValue
        {
            requireNonNull(field, "field is null");
            requireNonNull(value, "value is null");
        }
    }

    public OutcomeSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(kind, "kind is null");
    }
}
