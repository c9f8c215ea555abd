package org.casebook.ctscore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A read's values as the reading form and the store hold them, whatever the scoring system:
 * region code → item name → value ({@code RU → ggo → 30}, {@code RUL → alveolar → 2}).
 */
public record ReadGrid(Map<String, Map<String, Integer>> values)
{
    public ReadGrid
    {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        requireNonNull(values, "values is null").forEach((region, items) -> copy.put(region, Collections.unmodifiableMap(new LinkedHashMap<>(items))));
        values = Collections.unmodifiableMap(copy);
    }

    /** The value of {@code item} in {@code region}; empty when the grid has none. */
    public java.util.Optional<Integer> find(String region, String item)
    {
        return java.util.Optional.ofNullable(values.getOrDefault(region, Map.of()).get(item));
    }
}
