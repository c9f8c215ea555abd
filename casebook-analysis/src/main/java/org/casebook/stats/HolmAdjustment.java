package org.casebook.stats;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of p-values, as R's {@code p.adjust(p, method = "holm")}: with the p
 * sorted ascending, the i-th (1-based) becomes (m − i + 1) p, then a running maximum, capped at 1;
 * the result keeps the input order. Ties keep their input order, as R's {@code order()} does.
 */
public final class HolmAdjustment
{
    private HolmAdjustment() {}

    /**
     * @throws IllegalArgumentException if a p-value is NaN or outside [0, 1]
     */
    public static double[] adjust(double[] pValues)
    {
        requireNonNull(pValues, "pValues is null");
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-value must be in [0, 1]: " + p);
            }
        }
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        // Arrays.sort on objects is stable: tied p keep their input order
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double runningMax = 0;
        for (int i = 0; i < m; i++) {
            runningMax = Math.max(runningMax, (m - i) * pValues[order[i]]);
            adjusted[order[i]] = Math.min(1, runningMax);
        }
        return adjusted;
    }
}
