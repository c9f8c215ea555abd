package org.casebook.screening.rules;

import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.casebook.codeset.CodeSet;
import org.casebook.screening.facts.MedicationUse;
import org.casebook.screening.facts.PatientFacts;
import org.casebook.screening.fhir.FhirDate;

import static java.util.Objects.requireNonNull;

/**
 * A drug of the code set in a MedicationAdministration, MedicationRequest or MedicationStatement
 * starting between admission and discharge, inclusive, by calendar date (timing
 * {@code during_admission}); an open admission has no upper bound. Records are judged by their
 * dates, not by the encounter they link to; records with a status that never counts are ignored.
 */
public record MedicationCriterion(String id, CodeSet codeSet, RecordRules recordRules)
        implements Criterion
{
    public static final Comparator<MedicationUse> EARLIEST_START = Comparator
            .comparing(MedicationUse::start, FhirDate.ORDER)
            .thenComparing(MedicationUse::id);

    public MedicationCriterion
    {
        requireNonNull(id, "id is null");
        requireNonNull(codeSet, "codeSet is null");
        requireNonNull(recordRules, "recordRules is null");
    }

    @Override
    public Optional<Evidence> evaluate(PatientFacts facts, Admission admission)
    {
        return startedDuring(facts, admission)
                .flatMap(use -> ConceptMatcher.match(codeSet, use.item())
                        .map(match -> new Evidence(id, use.source(), match.byText(), match.entry().agent())).stream())
                .min(Evidence.CODED_FIRST);
    }

    /** Drug records of this code set that count and start during the admission, earliest first. */
    public Stream<MedicationUse> startedDuring(PatientFacts facts, Admission admission)
    {
        return facts.medications().stream()
                .filter(use -> use.kind() != MedicationUse.Kind.DEVICE_REQUEST)
                .filter(recordRules::counts)
                .filter(use -> use.start() != null && use.start().isWithin(admission.admissionDate(), admission.dischargeDateOrNull()))
                .filter(use -> ConceptMatcher.matches(codeSet, use.item()))
                .sorted(EARLIEST_START);
    }

    @Override
    public boolean concerns(MedicationUse use)
    {
        return use.kind() != MedicationUse.Kind.DEVICE_REQUEST && recordRules.counts(use) && ConceptMatcher.matches(codeSet, use.item());
    }
}
