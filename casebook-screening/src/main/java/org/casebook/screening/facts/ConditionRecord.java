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

    /**
     * Whether the first date (the earliest of onset, onset period start and recorded date) lies
     * wholly on or before {@code limit}: it does when any of the three does, whatever their
     * precisions ({@code onset 2024-03} with {@code recorded 2024-03-05} is on or before 2024-03-10).
     */
    public boolean isFirstDateWhollyOnOrBefore(java.time.LocalDate limit)
    {
        return Stream.of(onset, onsetPeriodStart, recorded).filter(Objects::nonNull).anyMatch(date -> date.isWhollyOnOrBefore(limit));
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
