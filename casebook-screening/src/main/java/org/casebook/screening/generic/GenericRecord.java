package org.casebook.screening.generic;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.casebook.screening.fhir.Concept;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.Quantity;
import org.casebook.screening.fhir.RecordRef;

import static java.util.Objects.requireNonNull;

/**
 * One clinical record of a patient as the generic engine reads it, whatever its FHIR type: the
 * criterion/extract {@code kind} it is, its date, the concepts its code set is matched against,
 * its status and, where the kind has them, value, doses and modalities (docs/screening.md, "Any
 * protocol").
 *
 * @param recordType for medication records {@code administration}, {@code request} or {@code statement}; else null
 * @param status the record's status (a Condition: its verification status); may be null
 * @param concepts what {@code code_set} is matched against (an encounter: its reasonCode list)
 * @param date the record's date for windows (a Condition: the earliest day-precise of its dates); may be null
 * @param dates every date the record has for "on or before" (a Condition: onset, onset period start, recorded); others: {@code date}
 * @param end an encounter's {@code period.end}; a medication record's {@code effectivePeriod.end} (a request's
 *        {@code dispenseRequest.validityPeriod.end}); else null
 * @param encounterClass an encounter's class code; else null
 * @param linkedConditions an encounter's reasonReference / diagnosis condition ids
 * @param encounterId a condition's {@code encounter} id; else null
 * @param value an observation's valueQuantity; else null
 * @param valueConcept an observation's valueCodeableConcept; else {@link Concept#EMPTY}
 * @param doses a medication record's dose quantities, in the record's order
 * @param modalities an imaging study's modality codes
 * @param recorded a condition's {@code recordedDate}; else null
 * @param statusReasons a medication record's {@code statusReason} concepts
 */
public record GenericRecord(
        String kind,
        RecordRef source,
        String recordType,
        String status,
        List<Concept> concepts,
        FhirDate date,
        List<FhirDate> dates,
        FhirDate end,
        String encounterClass,
        List<String> linkedConditions,
        String encounterId,
        Quantity value,
        Concept valueConcept,
        List<Quantity> doses,
        Set<String> modalities,
        FhirDate recorded,
        List<Concept> statusReasons)
        implements java.io.Serializable
{
    /** Records in time: by {@link #sortDate()} (calendar date, date-only before times, time as written), then type, then id. */
    public static final Comparator<GenericRecord> ORDER = Comparator
            .comparing(GenericRecord::sortDate, FhirDate.ORDER)
            .thenComparing(record -> record.source().resourceType())
            .thenComparing(record -> record.source().id());

    public GenericRecord
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(source, "source is null");
        concepts = List.copyOf(requireNonNull(concepts, "concepts is null"));
        dates = List.copyOf(requireNonNull(dates, "dates is null"));
        linkedConditions = List.copyOf(requireNonNull(linkedConditions, "linkedConditions is null"));
        requireNonNull(valueConcept, "valueConcept is null");
        doses = List.copyOf(requireNonNull(doses, "doses is null"));
        modalities = Set.copyOf(requireNonNull(modalities, "modalities is null"));
        statusReasons = List.copyOf(requireNonNull(statusReasons, "statusReasons is null"));
    }

    /** A record without a recorded date or status reasons. */
    public GenericRecord(String kind, RecordRef source, String recordType, String status, List<Concept> concepts, FhirDate date, List<FhirDate> dates, FhirDate end,
            String encounterClass, List<String> linkedConditions, String encounterId, Quantity value, Concept valueConcept, List<Quantity> doses, Set<String> modalities)
    {
        this(kind, source, recordType, status, concepts, date, dates, end, encounterClass, linkedConditions, encounterId, value, valueConcept, doses, modalities,
                null, List.of());
    }

    /**
     * The record's date a window judges ({@code record_date}): {@code start} its {@link #day()},
     * {@code end} its end, {@code recorded} a condition's recorded date; null when that date does not name a day.
     */
    public FhirDate day(String which)
    {
        FhirDate chosen = switch (which) {
            case "end" -> end;
            case "recorded" -> recorded;
            default -> date;
        };
        return chosen != null && chosen.isDayPrecise() ? chosen : null;
    }

    /** The earliest of the record's dates (any precision), for ordering; null when it has none. */
    public FhirDate sortDate()
    {
        if (date != null && dates.isEmpty()) {
            return date;
        }
        // A loop, not a stream: the rules sort records by this many times per patient, and a stream allocated
        // a fifth of a screen's garbage (the first of equal dates wins, as Stream.min keeps it).
        FhirDate earliest = null;
        for (int index = 0; index < dates.size(); index++) {
            FhirDate candidate = dates.get(index);
            if (earliest == null || FhirDate.ORDER.compare(candidate, earliest) < 0) {
                earliest = candidate;
            }
        }
        return earliest == null ? date : earliest;
    }

    /** Whether the record has a date to place it in time at all. */
    public boolean isDated()
    {
        return sortDate() != null;
    }

    /** The record's date when it names a day (a window can hold it); else null. */
    public FhirDate day()
    {
        return date != null && date.isDayPrecise() ? date : null;
    }
}
