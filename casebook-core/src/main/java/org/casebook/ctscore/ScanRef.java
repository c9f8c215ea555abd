package org.casebook.ctscore;

import static java.util.Objects.requireNonNull;

/** Which scan a read is of: a patient's CT at one protocol time point. */
public record ScanRef(String patientId, String timepoint)
{
    public ScanRef
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(timepoint, "timepoint is null");
    }
}
