package org.casebook.store.ct;

import org.casebook.ctscore.ReadGrid;

import static java.util.Objects.requireNonNull;

/**
 * A stored read of a scan by one reader (or the adjudicator's read) under the study's scoring
 * system: its values by region and item (an Ichikado zone's pattern percents, a Kazerooni lobe's
 * grades) and its total.
 */
public record SavedRead(long scanId, String code, String reader, boolean adjudication, int version, double total, ReadGrid grid)
{
    public SavedRead
    {
        requireNonNull(code, "code is null");
        requireNonNull(reader, "reader is null");
        requireNonNull(grid, "grid is null");
    }
}
