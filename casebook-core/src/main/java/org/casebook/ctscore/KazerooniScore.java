package org.casebook.ctscore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.casebook.casedata.CaseWorkbook;

/** The Kazerooni (Gay) score (0–10): mean alveolar + mean interstitial grade over five lobes. */
public final class KazerooniScore
        implements CtScoringSystem
{
    public static final String NAME = "kazerooni";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public double minTotal()
    {
        return 0;
    }

    @Override
    public double maxTotal()
    {
        return 10;
    }

    @Override
    public int readTotalDenominator()
    {
        return KazerooniLobe.values().length;
    }

    @Override
    public List<String> components()
    {
        return List.of("ct_alveolar", "ct_interstitial");
    }

    @Override
    public List<KazerooniRead> reads(CaseWorkbook workbook)
    {
        return workbook.kazerooniReads();
    }

    /** The alveolar (ground-glass) grades (Kazerooni et al., AJR 1997; shared/domain.md §1b). */
    private static final List<ReadItem.Grade> ALVEOLAR = List.of(
            new ReadItem.Grade(0, "none"), new ReadItem.Grade(1, "< 5 %"), new ReadItem.Grade(2, "5–24 %"),
            new ReadItem.Grade(3, "25–49 %"), new ReadItem.Grade(4, "50–75 %"), new ReadItem.Grade(5, "> 75 %"));

    /** The interstitial (fibrosis) grades. */
    private static final List<ReadItem.Grade> INTERSTITIAL = List.of(
            new ReadItem.Grade(0, "none"), new ReadItem.Grade(1, "septal thickening, no honeycombing"),
            new ReadItem.Grade(2, "honeycombing ≤ 25 %"), new ReadItem.Grade(3, "honeycombing 25–49 %"),
            new ReadItem.Grade(4, "honeycombing 50–75 %"), new ReadItem.Grade(5, "honeycombing > 75 %"));

    @Override
    public String label()
    {
        return "Kazerooni score";
    }

    @Override
    public ReadLayout layout()
    {
        List<ReadRegion> regions = Arrays.stream(KazerooniLobe.values()).map(lobe -> new ReadRegion(lobe.name(), lobe.label())).toList();
        List<ReadItem> items = List.of(
                new ReadItem("alveolar", "Alveolar (ground glass)", 0, 5, 1, ALVEOLAR),
                new ReadItem("interstitial", "Interstitial (fibrosis)", 0, 5, 1, INTERSTITIAL));
        return new ReadLayout("lobe", "lobes", regions, items, OptionalInt.empty(),
                "Grade each lobe (the lingula with the left upper lobe) for alveolar and for interstitial disease, 0–5. "
                        + "Kazerooni score = mean alveolar grade + mean interstitial grade over the five lobes (0–10).");
    }

    @Override
    public KazerooniRead read(ScanRef scan, String reader, ReadGrid grid)
    {
        List<KazerooniLobeScore> lobes = new ArrayList<>();
        grid.values().forEach((code, items) -> {
            KazerooniLobe lobe = KazerooniLobe.fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown lobe '" + code + "'"));
            Integer alveolar = items.get("alveolar");
            Integer interstitial = items.get("interstitial");
            if (alveolar == null || interstitial == null) {
                throw new IllegalArgumentException("lobe " + lobe + ": missing " + (alveolar == null ? "alveolar" : "interstitial"));
            }
            lobes.add(new KazerooniLobeScore(lobe, alveolar, interstitial));
        });
        return new KazerooniRead(scan, reader, lobes);
    }

    /** The grid of some lobes: lobe code → alveolar, interstitial → grade. */
    static ReadGrid grid(List<KazerooniLobeScore> lobes)
    {
        Map<String, Map<String, Integer>> values = new LinkedHashMap<>();
        for (KazerooniLobeScore lobe : lobes) {
            Map<String, Integer> grades = new LinkedHashMap<>();
            grades.put("alveolar", lobe.alveolar());
            grades.put("interstitial", lobe.interstitial());
            values.put(lobe.lobe().name(), grades);
        }
        return new ReadGrid(values);
    }
}
