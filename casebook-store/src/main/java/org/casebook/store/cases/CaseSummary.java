package org.casebook.store.cases;

import static java.util.Objects.requireNonNull;

/** A case of a study: its patient id, the version its last save produced, and whether it is locked. */
public record CaseSummary(long id, long studyId, String patientId, int version, boolean locked)
{
    public CaseSummary
    {
        requireNonNull(patientId, "patientId is null");
    }
}
