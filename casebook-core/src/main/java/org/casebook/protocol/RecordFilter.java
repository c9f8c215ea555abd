package org.casebook.protocol;

import java.math.BigDecimal;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Which records of a kind count, beyond their code set: medication record types, the statuses
 * that count (empty: every status but the protocol's excluded ones), an observation's coded
 * result ({@code valueCodeSet}) or numeric result ({@code comparator} {@code threshold} in
 * {@code unit}), imaging modalities, and a medication's dose ({@code dose}: any of the record's
 * doses, converted to the dose unit, compared). Unset parts are null or empty.
 */
public record RecordFilter(
        List<String> recordTypes,
        List<String> statuses,
        String valueCodeSet,
        String comparator,
        BigDecimal threshold,
        String unit,
        List<String> modalities,
        Threshold dose)
{
    public static final RecordFilter NONE = new RecordFilter(List.of(), List.of(), null, null, null, null, List.of(), null);

    /** A comparison with a threshold in a unit: {@code >= 500 mg}. */
    public record Threshold(String comparator, BigDecimal threshold, String unit)
    {
        public Threshold
        {
            requireNonNull(comparator, "comparator is null");
            requireNonNull(threshold, "threshold is null");
        }

        public boolean accepts(BigDecimal value)
        {
            return compare(comparator, value, threshold);
        }
    }

    /** Without a dose filter. */
    public RecordFilter(List<String> recordTypes, List<String> statuses, String valueCodeSet, String comparator, BigDecimal threshold, String unit,
            List<String> modalities)
    {
        this(recordTypes, statuses, valueCodeSet, comparator, threshold, unit, modalities, null);
    }

    public RecordFilter
    {
        recordTypes = List.copyOf(requireNonNull(recordTypes, "recordTypes is null"));
        statuses = List.copyOf(requireNonNull(statuses, "statuses is null"));
        modalities = List.copyOf(requireNonNull(modalities, "modalities is null"));
    }

    /** Whether a numeric result passes the filter's comparison (true when there is none). */
    public boolean accepts(BigDecimal value)
    {
        if (comparator == null) {
            return true;
        }
        return compare(comparator, value, threshold);
    }

    static boolean compare(String comparator, BigDecimal value, BigDecimal threshold)
    {
        int sign = value.compareTo(threshold);
        return switch (comparator) {
            case ">" -> sign > 0;
            case ">=" -> sign >= 0;
            case "<" -> sign < 0;
            case "<=" -> sign <= 0;
            default -> throw new IllegalStateException("comparator " + comparator);
        };
    }
}
