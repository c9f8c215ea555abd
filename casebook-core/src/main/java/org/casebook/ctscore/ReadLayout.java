package org.casebook.ctscore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What a reader fills in under a scoring system: every item in every region (Ichikado: six zones
 * × six pattern percents, each zone adding up to 100; Kazerooni: five lobes × an alveolar and an
 * interstitial grade). The reading form, the API and the store take it from here, and
 * {@link #parse} is the one check of a typed read, on the page and in the API alike.
 *
 * @param regionNoun {@code zone} or {@code lobe}, for labels and messages
 * @param regionsKey the API's list of regions ({@code zones}, {@code lobes})
 * @param regionSum what each region's values must add up to (Ichikado: 100), if anything
 * @param guidance one paragraph telling the reader how to score
 */
public record ReadLayout(String regionNoun, String regionsKey, List<ReadRegion> regions, List<ReadItem> items, OptionalInt regionSum, String guidance)
{
    public ReadLayout
    {
        requireNonNull(regionNoun, "regionNoun is null");
        requireNonNull(regionsKey, "regionsKey is null");
        regions = List.copyOf(requireNonNull(regions, "regions is null"));
        items = List.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(regionSum, "regionSum is null");
        requireNonNull(guidance, "guidance is null");
    }

    /** The region codes in order, for messages: {@code RU, RM, RL, LU, LM or LL}. */
    public String regionCodes()
    {
        List<String> codes = regions.stream().map(ReadRegion::code).toList();
        return String.join(", ", codes.subList(0, codes.size() - 1)) + " or " + codes.get(codes.size() - 1);
    }

    /**
     * Reads a typed read: region code (any case) → item name → text. Every region and item must be
     * there, each value a whole number in its item's range, each region adding up to
     * {@link #regionSum} when the system asks for it.
     *
     * @throws IllegalArgumentException naming every problem by region and item
     *         ({@code zone RU: ggo '110': expected a whole number 0–100; zone LM: pattern percents must add up to 100, they add up to 110})
     */
    public ReadGrid parse(Map<String, Map<String, String>> typed)
    {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> byCode = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> entry : typed.entrySet()) {
            String code = entry.getKey() == null ? "" : entry.getKey().strip();
            ReadRegion region = regions.stream().filter(known -> known.code().equalsIgnoreCase(code)).findFirst().orElse(null);
            if (region == null) {
                problems.add("unknown " + regionNoun + " '" + code + "': expected " + regionCodes());
            }
            else if (byCode.put(region.code(), entry.getValue() == null ? Map.of() : entry.getValue()) != null) {
                problems.add(regionNoun + " " + region.code() + " given twice");
            }
        }
        String missing = regions.stream().map(ReadRegion::code).filter(code -> !byCode.containsKey(code)).collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            problems.add("missing " + regionNoun + "(s) " + missing + ": a read needs all " + regions.size() + " " + regionsKey);
        }
        Map<String, Map<String, Integer>> values = new LinkedHashMap<>();
        for (ReadRegion region : regions) {
            Map<String, String> cells = byCode.get(region.code());
            if (cells != null) {
                values.put(region.code(), parseRegion(region, cells, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ReadGrid(values);
    }

    private Map<String, Integer> parseRegion(ReadRegion region, Map<String, String> cells, List<String> problems)
    {
        Map<String, Integer> values = new LinkedHashMap<>();
        int problemsBefore = problems.size();
        for (ReadItem item : items) {
            String text = cells.get(item.name());
            String where = regionNoun + " " + region.code() + ": " + item.name();
            if (text == null || text.isBlank()) {
                problems.add(where + " missing: expected " + item.expected());
                continue;
            }
            Integer value = wholeNumber(text.strip());
            if (value == null || value < item.min() || value > item.max()) {
                problems.add(where + " '" + text.strip() + "': expected " + item.expected());
                continue;
            }
            values.put(item.name(), value);
        }
        for (String name : cells.keySet()) {
            if (items.stream().noneMatch(item -> item.name().equals(name))) {
                problems.add(regionNoun + " " + region.code() + ": unknown item '" + name + "': expected "
                        + items.stream().map(ReadItem::name).collect(Collectors.joining(", ")));
            }
        }
        if (regionSum.isPresent() && problems.size() == problemsBefore) {
            int sum = values.values().stream().mapToInt(Integer::intValue).sum();
            if (sum != regionSum.getAsInt()) {
                problems.add(regionNoun + " " + region.code() + ": pattern percents must add up to " + regionSum.getAsInt() + ", they add up to " + sum);
            }
        }
        return values;
    }

    private static Integer wholeNumber(String text)
    {
        if (!text.matches("[-+]?\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(text);
    }

    /** Σ value × weight over the items of one region of a grid: an Ichikado zone score, a Kazerooni lobe's two grades. */
    public int regionScore(ReadGrid grid, String region)
    {
        return items.stream().mapToInt(item -> grid.find(region, item.name()).orElse(0) * item.weight()).sum();
    }
}
