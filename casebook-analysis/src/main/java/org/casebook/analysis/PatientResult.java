package org.casebook.analysis;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One patient's row of the results: values by time point and variable, each outcome (absent
 * when it could not be decided), the days from each counted {@code event_by_day} event to day 0 by
 * the outcome's {@code days_summary} name (null when the outcome does not count the patient) and the
 * vital status at the follow-up day.
 */
public record PatientResult(
        String patientId,
        LocalDate dayZero,
        Map<String, Map<String, Double>> values,
        Map<String, Boolean> outcomes,
        Map<String, Long> daysToDayZero,
        String vitalStatus)
{
    public PatientResult
    {
        requireNonNull(patientId, "patientId is null");
        requireNonNull(dayZero, "dayZero is null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        daysToDayZero = Collections.unmodifiableMap(new LinkedHashMap<>(daysToDayZero));
        requireNonNull(vitalStatus, "vitalStatus is null");
    }
}
