package org.casebook.store.ct;

import static java.util.Objects.requireNonNull;

/**
 * A line of a reader's worklist, blinded: the scan's random code and its PACS accession, whether
 * this reader has saved a read, and whether it is an adjudication. No patient, date or time point.
 */
public record WorklistItem(String code, String accession, boolean read, boolean adjudication)
{
    public WorklistItem
    {
        requireNonNull(code, "code is null");
    }
}
