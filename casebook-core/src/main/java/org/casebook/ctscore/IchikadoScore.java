package org.casebook.ctscore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.casebook.casedata.CaseWorkbook;

/** The Ichikado HRCT score (100–600): mean over six zones of Σ percent × pattern points. */
public final class IchikadoScore
        implements CtScoringSystem
{
    public static final String NAME = "ichikado";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public double minTotal()
    {
        return 100;
    }

    @Override
    public double maxTotal()
    {
        return 600;
    }

    @Override
    public int readTotalDenominator()
    {
        return LungZone.values().length;
    }

    @Override
    public List<String> components()
    {
        return Arrays.stream(IchikadoPattern.Component.values()).map(IchikadoPattern.Component::variable).toList();
    }

    @Override
    public List<IchikadoRead> reads(CaseWorkbook workbook)
    {
        return workbook.ichikadoReads();
    }

    @Override
    public String label()
    {
        return "Ichikado score";
    }

    @Override
    public ReadLayout layout()
    {
        List<ReadRegion> regions = Arrays.stream(LungZone.values()).map(zone -> new ReadRegion(zone.name(), zone.label())).toList();
        List<ReadItem> items = Arrays.stream(IchikadoPattern.values())
                .map(pattern -> new ReadItem(pattern.column(), pattern.label(), 0, 100, pattern.points(), List.of()))
                .toList();
        return new ReadLayout("zone", "zones", regions, items, OptionalInt.of(100),
                "Percent of each zone showing each pattern, to the nearest 10 %; each zone must add up to 100. "
                        + "Ichikado score = mean over the six zones of Σ percent × points (100–600).");
    }

    @Override
    public IchikadoRead read(ScanRef scan, String reader, ReadGrid grid)
    {
        return new IchikadoRead(scan, reader, zones(grid));
    }

    /** The zones of a grid of this system's layout. */
    public static List<ZoneExtent> zones(ReadGrid grid)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        grid.values().forEach((code, items) -> {
            LungZone zone = LungZone.fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown zone '" + code + "'"));
            Map<IchikadoPattern, Integer> percents = new java.util.EnumMap<>(IchikadoPattern.class);
            for (IchikadoPattern pattern : IchikadoPattern.values()) {
                Integer percent = items.get(pattern.column());
                if (percent == null) {
                    throw new IllegalArgumentException("zone " + zone + ": missing " + pattern.column());
                }
                percents.put(pattern, percent);
            }
            zones.add(new ZoneExtent(zone, percents));
        });
        return zones;
    }

    /** The grid of some zones: zone code → pattern column → percent. */
    public static ReadGrid grid(List<ZoneExtent> zones)
    {
        Map<String, Map<String, Integer>> values = new LinkedHashMap<>();
        for (ZoneExtent zone : zones) {
            Map<String, Integer> percents = new LinkedHashMap<>();
            for (IchikadoPattern pattern : IchikadoPattern.values()) {
                percents.put(pattern.column(), zone.percent(pattern));
            }
            values.put(zone.zone().name(), percents);
        }
        return new ReadGrid(values);
    }
}
