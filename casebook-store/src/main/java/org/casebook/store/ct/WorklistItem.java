package org.casebook.store.ct;

import static java.util.Objects.requireNonNull;

/**
 * A line of a reader's worklist, blinded: the scan's random code, whether this reader has saved
 * a read, and whether it is an adjudication. No patient, date, time point or PACS accession (an
 * accession often names the patient and time point); a reader opens the accession of one scan
 * on explicit action ({@link CtReading#openAccession}).
 */
public record WorklistItem(String code, boolean read, boolean adjudication)
{
    public WorklistItem
    {
        requireNonNull(code, "code is null");
    }
}
