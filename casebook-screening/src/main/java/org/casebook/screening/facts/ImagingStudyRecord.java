package org.casebook.screening.facts;

import java.util.Set;

import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/** An ImagingStudy's modality codes (from {@code modality} and every {@code series.modality}) and {@code started}. */
public record ImagingStudyRecord(RecordRef source, String status, Set<String> modalities, FhirDate started)
{
    public ImagingStudyRecord
    {
        requireNonNull(source, "source is null");
        modalities = Set.copyOf(requireNonNull(modalities, "modalities is null"));
    }
}
