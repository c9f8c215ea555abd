package org.casebook.protocol;

import java.math.BigDecimal;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Which records of a kind count, beyond their code set: medication record types, the statuses
 * that count (empty: every status but the protocol's excluded ones), an observation's coded
 * result ({@code valueCodeSet}) or numeric result ({@code comparator} {@code threshold} in
 * {@code unit}), and imaging modalities. Unset parts are null or empty.
 */
public record RecordFilter(
        List<String> recordTypes,
        List<String> statuses,
        String valueCodeSet,
        String comparator,
        BigDecimal threshold,
        String unit,
        List<String> modalities)
{
    public static final RecordFilter NONE = new RecordFilter(List.of(), List.of(), null, null, null, null, List.of());

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
