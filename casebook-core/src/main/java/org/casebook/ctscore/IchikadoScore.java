package org.casebook.ctscore;

import java.util.Arrays;
import java.util.List;

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
    public List<String> components()
    {
        return Arrays.stream(IchikadoPattern.Component.values()).map(IchikadoPattern.Component::variable).toList();
    }

    @Override
    public List<IchikadoRead> reads(CaseWorkbook workbook)
    {
        return workbook.ichikadoReads();
    }
}
