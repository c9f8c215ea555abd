package org.casebook.casedata;

import static java.util.Objects.requireNonNull;

/**
 * Where a value came from, so every number in the results can be traced back: a workbook cell
 * ({@code measurements.csv row 4}) or an EHR record ({@code Observation/obs-17}).
 */
public record SourceRef(String location)
{
    public SourceRef
    {
        requireNonNull(location, "location is null");
    }

    public static SourceRef workbookRow(String sheet, int row)
    {
        return new SourceRef(sheet + " row " + row);
    }

    @Override
    public String toString()
    {
        return location;
    }
}
