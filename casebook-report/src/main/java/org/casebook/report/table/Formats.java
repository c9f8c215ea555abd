package org.casebook.report.table;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.casebook.analysis.ResultsText;
import org.casebook.stats.ProportionInterval;
import org.casebook.stats.Summary;

/** How numbers are printed in the report's tables and text (one place, so all outputs agree). */
public final class Formats
{
    /** Printed where a value is missing. */
    public static final String MISSING = "–";

    private Formats() {}

    public static String oneDecimal(double value)
    {
        return ResultsText.oneDecimal(value);
    }

    /** {@code value} with {@code decimals} decimals, rounded half up on its decimal value (133.05 → 133.1, 1073.5 → 1074 at 0). */
    public static String fixed(double value, int decimals)
    {
        return ResultsText.decimals(value, decimals);
    }

    /** {@code 175.3 ± 50.3} at {@code decimals}; the mean alone when the SD is undefined (n = 1). */
    public static String meanSd(Summary summary, int decimals)
    {
        return Double.isNaN(summary.sd()) ? fixed(summary.mean(), decimals) : fixed(summary.mean(), decimals) + " ± " + fixed(summary.sd(), decimals);
    }

    /** {@code 181.7 [120.0–240.0]} at {@code decimals}. */
    public static String medianRange(Summary summary, int decimals)
    {
        return fixed(summary.median(), decimals) + " [" + fixed(summary.min(), decimals) + "–" + fixed(summary.max(), decimals) + "]";
    }

    /** {@code 175.3 ± 50.3}; {@code 175.3} alone when the SD is undefined (n = 1). */
    public static String meanSd(Summary summary)
    {
        return Double.isNaN(summary.sd()) ? oneDecimal(summary.mean()) : ResultsText.meanSd(summary);
    }

    /** {@code 181.7 [120.0–240.0]}. */
    public static String medianRange(Summary summary)
    {
        return oneDecimal(summary.median()) + " [" + oneDecimal(summary.min()) + "–" + oneDecimal(summary.max()) + "]";
    }

    /** A CT scoring system as a reader names it: {@code ichikado} → {@code Ichikado} (a person's name, never the protocol's key). */
    public static String ctSystemName(String system)
    {
        return system.isEmpty() ? system : Character.toUpperCase(system.charAt(0)) + system.substring(1);
    }

    /** {@code 3/6 (50%)}: the count, its denominator and the whole percent (half up). */
    public static String countOf(int count, int denominator)
    {
        if (denominator == 0) {
            return "0/0";
        }
        BigDecimal percent = BigDecimal.valueOf(100L * count).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP);
        return count + "/" + denominator + " (" + percent.toPlainString() + "%)";
    }

    /**
     * {@code 4/6 (67%; 95% CI 22–96)}: the count, its denominator, the whole percent and the exact
     * (Clopper–Pearson) 95% confidence interval in whole percent; {@code 0/0} without a denominator.
     */
    public static String countWithInterval(int count, int denominator)
    {
        if (denominator == 0) {
            return "0/0";
        }
        ProportionInterval.Result ci = ProportionInterval.clopperPearson(count, denominator);
        String counted = countOf(count, denominator);
        return counted.substring(0, counted.length() - 1) + "; 95% CI " + ResultsText.percentBound(ci.low()) + "–" + ResultsText.percentBound(ci.high()) + ")";
    }

    /** The footnote sentence naming the interval {@link #countWithInterval} prints. */
    public static final String COUNT_INTERVAL_NOTE = "95% CI: exact (Clopper–Pearson) 95% confidence interval of the percentage.";

    /** A p-value as journals print it: three decimals, {@code <0.001} below that. */
    public static String pValue(double p)
    {
        if (Double.isNaN(p)) {
            return MISSING;
        }
        if (p < 0.001) {
            return "<0.001";
        }
        return BigDecimal.valueOf(p).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /** A whole number, without a decimal point when the value is integral ({@code 15}, {@code 7.5}). */
    public static String number(double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public static String yesNo(Boolean value)
    {
        if (value == null) {
            return MISSING;
        }
        return value ? "yes" : "no";
    }
}
