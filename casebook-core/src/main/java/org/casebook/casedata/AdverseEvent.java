package org.casebook.casedata;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * An adverse event during follow-up. {@code grade} is the CTCAE grade 1–5 and {@code relatedTo}
 * one of the protocol's levels ({@link org.casebook.schema.AdverseEventSchema}); both may be null
 * when not recorded.
 */
public record AdverseEvent(String patientId, String term, LocalDate onsetDate, Integer grade, Boolean serious, String relatedTo, String action, SourceRef source)
{
    public AdverseEvent
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(term, "term is null");
        requireNonNull(source, "source is null");
    }
}
