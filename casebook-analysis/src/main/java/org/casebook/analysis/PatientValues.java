package org.casebook.analysis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.numbers.fraction.BigFraction;
import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.casedata.CaseRecord;
import org.casebook.ctscore.CtScore;

import static java.util.Objects.requireNonNull;

/**
 * One patient's case record and values by time point and variable (measurements in the
 * protocol's units, CT scores as the consensus of the readers): what outcome rules look at.
 * {@code scores} are the CT consensus scores by time point, exact ({@link #findExact}).
 */
public record PatientValues(CaseRecord record, Map<String, Map<String, Double>> values, Map<String, CtScore> scores)
{
    public PatientValues
    {
        requireNonNull(record, "record is null");
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        requireNonNull(values, "values is null").forEach((timepoint, byVariable) -> copy.put(timepoint, Map.copyOf(byVariable)));
        values = java.util.Collections.unmodifiableMap(copy);
        scores = Map.copyOf(requireNonNull(scores, "scores is null"));
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

    /**
     * The value exactly: a CT score (total or component) as the fraction it is (sixths, twelfths,
     * which no decimal holds), any other value as the decimal it was written as. Outcome rules on
     * a CT score ("fell by ≥ 10%") are decided on these.
     */
    public Optional<BigFraction> findExact(String timepoint, String variable)
    {
        CtScore score = scores.get(timepoint);
        Optional<Fraction> exact = score == null ? Optional.empty() : PatientResult.exact(score, variable);
        if (exact.isPresent()) {
            return Optional.of(BigFraction.of(exact.get().getNumerator(), exact.get().getDenominator()));
        }
        return findDecimal(timepoint, variable).map(PatientValues::fraction);
    }

    /** A decimal as the exact fraction it is (12.35 → 247/20). */
    public static BigFraction fraction(BigDecimal decimal)
    {
        return decimal.scale() >= 0
                ? BigFraction.of(decimal.unscaledValue(), BigInteger.TEN.pow(decimal.scale()))
                : BigFraction.of(decimal.toBigInteger());
    }
}
