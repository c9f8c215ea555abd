package org.casebook.casedata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.KazerooniRead;

import static java.util.Objects.requireNonNull;

/**
 * A study's case data as imported and validated: the cases, their measurements, CT studies, CT
 * reads under each scoring system and adverse events. Built by the workbook importer (or by EHR
 * extraction); the analysis reads nothing else.
 *
 * <p>A value class, not a record, only so that it can keep each patient's rows indexed: the
 * report looks a patient's case, measurements and events up once per patient, and searching the
 * whole series each time made a 10,000-patient report quadratic.
 */
public final class CaseWorkbook
{
    private final List<CaseRecord> cases;
    private final List<Measurement> measurements;
    private final List<CtStudy> ctStudies;
    private final List<IchikadoRead> ichikadoReads;
    private final List<KazerooniRead> kazerooniReads;
    private final List<AdverseEvent> adverseEvents;
    private final boolean adverseEventsCollected;

    private final Map<String, CaseRecord> caseById = new HashMap<>();
    private final Map<String, List<Measurement>> measurementsByPatient;
    private final Map<String, List<AdverseEvent>> eventsByPatient;

    public CaseWorkbook(
            List<CaseRecord> cases,
            List<Measurement> measurements,
            List<CtStudy> ctStudies,
            List<IchikadoRead> ichikadoReads,
            List<KazerooniRead> kazerooniReads,
            List<AdverseEvent> adverseEvents)
    {
        this(cases, measurements, ctStudies, ichikadoReads, kazerooniReads, adverseEvents, true);
    }

    /**
     * @param adverseEventsCollected false when the workbook has no adverse-event sheet at all (a
     *        screening output, a study that did not collect them): its reports say "not collected",
     *        never "none recorded"
     */
    public CaseWorkbook(
            List<CaseRecord> cases,
            List<Measurement> measurements,
            List<CtStudy> ctStudies,
            List<IchikadoRead> ichikadoReads,
            List<KazerooniRead> kazerooniReads,
            List<AdverseEvent> adverseEvents,
            boolean adverseEventsCollected)
    {
        this.adverseEventsCollected = adverseEventsCollected;
        this.cases = List.copyOf(requireNonNull(cases, "cases is null"));
        this.measurements = List.copyOf(requireNonNull(measurements, "measurements is null"));
        this.ctStudies = List.copyOf(requireNonNull(ctStudies, "ctStudies is null"));
        this.ichikadoReads = List.copyOf(requireNonNull(ichikadoReads, "ichikadoReads is null"));
        this.kazerooniReads = List.copyOf(requireNonNull(kazerooniReads, "kazerooniReads is null"));
        this.adverseEvents = List.copyOf(requireNonNull(adverseEvents, "adverseEvents is null"));
        for (CaseRecord record : this.cases) {
            caseById.putIfAbsent(record.patientId(), record);
        }
        this.measurementsByPatient = byPatient(this.measurements, Measurement::patientId);
        this.eventsByPatient = byPatient(this.adverseEvents, AdverseEvent::patientId);
    }

    public List<CaseRecord> cases()
    {
        return cases;
    }

    public List<Measurement> measurements()
    {
        return measurements;
    }

    public List<CtStudy> ctStudies()
    {
        return ctStudies;
    }

    public List<IchikadoRead> ichikadoReads()
    {
        return ichikadoReads;
    }

    public List<KazerooniRead> kazerooniReads()
    {
        return kazerooniReads;
    }

    public List<AdverseEvent> adverseEvents()
    {
        return adverseEvents;
    }

    /** Whether adverse events were collected at all (an adverse-event sheet, even empty); false: none can be reported as absent. */
    public boolean adverseEventsCollected()
    {
        return adverseEventsCollected;
    }

    /** The first case of the patient. */
    public Optional<CaseRecord> findCase(String patientId)
    {
        return Optional.ofNullable(caseById.get(patientId));
    }

    /** The patient's measurements, in workbook order. */
    public List<Measurement> measurementsOf(String patientId)
    {
        return measurementsByPatient.getOrDefault(patientId, List.of());
    }

    /** The patient's adverse events, in workbook order. */
    public List<AdverseEvent> adverseEventsOf(String patientId)
    {
        return eventsByPatient.getOrDefault(patientId, List.of());
    }

    /** The patient's first measurement of the variable at the time point. */
    public Optional<Measurement> findMeasurement(String patientId, String timepoint, String variable)
    {
        return measurementsOf(patientId).stream()
                .filter(m -> m.timepoint().equals(timepoint) && m.variable().equals(variable))
                .findFirst();
    }

    private static <T> Map<String, List<T>> byPatient(List<T> rows, Function<T, String> patientId)
    {
        Map<String, List<T>> grouped = new HashMap<>();
        for (T row : rows) {
            grouped.computeIfAbsent(patientId.apply(row), id -> new ArrayList<>()).add(row);
        }
        grouped.replaceAll((id, list) -> List.copyOf(list));
        return grouped;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof CaseWorkbook that
                && cases.equals(that.cases)
                && measurements.equals(that.measurements)
                && ctStudies.equals(that.ctStudies)
                && ichikadoReads.equals(that.ichikadoReads)
                && kazerooniReads.equals(that.kazerooniReads)
                && adverseEvents.equals(that.adverseEvents);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(cases, measurements, ctStudies, ichikadoReads, kazerooniReads, adverseEvents);
    }

    @Override
    public String toString()
    {
        return "CaseWorkbook[" + cases.size() + " cases, " + measurements.size() + " measurements, " + ctStudies.size() + " CT studies, "
                + (ichikadoReads.size() + kazerooniReads.size()) + " CT reads, " + adverseEvents.size() + " adverse events]";
    }
}
