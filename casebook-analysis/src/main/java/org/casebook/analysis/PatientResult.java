package org.casebook.analysis;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.ctscore.CtScore;

import static java.util.Objects.requireNonNull;

/**
 * One patient's row of the results: values by time point and variable (CT scores as their nearest
 * doubles; {@code scores} holds the exact CT consensus by time point, {@link #findScore}), each
 * outcome (absent when it could not be decided), the days from each counted {@code event_by_day}
 * event to day 0 by the outcome's {@code days_summary} name (null when the outcome does not count
 * the patient) and the vital status at the follow-up day.
 */
public record PatientResult(
        String patientId,
        LocalDate dayZero,
        Map<String, Map<String, Double>> values,
        Map<String, CtScore> scores,
        Map<String, Boolean> outcomes,
        Map<String, Long> daysToDayZero,
        String vitalStatus)
{
    public PatientResult
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(dayZero, "dayZero is null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        scores = Map.copyOf(scores);
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        daysToDayZero = Collections.unmodifiableMap(new LinkedHashMap<>(daysToDayZero));
        requireNonNull(vitalStatus, "vitalStatus is null");
    }

    /** A CT score variable ({@code ct_total} or a component) at a time point, exactly; empty for other variables or no scan. */
    public Optional<Fraction> findScore(String timepoint, String variable)
    {
        CtScore score = scores.get(timepoint);
        return score == null ? Optional.empty() : exact(score, variable);
    }

    /** The total ({@code ct_total}) or a named component of a score, exactly. */
    static Optional<Fraction> exact(CtScore score, String variable)
    {
        return Optional.ofNullable(variable.equals(CaseSeriesAnalysis.CT_TOTAL) ? score.exactTotal() : score.exactComponents().get(variable));
    }
}
