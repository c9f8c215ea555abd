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
