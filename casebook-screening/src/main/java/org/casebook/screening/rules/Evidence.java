package org.casebook.screening.rules;

import java.util.Comparator;

import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * The record that met a criterion, whether it matched only by a text term (flagged in the
 * screening log), and the agent a drug code set names for it (null for conditions).
 */
public record Evidence(String criterionId, RecordRef source, boolean byText, String agent)
{
    /** Coded matches before text matches. */
    static final Comparator<Evidence> CODED_FIRST = Comparator.comparing(Evidence::byText);

    public Evidence
    {
        requireNonNull(criterionId, "criterionId is null");
        requireNonNull(source, "source is null");
    }
}
