package org.casebook.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import org.casebook.ctscore.CtScoringSystem;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.stats.Summary;

/** The readable summary {@code casebook analyze} prints: means as {@code 175.3 ± 50.3}. */
public final class ResultsText
{
    private ResultsText() {}

    /** One decimal, half up, on the decimal value as written (175.25 → 175.3). */
    public static String oneDecimal(double value)
    {
        return decimals(value, 1);
    }

    public static String meanSd(Summary summary)
    {
        return meanSd(summary, 1);
    }

    /** Like {@link #meanSd(Summary)} at a chosen number of decimals (two for fractions such as FiO2). */
    public static String meanSd(Summary summary, int decimals)
    {
        return decimals(summary.mean(), decimals) + " ± " + decimals(summary.sd(), decimals);
    }

    public static String decimals(double value, int decimals)
    {
        if (!Double.isFinite(value)) {
            return "–";
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * The decimals a variable's mean and SD print with: the protocol's {@code decimals} for it, as
     * the report prints them (KL-6 at 0: 1073 ± 275); without them two for a fraction (a plausible
     * range within 0–1, such as FiO2), which one decimal would leave unreadable, and one otherwise
     * (the CT scores).
     */
    public static int decimalsFor(StudyProtocol protocol, String variable)
    {
        return protocol.findVariable(variable)
                .map(spec -> spec.decimals() != null ? spec.decimals() : spec.max() <= 1 ? 2 : 1)
                .orElse(1);
    }

    /** What people call the CT score ("Ichikado score"), not its key in the protocol. */
    private static String ctScoreName(String system)
    {
        try {
            return CtScoringSystem.forName(system).label();
        }
        catch (IllegalArgumentException notASystem) {
            return system;
        }
    }

    public static String render(StudyProtocol protocol, SeriesResults results, List<String> variableOrder)
    {
        StringBuilder out = new StringBuilder();
        out.append(protocol.title()).append('\n');
        out.append("protocol ").append(protocol.id()).append(" (sha256 ").append(results.protocolSha256(), 0, 12).append("…), ")
                .append("CT score: ").append(ctScoreName(results.ctSystem())).append('\n');
        out.append("n = ").append(results.n()).append(results.n() == 1 ? " patient\n\n" : " patients\n\n");
        out.append(String.format("%-26s", "mean ± SD (n)"));
        for (TimePoint timepoint : protocol.timepoints()) {
            out.append(String.format("%-24s", timepoint.name()));
        }
        out.append('\n');
        for (String variable : variableOrder) {
            if (results.summaries().values().stream().noneMatch(byVariable -> byVariable.containsKey(variable))) {
                continue;
            }
            out.append(String.format("%-26s", variable));
            for (TimePoint timepoint : protocol.timepoints()) {
                String cell = results.findSummary(timepoint.name(), variable)
                        .map(summary -> meanSd(summary, decimalsFor(protocol, variable)) + " (" + summary.n() + ")")
                        .orElse("–");
                out.append(String.format("%-24s", cell));
            }
            out.append('\n');
        }
        out.append('\n');
        for (OutcomeCount outcome : results.outcomes()) {
            String interval = java.util.Optional.ofNullable(results.statistics().outcomeIntervals().get(outcome.name()))
                    .map(ci -> " (95% CI " + percentBound(ci.low()) + "–" + percentBound(ci.high()) + "%)").orElse("");
            out.append(String.format("%-34s %-24s %s%n", outcome.name(), outcome.count() + "/" + outcome.denominator() + interval, outcome.description()));
        }
        results.daysToDayZero().forEach((name, summary) -> summary.ifPresent(days -> out.append(String.format("%-34s median %s (range %s), n = %d%n",
                name, oneDecimal(days.median()), range(oneDecimal(days.min()), oneDecimal(days.max())), days.n()))));
        if (results.agentsField().isPresent()) {
            out.append(String.format("%-34s %s%n", "agents", agents(results.agents())));
        }
        else {
            results.agentsByField().forEach((field, agents) -> out.append(String.format("%-34s %s%n", "agents " + field, agents(agents))));
        }
        AdverseEventSummary events = results.adverseEvents();
        if (events.collected()) {
            out.append(String.format("%-34s %d events in %d patients; serious %d, non-serious %d, unrecorded %d%n",
                    "adverse_events", events.events(), events.patients(), events.serious(), events.nonSerious(), events.seriousnessUnrecorded()));
        }
        else {
            out.append(String.format("%-34s not collected (the workbook has no adverse-event sheet)%n", "adverse_events"));
        }
        results.ctAgreement().ifPresent(agreement -> out.append(String.format("%-34s %s, %d scans × %d readers%n",
                "ct_agreement", icc(agreement.icc(), agreement.ciLow(), agreement.ciHigh()), agreement.scans(), agreement.readers())));
        results.statistics().agreement().ifPresent(details -> {
            details.byTimepoint().forEach((timepoint, icc) -> out.append(String.format("%-34s %s, %d scans%n",
                    "ct_agreement_" + timepoint, icc(icc.icc(), icc.ciLow(), icc.ciHigh()), icc.nSubjects())));
            details.blandAltman().ifPresent(ba -> out.append(String.format("%-34s bias %s (95%% CI %s to %s), limits of agreement %s to %s%n",
                    "ct_bland_altman", oneDecimal(ba.bias()), oneDecimal(ba.biasCiLow()), oneDecimal(ba.biasCiHigh()),
                    oneDecimal(ba.lowerLimit()), oneDecimal(ba.upperLimit()))));
            out.append(String.format("%-34s %s%n", "ct_agreement_reads", details.readsUsed()));
        });
        out.append(String.format("%-34s %s%n", "survival_day" + results.statistics().survival().followupDay(), survival(results.statistics().survival())));
        return out.toString();
    }

    /**
     * {@code ICC(2,1) 0.912 (95% CI 0.784–0.966)}; at perfect agreement (ICC 1, no interval) or with
     * every rating equal (ICC undefined) a sentence instead of NaN.
     */
    public static String icc(double icc, double ciLow, double ciHigh)
    {
        if (Double.isNaN(icc)) {
            return "ICC(2,1) not estimable (every rating equal)";
        }
        if (Double.isNaN(ciLow) || Double.isNaN(ciHigh)) {
            return "ICC(2,1) " + decimals(icc, 3) + (icc == 1 ? " (perfect agreement; no confidence interval)" : " (confidence interval not estimable)");
        }
        return "ICC(2,1) " + decimals(icc, 3) + " (95% CI " + decimals(ciLow, 3) + "–" + decimals(ciHigh, 3) + ")";
    }

    /**
     * Kaplan–Meier survival at the follow-up day with its log-log 95% CI, and the median follow-up
     * by reverse Kaplan–Meier, e.g. {@code 83% (95% CI 27–97%) at day 90, 6 patients, 1 death; median follow-up 120 days (reverse KM)}.
     */
    public static String survival(SeriesStatistics.Survival survival)
    {
        if (survival.patients() == 0) {
            return "no patient with a death or last follow-up date";
        }
        StringBuilder text = new StringBuilder();
        survival.atFollowupDay().ifPresentOrElse(estimate -> {
            text.append("Kaplan–Meier ").append(percent(estimate.survival())).append('%');
            if (Double.isNaN(estimate.ciLow())) {
                text.append(estimate.survival() == 1 ? " (no deaths by then; no log-log CI)" : " (no log-log CI)");
            }
            else {
                text.append(" (95% CI ").append(percentBound(estimate.ciLow())).append("–").append(percentBound(estimate.ciHigh())).append("%, log-log)");
            }
            text.append(" at day ").append(survival.followupDay());
        }, () -> text.append("not estimable at day ").append(survival.followupDay()).append(" (no patient followed that long)"));
        text.append(", ").append(survival.patients()).append(" patient").append(survival.patients() == 1 ? "" : "s").append(", ")
                .append(survival.deaths()).append(" death").append(survival.deaths() == 1 ? "" : "s");
        if (survival.leftOut() > 0) {
            text.append(", ").append(survival.leftOut()).append(" without follow-up data left out");
        }
        text.append("; median follow-up ")
                .append(survival.medianFollowUp().isPresent() ? days(survival.medianFollowUp().getAsDouble()) + " days" : "not reached")
                .append(" (reverse Kaplan–Meier)");
        return text.toString();
    }

    /** A day count: whole when integral, else one decimal (a reverse-KM median can fall between two days). */
    private static String days(double days)
    {
        return decimals(days, days == Math.rint(days) ? 0 : 1);
    }

    /** A proportion as a whole percent, half up on the decimal value. */
    public static String percent(double proportion)
    {
        return decimals(proportion * 100, 0);
    }

    /**
     * A confidence bound as a percent: whole, half up, but a bound strictly between 0 and 1 never
     * prints as 0 or 100, which would say the interval reaches them: it gets the decimals (at most
     * six) that show it does not (1/8: 0.3–53, 5/6: 36–99.6). Only 0/N starts at 0 and N/N ends at 100.
     */
    public static String percentBound(double proportion)
    {
        String text = percent(proportion);
        boolean inside = proportion > 0 && proportion < 1;
        for (int decimals = 1; inside && decimals <= 6 && isZeroOrHundred(text); decimals++) {
            text = decimals(proportion * 100, decimals);
        }
        return text;
    }

    private static boolean isZeroOrHundred(String percent)
    {
        BigDecimal value = new BigDecimal(percent);
        return value.signum() == 0 || value.compareTo(BigDecimal.valueOf(100)) == 0;
    }

    private static String agents(Map<String, Integer> agents)
    {
        if (agents.isEmpty()) {
            return "none recorded";
        }
        StringBuilder text = new StringBuilder();
        agents.forEach((agent, count) -> text.append(text.length() == 0 ? "" : ", ").append(agent).append(' ').append(count));
        return text.toString();
    }

    /** A range of days: "3–7", but "-7 to -5" when a bound is negative, where a dash would read as a minus ("-7–-5"). */
    public static String range(String min, String max)
    {
        return min.startsWith("-") || max.startsWith("-") ? min + " to " + max : min + "–" + max;
    }
}
