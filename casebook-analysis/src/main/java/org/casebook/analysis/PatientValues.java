package org.casebook.analysis;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.casebook.casedata.CaseRecord;

import static java.util.Objects.requireNonNull;

/**
 * One patient's case record and values by time point and variable (measurements in the
 * protocol's units, CT scores as the consensus of the readers): what outcome rules look at.
 */
public record PatientValues(CaseRecord record, Map<String, Map<String, Double>> values)
{
    public PatientValues
    {
        requireNonNull(record, "record is null");
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        requireNonNull(values, "values is null").forEach((timepoint, byVariable) -> copy.put(timepoint, Map.copyOf(byVariable)));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public String patientId()
    {
        return record.patientId();
    }

    public Optional<Double> find(String timepoint, String variable)
    {
        return Optional.ofNullable(values.getOrDefault(timepoint, Map.of()).get(variable));
    }

    /**
     * The value as the decimal it was written as, so that thresholds such as "a 10% decline" are
     * decided exactly rather than in binary floating point.
     */
    public Optional<BigDecimal> findDecimal(String timepoint, String variable)
    {
        return find(timepoint, variable).map(BigDecimal::valueOf);
    }
}
