package org.casebook.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

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

    /** Fractions (a plausible range within 0–1, such as FiO2) need two decimals to be readable. */
    public static int decimalsFor(StudyProtocol protocol, String variable)
    {
        return protocol.findVariable(variable).filter(spec -> spec.max() <= 1).isPresent() ? 2 : 1;
    }

    public static String render(StudyProtocol protocol, SeriesResults results, List<String> variableOrder)
    {
        StringBuilder out = new StringBuilder();
        out.append(protocol.title()).append('\n');
        out.append("protocol ").append(protocol.id()).append(" (sha256 ").append(results.protocolSha256(), 0, 12).append("…), ")
                .append("CT score: ").append(results.ctSystem()).append('\n');
        out.append("n = ").append(results.n()).append(" patients\n\n");
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
            out.append(String.format("%-34s %d/%d   %s%n", outcome.name(), outcome.count(), outcome.denominator(), outcome.description()));
        }
        results.daysStopToOnset().ifPresent(days -> out.append(String.format("%-34s median %s (range %s–%s), n = %d%n",
                "days_stop_to_onset", oneDecimal(days.median()), oneDecimal(days.min()), oneDecimal(days.max()), days.n())));
        if (results.seedOutcomes()) {
            out.append(String.format("%-34s %s%n", "agents", agents(results.agents())));
        }
        else {
            results.agentsByField().forEach((field, agents) -> out.append(String.format("%-34s %s%n", "agents " + field, agents(agents))));
        }
        AdverseEventSummary events = results.adverseEvents();
        out.append(String.format("%-34s %d events in %d patients; serious %d, non-serious %d, unrecorded %d%n",
                "adverse_events", events.events(), events.patients(), events.serious(), events.nonSerious(), events.seriousnessUnrecorded()));
        results.ctAgreement().ifPresent(agreement -> out.append(String.format("%-34s ICC(2,1) %.3f (95%% CI %.3f–%.3f), %d scans × %d readers%n",
                "ct_agreement", agreement.icc(), agreement.ciLow(), agreement.ciHigh(), agreement.scans(), agreement.readers())));
        return out.toString();
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
}
