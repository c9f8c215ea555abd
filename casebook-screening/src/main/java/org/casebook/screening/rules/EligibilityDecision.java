package org.casebook.screening.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The screening decision for one patient.
 * <ul>
 * <li>{@link Status#NO_INDEX_ADMISSION}: not a candidate; not in the screening log.</li>
 * <li>{@link Status#INCLUDED}: {@code admission} is the first index admission meeting every criterion.</li>
 * <li>{@link Status#EXCLUDED}: {@code admission} is the one that got furthest through the criteria
 * (the earliest on ties) and {@code failedCriterion} its first unmet criterion.</li>
 * </ul>
 *
 * @param criteriaMet how many criteria after the index admission the deciding admission met, in order
 * @param evidence the records that met criteria at the deciding admission, index admission first
 */
public record EligibilityDecision(
        String patientId,
        Status status,
        Optional<Admission> admission,
        Optional<String> failedCriterion,
        int criteriaMet,
        List<Evidence> evidence)
{
    public enum Status { NO_INDEX_ADMISSION, INCLUDED, EXCLUDED }

    public EligibilityDecision
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(status, "status is null");
        requireNonNull(admission, "admission is null");
        requireNonNull(failedCriterion, "failedCriterion is null");
        evidence = List.copyOf(requireNonNull(evidence, "evidence is null"));
    }

    public static EligibilityDecision noIndexAdmission(String patientId)
    {
        return new EligibilityDecision(patientId, Status.NO_INDEX_ADMISSION, Optional.empty(), Optional.empty(), 0, List.of());
    }

    public boolean isCandidate()
    {
        return status != Status.NO_INDEX_ADMISSION;
    }

    public boolean isIncluded()
    {
        return status == Status.INCLUDED;
    }

    /** Day 0 of an included patient: the index admission's date. */
    public Optional<LocalDate> dayZero()
    {
        return isIncluded() ? admission.map(Admission::admissionDate) : Optional.empty();
    }

    /** The ids of criteria that matched only by a text term. */
    public List<String> matchedByText()
    {
        return evidence.stream().filter(Evidence::byText).map(Evidence::criterionId).toList();
    }
}
