package org.casebook.analysis;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.casebook.casedata.CaseRecord;
import org.casebook.stats.KaplanMeier;
import org.casebook.stats.ProportionInterval;

import static java.util.Objects.requireNonNull;

/**
 * The uncertainty a small series needs beside its counts: a Clopper–Pearson 95% CI for every
 * outcome count n/N, inter-reader agreement in detail, and survival at the protocol's follow-up
 * day by Kaplan–Meier with its log-log CI and the median follow-up by reverse Kaplan–Meier.
 *
 * @param outcomeIntervals outcome name → exact (Clopper–Pearson) 95% CI of count/denominator, for outcomes with a denominator
 * @param agreement reader agreement details, when two readers read at least two scans
 * @param survival survival from day 0
 */
public record SeriesStatistics(Map<String, ProportionInterval.Result> outcomeIntervals, Optional<AgreementDetails> agreement, Survival survival)
{
    public SeriesStatistics
    {
        outcomeIntervals = Collections.unmodifiableMap(new LinkedHashMap<>(outcomeIntervals));
        requireNonNull(agreement, "agreement is null");
        requireNonNull(survival, "survival is null");
    }

    /**
     * Kaplan–Meier from day 0: death is the event, a patient without death is censored at the last
     * follow-up; patients with neither date (or a last follow-up before day 0) are left out.
     *
     * @param followupDay the protocol's follow-up day
     * @param patients patients in the estimate
     * @param deaths deaths among them (any day)
     * @param leftOut patients without follow-up data
     * @param atFollowupDay S(follow-up day) with its 95% log-log CI; empty when nobody was followed that long
     * @param medianFollowUp median follow-up in days by reverse Kaplan–Meier; empty when not reached
     */
    public record Survival(int followupDay, int patients, int deaths, int leftOut, Optional<KaplanMeier.SurvivalEstimate> atFollowupDay,
            OptionalDouble medianFollowUp)
    {
        public Survival
        {
            requireNonNull(atFollowupDay, "atFollowupDay is null");
            requireNonNull(medianFollowUp, "medianFollowUp is null");
        }

        /** From day 0 to the protocol's date of death (an event) or of the last follow-up (censored). */
        static Survival of(List<CaseRecord> cases, org.casebook.protocol.OutcomeDefinitions outcomes)
        {
            int followupDay = outcomes.followupDay();
            List<Integer> days = new ArrayList<>();
            List<Boolean> events = new ArrayList<>();
            int leftOut = 0;
            for (CaseRecord record : cases) {
                java.time.LocalDate death = record.date(outcomes.deathField());
                java.time.LocalDate lastFollowup = record.date(outcomes.lastFollowupField());
                if (death != null && !death.isBefore(record.dayZero())) {
                    days.add((int) ChronoUnit.DAYS.between(record.dayZero(), death));
                    events.add(true);
                }
                else if (death == null && lastFollowup != null && !lastFollowup.isBefore(record.dayZero())) {
                    days.add((int) ChronoUnit.DAYS.between(record.dayZero(), lastFollowup));
                    events.add(false);
                }
                else {
                    leftOut++;
                }
            }
            if (days.isEmpty()) {
                return new Survival(followupDay, 0, 0, leftOut, Optional.empty(), OptionalDouble.empty());
            }
            int[] dayArray = days.stream().mapToInt(Integer::intValue).toArray();
            boolean[] eventArray = new boolean[events.size()];
            for (int i = 0; i < eventArray.length; i++) {
                eventArray[i] = events.get(i);
            }
            int deaths = (int) events.stream().filter(Boolean::booleanValue).count();
            return new Survival(followupDay, dayArray.length, deaths, leftOut, KaplanMeier.fit(dayArray, eventArray).estimateAt(followupDay),
                    KaplanMeier.medianFollowUp(dayArray, eventArray));
        }
    }

    /** No statistics beyond the counts (results built without a workbook). */
    public static SeriesStatistics none(int followupDay)
    {
        return new SeriesStatistics(Map.of(), Optional.empty(), new Survival(followupDay, 0, 0, 0, Optional.empty(), OptionalDouble.empty()));
    }

    static Map<String, ProportionInterval.Result> intervals(List<OutcomeCount> outcomes)
    {
        Map<String, ProportionInterval.Result> intervals = new LinkedHashMap<>();
        for (OutcomeCount outcome : outcomes) {
            if (outcome.denominator() > 0) {
                intervals.put(outcome.name(), ProportionInterval.clopperPearson(outcome.count(), outcome.denominator()));
            }
        }
        return intervals;
    }
}
