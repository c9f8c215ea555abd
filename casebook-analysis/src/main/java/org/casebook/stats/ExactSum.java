package org.casebook.stats;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.numbers.fraction.BigFraction;
import org.apache.commons.numbers.fraction.Fraction;

/**
 * The exact sum of many fractions of few denominators (CT scores: sixths, twelfths): the numerators
 * are added per denominator in a {@code long}, then the few sums as fractions. Adding 300,000
 * fractions one by one would reduce by a gcd at every step.
 */
final class ExactSum
{
    private ExactSum() {}

    static BigFraction of(Iterable<Fraction> values)
    {
        Map<Integer, Long> numerators = new HashMap<>();
        for (Fraction value : values) {
            numerators.merge(value.getDenominator(), (long) value.getNumerator(), Math::addExact);
        }
        BigFraction sum = BigFraction.ZERO;
        for (Map.Entry<Integer, Long> entry : numerators.entrySet()) {
            sum = sum.add(BigFraction.of(BigInteger.valueOf(entry.getValue()), BigInteger.valueOf(entry.getKey())));
        }
        return sum;
    }
}
