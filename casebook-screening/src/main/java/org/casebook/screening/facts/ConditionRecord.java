package org.casebook.screening.facts;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * What screening reads of a Condition: its code, {@code verificationStatus} code, the dates that
 * make its first date ({@code onsetDateTime}, {@code onsetPeriod.start}, {@code recordedDate}), and
 * the encounter it names in {@code Condition.encounter}. Any of these may be null.
 */
public record ConditionRecord(
        RecordRef source,
        Concept code,
        String verificationStatus,
        FhirDate onset,
        FhirDate onsetPeriodStart,
        FhirDate recorded,
        String encounterId)
{
    public ConditionRecord
    {
        requireNonNull(source, "source is null");
        requireNonNull(code, "code is null");
    }

    public String id()
    {
        return source.id();
    }

    /** The earliest of onsetDateTime, onsetPeriod.start and recordedDate. */
    public Optional<FhirDate> firstDate()
    {
        return Stream.of(onset, onsetPeriodStart, recorded).filter(Objects::nonNull).min(FhirDate.ORDER);
    }

    public Optional<FhirDate> latestDate()
    {
        return Stream.of(onset, onsetPeriodStart, recorded).filter(Objects::nonNull).max(FhirDate.ORDER);
    }

    static Comparator<ConditionRecord> byId()
    {
        return Comparator.comparing(ConditionRecord::id);
    }
}
