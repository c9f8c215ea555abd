package org.casebook.ctscore;

import java.util.List;

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
    public List<String> components()
    {
        return List.of("ct_alveolar", "ct_interstitial");
    }

    @Override
    public List<KazerooniRead> reads(CaseWorkbook workbook)
    {
        return workbook.kazerooniReads();
    }
}
