package org.casebook.store.ct;

import java.util.List;

import org.casebook.ctscore.ZoneExtent;

import static java.util.Objects.requireNonNull;

/** A stored zone-by-zone read of a scan by one reader (or the adjudicator's read). */
public record SavedRead(long scanId, String code, String reader, boolean adjudication, int version, double total, List<ZoneExtent> zones)
{
    public SavedRead
    {
        requireNonNull(code, "code is null");
        requireNonNull(reader, "reader is null");
        zones = List.copyOf(requireNonNull(zones, "zones is null"));
    }
}
