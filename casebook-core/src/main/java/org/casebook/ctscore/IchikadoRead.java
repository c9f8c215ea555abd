package org.casebook.ctscore;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.numbers.fraction.Fraction;

import static java.util.Objects.requireNonNull;

/**
 * A reader's Ichikado read of one scan: exactly one {@link ZoneExtent} for each of the six zones.
 * The total is the mean of the six zone scores (100–600), the scale on which the published
 * cut-offs (245 in AE-IPF) make sense; see shared/domain.md §1a.
 */
public record IchikadoRead(ScanRef scan, String reader, List<ZoneExtent> zones)
        implements CtRead
{
    public IchikadoRead
    {
        requireNonNull(scan, "scan is null");
        requireNonNull(reader, "reader is null");
        zones = List.copyOf(requireNonNull(zones, "zones is null"));
        Set<LungZone> seen = EnumSet.noneOf(LungZone.class);
        for (ZoneExtent zone : zones) {
            if (!seen.add(zone.zone())) {
                throw new IllegalArgumentException("zone " + zone.zone() + " read twice");
            }
        }
        if (seen.size() != LungZone.values().length) {
            Set<LungZone> missing = EnumSet.allOf(LungZone.class);
            missing.removeAll(seen);
            throw new IllegalArgumentException("missing zone(s) " + missing + "; an Ichikado read needs all six zones");
        }
    }

    @Override
    public CtScore score()
    {
        // sums of integer zone scores over the six zones, divided once: sixths, exactly
        int zoneCount = zones.size();
        Fraction total = Fraction.of(zones.stream().mapToInt(ZoneExtent::score).sum(), zoneCount);
        Map<String, Fraction> components = new java.util.LinkedHashMap<>();
        for (IchikadoPattern.Component component : IchikadoPattern.Component.values()) {
            components.put(component.variable(), Fraction.of(zones.stream().mapToInt(zone -> zone.score(component)).sum(), zoneCount));
        }
        return new CtScore(total, components);
    }

    @Override
    public ReadGrid grid()
    {
        return IchikadoScore.grid(zones);
    }

    /** Mean percent of lung area showing each pattern over the six zones (for composition charts). */
    public Map<IchikadoPattern, Double> meanPercents()
    {
        Map<IchikadoPattern, Double> means = new EnumMap<>(IchikadoPattern.class);
        for (IchikadoPattern pattern : IchikadoPattern.values()) {
            means.put(pattern, zones.stream().mapToInt(zone -> zone.percent(pattern)).average().orElseThrow());
        }
        return means;
    }
}
