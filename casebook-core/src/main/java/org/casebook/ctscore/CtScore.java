package org.casebook.ctscore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.numbers.fraction.Fraction;

import static java.util.Objects.requireNonNull;

/**
 * One scan's score under a scoring system: the total and its named components (for Ichikado
 * {@code ct_normal}, {@code ct_nonfibrotic}, {@code ct_fibrotic}, which add up to the total).
 *
 * <p>Scores are exact fractions: an Ichikado total is a mean over six zones (sixths), a consensus a
 * mean over readers (twelfths for two), values a double cannot hold. Kept exact from zone to
 * consensus, two scans with the same score are equal, and so are their doubles ({@link #total()},
 * the nearest double to the exact value, for the statistics that need one): ties between patients
 * are never split by round-off, and a sum such as 1/5 + 2/5 is 3/5 and not 0.6000000000000001.
 * Equality is on the exact values.
 */
public final class CtScore
{
    private final Fraction total;
    private final Map<String, Fraction> exactComponents;
    private final Map<String, Double> components;

    public CtScore(Fraction total, Map<String, Fraction> components)
    {
        this.total = requireNonNull(total, "total is null");
        this.exactComponents = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(components, "components is null")));
        Map<String, Double> nearest = new LinkedHashMap<>();
        exactComponents.forEach((name, value) -> nearest.put(name, value.doubleValue()));
        this.components = Collections.unmodifiableMap(nearest);
    }

    /** The mean of several reads of one scan, component by component: the consensus of its readers, exactly. */
    public static CtScore mean(List<CtScore> scores)
    {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no scores to average");
        }
        Fraction total = Fraction.ZERO;
        Map<String, Fraction> components = new LinkedHashMap<>();
        for (CtScore score : scores) {
            total = total.add(score.total);
            score.exactComponents.forEach((name, value) -> components.merge(name, value, Fraction::add));
        }
        components.replaceAll((name, sum) -> sum.divide(scores.size()));
        return new CtScore(total.divide(scores.size()), components);
    }

    /** The exact total. */
    public Fraction exactTotal()
    {
        return total;
    }

    /** The exact components by name, in display order. */
    public Map<String, Fraction> exactComponents()
    {
        return exactComponents;
    }

    /** The total as the nearest double (equal exact totals give equal doubles). */
    public double total()
    {
        return total.doubleValue();
    }

    /** The components as the nearest doubles, in display order. */
    public Map<String, Double> components()
    {
        return components;
    }

    /** An exact value rounded half up to {@code decimals} places, as a report prints it (1330/12 at one decimal: 110.8). */
    public static BigDecimal decimal(Fraction value, int decimals)
    {
        return new BigDecimal(value.getNumerator()).divide(new BigDecimal(value.getDenominator()), decimals, RoundingMode.HALF_UP);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof CtScore score && total.equals(score.total) && exactComponents.equals(score.exactComponents);
    }

    @Override
    public int hashCode()
    {
        return 31 * total.hashCode() + exactComponents.hashCode();
    }

    @Override
    public String toString()
    {
        return "CtScore[total=" + total + ", components=" + exactComponents + "]";
    }
}
