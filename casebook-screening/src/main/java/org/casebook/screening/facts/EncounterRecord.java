package org.casebook.screening.facts;

import java.util.List;

import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * What screening reads of an Encounter: status, {@code class.code}, {@code period} ({@code start}
 * and {@code end} may be null: no end means the admission is still open), the {@code reasonCode}
 * concepts, and the ids of the Conditions it names in {@code reasonReference} or
 * {@code diagnosis.condition}.
 */
public record EncounterRecord(
        RecordRef source,
        String status,
        String classCode,
        FhirDate start,
        FhirDate end,
        List<Concept> reasonCodes,
        List<String> conditionIds)
{
    public EncounterRecord
    {
        requireNonNull(source, "source is null");
        reasonCodes = List.copyOf(requireNonNull(reasonCodes, "reasonCodes is null"));
        conditionIds = List.copyOf(requireNonNull(conditionIds, "conditionIds is null"));
    }

    public String id()
    {
        return source.id();
    }
}
