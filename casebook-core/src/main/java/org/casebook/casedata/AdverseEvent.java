package org.casebook.casedata;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An adverse event during follow-up. {@code grade} is the CTCAE grade 1–5 and {@code relatedTo}
 * one of jaki, glucocorticoid, other, unknown; both may be null when not recorded.
 */
public record AdverseEvent(String patientId, String term, LocalDate onsetDate, Integer grade, Boolean serious, String relatedTo, String action, SourceRef source)
{
    /** The allowed {@code relatedTo} values (the workbook's {@code related_to} column). */
    public static final List<String> RELATED_TO = List.of("jaki", "glucocorticoid", "other", "unknown");

    public AdverseEvent
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(term, "term is null");
        requireNonNull(source, "source is null");
    }
}
