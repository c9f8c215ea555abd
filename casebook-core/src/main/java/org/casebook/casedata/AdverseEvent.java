package org.casebook.casedata;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * An adverse event during follow-up. {@code grade} is the CTCAE grade 1–5, {@code ctcaeVersion}
 * the CTCAE version it was graded by when it differs from (or stands in for) the study's, and
 * {@code relatedTo} and {@code outcome} are each one of the protocol's levels ({@link
 * org.casebook.schema.AdverseEventSchema}); all may be null when not recorded.
 */
public record AdverseEvent(String patientId, String term, LocalDate onsetDate, Integer grade, String ctcaeVersion, Boolean serious, String relatedTo, String action,
        String outcome, SourceRef source)
{
    public AdverseEvent
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(term, "term is null");
        requireNonNull(source, "source is null");
    }

    /** An event recorded without a CTCAE version or an outcome, as workbooks were before they had these columns. */
    public AdverseEvent(String patientId, String term, LocalDate onsetDate, Integer grade, Boolean serious, String relatedTo, String action, SourceRef source)
    {
        this(patientId, term, onsetDate, grade, null, serious, relatedTo, action, null, source);
    }
}
