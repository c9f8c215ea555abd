package org.casebook.casedata;

import java.util.List;
import java.util.Optional;

import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.KazerooniRead;

import static java.util.Objects.requireNonNull;

/**
 * A study's case data as imported and validated: the cases, their measurements, CT studies, CT
 * reads under each scoring system and adverse events. Built by the workbook importer (or by EHR
 * extraction); the analysis reads nothing else.
 */
public record CaseWorkbook(
        List<CaseRecord> cases,
        List<Measurement> measurements,
        List<CtStudy> ctStudies,
        List<IchikadoRead> ichikadoReads,
        List<KazerooniRead> kazerooniReads,
        List<AdverseEvent> adverseEvents)
{
    public CaseWorkbook
    {
        cases = List.copyOf(requireNonNull(cases, "cases is null"));
        measurements = List.copyOf(requireNonNull(measurements, "measurements is null"));
        ctStudies = List.copyOf(requireNonNull(ctStudies, "ctStudies is null"));
        ichikadoReads = List.copyOf(requireNonNull(ichikadoReads, "ichikadoReads is null"));
        kazerooniReads = List.copyOf(requireNonNull(kazerooniReads, "kazerooniReads is null"));
        adverseEvents = List.copyOf(requireNonNull(adverseEvents, "adverseEvents is null"));
    }

    public Optional<CaseRecord> findCase(String patientId)
    {
        return cases.stream().filter(record -> record.patientId().equals(patientId)).findFirst();
    }

    public Optional<Measurement> findMeasurement(String patientId, String timepoint, String variable)
    {
        return measurements.stream()
                .filter(m -> m.patientId().equals(patientId) && m.timepoint().equals(timepoint) && m.variable().equals(variable))
                .findFirst();
    }
}
