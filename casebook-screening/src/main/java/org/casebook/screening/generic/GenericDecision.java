package org.casebook.screening.generic;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.generic.RecordMatcher.Hit;

import static java.util.Objects.requireNonNull;

/**
 * The screening decision for one patient under any protocol: not a candidate (no index event),
 * included at {@code index}, or excluded at the deciding candidate {@code index} for
 * {@code failedCriterion}.
 *
 * @param criteriaMet criteria after the index met in a row at the deciding candidate
 * @param evidence {@code criterion=Type/id} entries in order (index first; then a failing exclusion's record)
 * @param matched each met inclusion criterion's matched record at the deciding candidate (index criterion included)
 * @param counts how many records met each criterion evaluated at the deciding candidate
 * @param dayZero day 0 of an included patient; null otherwise
 */
public record GenericDecision(
        String patientId,
        Status status,
        Hit index,
        Stay stay,
        String failedCriterion,
        int criteriaMet,
        List<Evidence> evidence,
        Map<String, Hit> matched,
        Map<String, Integer> counts,
        LocalDate dayZero) implements java.io.Serializable
{
    public enum Status { NO_INDEX_EVENT, INCLUDED, EXCLUDED }

    /** A record behind a criterion; {@code byText} when it matched only by a text term; {@code record} what it is, for evidence.csv. */
    public record Evidence(String criterionId, RecordRef source, boolean byText, EvidenceRecord record) implements java.io.Serializable
    {
        public Evidence
        {
            requireNonNull(record, "record is null");
        }

        static Evidence of(String criterionId, Hit hit, boolean byText, GenericPatient patient)
        {
            return new Evidence(criterionId, hit.evidence(), byText, EvidenceRecord.of(hit, patient));
        }
    }

    /** The index stay: its first and last calendar day ({@code end} null: open, no upper bound). */
    public record Stay(LocalDate start, LocalDate end) implements java.io.Serializable
    {
        public boolean contains(LocalDate day)
        {
            return !day.isBefore(start) && (end == null || !day.isAfter(end));
        }
    }

    public GenericDecision
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(status, "status is null");
        evidence = List.copyOf(evidence);
        matched = Map.copyOf(matched);
        counts = Map.copyOf(counts);
    }

    static GenericDecision noIndexEvent(String patientId)
    {
        return new GenericDecision(patientId, Status.NO_INDEX_EVENT, null, null, null, 0, List.of(), Map.of(), Map.of(), null);
    }

    public boolean isCandidate()
    {
        return status != Status.NO_INDEX_EVENT;
    }

    public boolean isIncluded()
    {
        return status == Status.INCLUDED;
    }

    /** Criteria whose matched record matched only by a text term, in order. */
    public List<String> matchedByText()
    {
        return evidence.stream().filter(Evidence::byText).map(Evidence::criterionId).toList();
    }
}
