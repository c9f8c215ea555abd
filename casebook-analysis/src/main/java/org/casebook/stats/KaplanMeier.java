package org.casebook.stats;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kaplan–Meier estimate of survival from day 0 with right censoring, as R's
 * {@code survival::survfit(Surv(time, status) ~ 1)} (type "kaplan-meier", Greenwood variance).
 *
 * <p>{@link #steps()} has one row per distinct observed day (event or censoring), like the survfit
 * object's {@code time, n.risk, n.event, n.censor, surv} and {@code surv * std.err};
 * {@link #eventSteps()} keeps the days with an event, like {@code summary(fit)}. The standard error
 * of S(t) is Greenwood's S(t) √Σ d/(n(n − d)); once S reaches 0 it is NaN, as in R.
 * A subject censored on day t is at risk on day t.
 *
 * <p>Input: one follow-up day (≥ 0) and one event flag per patient, e.g. days from acute
 * exacerbation to death ({@code true}) or last contact ({@code false}).
 */
public final class KaplanMeier
{
    /**
     * @param day follow-up day
     * @param atRisk patients with follow-up ≥ day
     * @param events events on that day
     * @param censored patients censored on that day
     * @param survival S(day), just after the day's events
     * @param standardError Greenwood standard error of S(day)
     */
    public record Step(int day, int atRisk, int events, int censored, double survival, double standardError) {}

    /**
     * S(day) with its log-log confidence interval, as R's
     * {@code summary(survfit(Surv(time, status) ~ 1, conf.type = "log-log"), times = day)}:
     * S^exp(±z σ / log S) with σ = √Σ d/(n(n − d)) (Greenwood, on the log scale). The bounds are NaN
     * when S is 0 or 1 (no event yet: R gives NA).
     *
     * @param atRisk patients still at risk on the day
     */
    public record SurvivalEstimate(int day, double survival, double standardError, double ciLow, double ciHigh, int atRisk) {}

    private static final double QUANTILE_TOLERANCE = Math.sqrt(Math.ulp(1.0));

    private final List<Step> steps;
    private final int[] sortedDays;

    private KaplanMeier(List<Step> steps, int[] sortedDays)
    {
        this.steps = List.copyOf(steps);
        this.sortedDays = sortedDays;
    }

    /**
     * @param days follow-up day of each patient, from day 0
     * @param events whether the patient had the event on that day ({@code false}: censored)
     * @throws IllegalArgumentException if the arrays are empty, differ in length or a day is negative
     */
    public static KaplanMeier fit(int[] days, boolean[] events)
    {
        requireNonNull(days, "days is null");
        requireNonNull(events, "events is null");
        if (days.length != events.length) {
            throw new IllegalArgumentException("days and events differ in length: " + days.length + " and " + events.length);
        }
        if (days.length == 0) {
            throw new IllegalArgumentException("no patients");
        }
        for (int day : days) {
            if (day < 0) {
                throw new IllegalArgumentException("follow-up day must not be negative: " + day);
            }
        }
        int[] sorted = days.clone();
        Arrays.sort(sorted);
        return new KaplanMeier(estimate(days, events, sorted), sorted);
    }

    private static List<Step> estimate(int[] days, boolean[] events, int[] sortedDays)
    {
        List<Step> steps = new ArrayList<>();
        double survival = 1;
        double greenwoodSum = 0;
        for (int day : Arrays.stream(sortedDays).distinct().toArray()) {
            int atRisk = countAtRisk(sortedDays, day);
            int eventCount = countOnDay(days, events, day, true);
            if (eventCount > 0) {
                survival *= 1 - (double) eventCount / atRisk;
                greenwoodSum += (double) eventCount / ((double) atRisk * (atRisk - eventCount));
            }
            int censoredCount = countOnDay(days, events, day, false);
            steps.add(new Step(day, atRisk, eventCount, censoredCount, survival, survival * Math.sqrt(greenwoodSum)));
        }
        return steps;
    }

    private static int countOnDay(int[] days, boolean[] events, int day, boolean event)
    {
        int count = 0;
        for (int i = 0; i < days.length; i++) {
            if (days[i] == day && events[i] == event) {
                count++;
            }
        }
        return count;
    }

    /** Every distinct observed day, in order. */
    public List<Step> steps()
    {
        return steps;
    }

    /** The days with at least one event, as {@code summary(fit)} prints them. */
    public List<Step> eventSteps()
    {
        return steps.stream().filter(step -> step.events() > 0).toList();
    }

    /**
     * Patients still at risk (follow-up ≥ day) on each requested day, as
     * {@code summary(fit, times = days, extend = TRUE)$n.risk}; used for the numbers below a KM plot.
     *
     * @throws IllegalArgumentException if a day is negative
     */
    public int[] numberAtRisk(int[] days)
    {
        requireNonNull(days, "days is null");
        return Arrays.stream(days)
                .map(day -> {
                    if (day < 0) {
                        throw new IllegalArgumentException("day must not be negative: " + day);
                    }
                    return countAtRisk(sortedDays, day);
                })
                .toArray();
    }

    /**
     * S(day) with a 95% log-log confidence interval; past the last observed day 0 when the curve
     * fell to 0 there (everyone left at risk died), else empty (nobody was followed that long: S is
     * not estimated there).
     */
    public java.util.Optional<SurvivalEstimate> estimateAt(int day)
    {
        return estimateAt(day, 0.95);
    }

    /** As {@link #estimateAt(int)} at a chosen confidence level. */
    public java.util.Optional<SurvivalEstimate> estimateAt(int day, double confidenceLevel)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1): " + confidenceLevel);
        }
        if (day < 0) {
            return java.util.Optional.empty();
        }
        if (day > sortedDays[sortedDays.length - 1]) {
            // past the last observed day S is known only when the curve fell to 0 (the last at risk died):
            // it stays 0, as summary(fit, times = day, extend = TRUE) gives it; else nobody was followed that long
            boolean fellToZero = !steps.isEmpty() && steps.get(steps.size() - 1).survival() == 0;
            return fellToZero ? java.util.Optional.of(new SurvivalEstimate(day, 0, Double.NaN, Double.NaN, Double.NaN, 0)) : java.util.Optional.empty();
        }
        double survival = 1;
        double greenwoodSum = 0;
        for (Step step : steps) {
            if (step.day() > day) {
                break;
            }
            if (step.events() > 0) {
                survival = step.survival();
                greenwoodSum += (double) step.events() / ((double) step.atRisk() * (step.atRisk() - step.events()));
            }
        }
        double low = Double.NaN;
        double high = Double.NaN;
        if (survival > 0 && survival < 1) {
            double z = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confidenceLevel) / 2);
            double exponent = z * Math.sqrt(greenwoodSum) / Math.log(survival);
            double a = Math.pow(survival, Math.exp(exponent));
            double b = Math.pow(survival, Math.exp(-exponent));
            low = Math.min(a, b);
            high = Math.max(a, b);
        }
        double standardError = survival > 0 ? survival * Math.sqrt(greenwoodSum) : Double.NaN;
        return java.util.Optional.of(new SurvivalEstimate(day, survival, standardError, low, high, countAtRisk(sortedDays, day)));
    }

    /**
     * The median of the curve, as R's {@code quantile(fit, 0.5)} (survival 3.5): the first day on
     * which S ≤ 0.5; when S is exactly 0.5 there, the midpoint of that day and the next day the curve
     * drops. Empty when S never falls to 0.5.
     */
    public java.util.OptionalDouble median()
    {
        List<Step> drops = eventSteps();
        for (int i = 0; i < drops.size(); i++) {
            double survival = drops.get(i).survival();
            if (Math.abs(survival - 0.5) < QUANTILE_TOLERANCE) {
                return java.util.OptionalDouble.of(i + 1 < drops.size() ? (drops.get(i).day() + drops.get(i + 1).day()) / 2.0 : drops.get(i).day());
            }
            if (survival < 0.5) {
                return java.util.OptionalDouble.of(drops.get(i).day());
            }
        }
        return java.util.OptionalDouble.empty();
    }

    /**
     * Median follow-up by the reverse Kaplan–Meier method (Schemper and Smith 1996): the median of
     * the curve with censoring as the event and deaths censored, as R's
     * {@code quantile(survfit(Surv(time, 1 - status) ~ 1), 0.5)}. Empty when that curve does not reach 0.5.
     */
    public static java.util.OptionalDouble medianFollowUp(int[] days, boolean[] events)
    {
        requireNonNull(events, "events is null");
        boolean[] censored = new boolean[events.length];
        for (int i = 0; i < events.length; i++) {
            censored[i] = !events[i];
        }
        return fit(days, censored).median();
    }

    /** S(t): the right-continuous step function, 1 before the first event. */
    public double survivalAt(double day)
    {
        double survival = 1;
        for (Step step : steps) {
            if (step.day() > day) {
                break;
            }
            survival = step.survival();
        }
        return survival;
    }

    private static int countAtRisk(int[] sortedDays, int day)
    {
        int index = Arrays.binarySearch(sortedDays, day);
        if (index < 0) {
            return sortedDays.length - (-index - 1);
        }
        // binarySearch finds any of equal days: step back to the first
        while (index > 0 && sortedDays[index - 1] == day) {
            index--;
        }
        return sortedDays.length - index;
    }
}
