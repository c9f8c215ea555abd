package org.casebook.store.ct;

import static java.util.Objects.requireNonNull;

/** A CT scan as the investigator sees it: which patient and time point hides behind the code. */
public record CtScan(long id, long studyId, long caseId, String patientId, String timepoint, String date, String code, String accession)
{
    public CtScan
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(timepoint, "timepoint is null");
        requireNonNull(code, "code is null");
    }
}
