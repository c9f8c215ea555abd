package org.casebook.screening.rules;

import java.util.Locale;
import java.util.Set;

import org.casebook.screening.facts.ConditionRecord;
import org.casebook.screening.facts.MedicationUse;

import static java.util.Objects.requireNonNull;

/**
 * Which records never count, for any criterion or extracted value: conditions with an excluded
 * verification status, medication and device records with an excluded status.
 */
public record RecordRules(Set<String> excludedVerificationStatuses, Set<String> excludedMedicationStatuses)
{
    public RecordRules
    {
        excludedVerificationStatuses = Set.copyOf(requireNonNull(excludedVerificationStatuses, "excludedVerificationStatuses is null"));
        excludedMedicationStatuses = Set.copyOf(requireNonNull(excludedMedicationStatuses, "excludedMedicationStatuses is null"));
    }

    public boolean counts(ConditionRecord condition)
    {
        return condition.verificationStatus() == null
                || !excludedVerificationStatuses.contains(condition.verificationStatus().toLowerCase(Locale.ROOT));
    }

    public boolean counts(MedicationUse use)
    {
        return use.status() == null || !excludedMedicationStatuses.contains(use.status().toLowerCase(Locale.ROOT));
    }
}
