package org.casebook.report.figure;

import java.util.List;

import org.casebook.report.StudyData;

/** Test access to a spaghetti plot's time points. */
public final class SpaghettiPlotAccess
{
    private SpaghettiPlotAccess() {}

    public static List<String> timepoints(StudyData data, String variable)
    {
        return SpaghettiPlot.timepoints(data, variable);
    }
}
