package org.casebook.ctscore;

import java.util.EnumMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A reader's estimate of one zone: the percentage of the zone showing each pattern. The six
 * shares are each 0–100 and add up to 100.
 */
public record ZoneExtent(LungZone zone, Map<IchikadoPattern, Integer> percents)
{
    public ZoneExtent
    {
        requireNonNull(zone, "zone is null");
        percents = Map.copyOf(requireNonNull(percents, "percents is null"));
        for (IchikadoPattern pattern : IchikadoPattern.values()) {
            Integer percent = percents.get(pattern);
            if (percent == null) {
                throw new IllegalArgumentException("zone " + zone + ": missing " + pattern.column());
            }
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("zone " + zone + ": " + pattern.column() + " must be 0–100, was " + percent);
            }
        }
        int sum = percents.values().stream().mapToInt(Integer::intValue).sum();
        if (sum != 100) {
            throw new IllegalArgumentException("zone " + zone + ": pattern percents must add up to 100, they add up to " + sum);
        }
    }

    /** Percents in the workbook's column order: normal, ggo, consolidation, ggo_traction, consolidation_traction, honeycombing. */
    public static ZoneExtent of(LungZone zone, int normal, int ggo, int consolidation, int ggoTraction, int consolidationTraction, int honeycombing)
    {
        Map<IchikadoPattern, Integer> percents = new EnumMap<>(IchikadoPattern.class);
        percents.put(IchikadoPattern.NORMAL, normal);
        percents.put(IchikadoPattern.GROUND_GLASS, ggo);
        percents.put(IchikadoPattern.CONSOLIDATION, consolidation);
        percents.put(IchikadoPattern.GROUND_GLASS_WITH_TRACTION, ggoTraction);
        percents.put(IchikadoPattern.CONSOLIDATION_WITH_TRACTION, consolidationTraction);
        percents.put(IchikadoPattern.HONEYCOMBING, honeycombing);
        return new ZoneExtent(zone, percents);
    }

    public int percent(IchikadoPattern pattern)
    {
        return percents.get(pattern);
    }

    /** Σ percent × points over the patterns: 100 (all normal) to 600 (all honeycombing). */
    public int score()
    {
        return percents.entrySet().stream().mapToInt(entry -> entry.getValue() * entry.getKey().points()).sum();
    }

    /** Σ percent × points over the patterns of one component. */
    public int score(IchikadoPattern.Component component)
    {
        return percents.entrySet().stream()
                .filter(entry -> entry.getKey().component() == component)
                .mapToInt(entry -> entry.getValue() * entry.getKey().points())
                .sum();
    }
}
