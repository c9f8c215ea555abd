package org.casebook.report.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.casebook.analysis.AdverseEventSummary;
import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.OutcomeCount;
import org.casebook.analysis.SeriesResults;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.TimePoint;
import org.casebook.report.StudyData;
import org.casebook.report.table.ExploratoryTests;
import org.casebook.report.table.Formats;
import org.casebook.stats.Summary;

/**
 * The methods-and-results paragraphs an abstract needs, generated from the protocol and the
 * results: design, window, n, day 0, CT scoring and readers, agents, pulse, the CT figures as
 * mean ± SD per time point, and the counts. A count whose data are missing for everyone is left
 * out rather than reported as zero.
 */
public final class MethodsText
{
    private MethodsText() {}

    public static List<String> paragraphs(StudyData data)
    {
        return List.of(methods(data), results(data));
    }

    /** The methods in the protocol's own words (day 0, time points, CT score) and the pre-specified analysis. */
    static String methods(StudyData data)
    {
        StudyProtocol protocol = data.protocol();
        SeriesResults results = data.results();
        var schema = protocol.caseSchema();
        StringBuilder text = new StringBuilder();
        text.append("Methods. ").append(capitalize(protocol.design())).append(": ").append(results.n())
                .append(results.n() == 1 ? " patient" : " patients").append(" with an index event between ").append(protocol.studyWindow().start()).append(" and ")
                .append(protocol.studyWindow().end()).append(" (protocol ").append(protocol.id()).append("). ");
        text.append(dayZero(data)).append(". ");
        String timepoints = protocol.timepoints().stream().map(MethodsText::timepoint).collect(Collectors.joining("; "));
        text.append("Time points: ").append(timepoints);
        if (!results.scans().isEmpty()) {
            text.append(". ");
            ctMethods(text, "CT", results, protocol.timepoints().size(), timepoints);
        }
        text.append(". Continuous variables are given as mean ± SD and median [range], categorical as n/N with an exact (Clopper–Pearson) 95% CI. ")
                .append("Pre-specified analysis: time points were compared within patients by the Wilcoxon signed-rank test (exact, conditional on ties, ")
                .append("with ties and zero differences decided on values at the data's recorded precision; Holm-adjusted over the comparisons of each ")
                .append("variable) with the Hodges–Lehmann median difference and its exact 95% CI, and across all time points by the Friedman test ")
                .append("(exact permutation p in small series); no test was run with fewer than ").append(ExploratoryTests.MIN_PAIRS)
                .append(" pairs. Paired t-tests with the mean difference and its 95% CI are a sensitivity analysis.");
        if (protocol.outcomes().tracksSurvival()) {
            text.append(" Survival at day ").append(protocol.outcomes().followupDay()).append(" was estimated by Kaplan–Meier from day 0 with a log-log 95% CI, ")
                    .append("and follow-up by the reverse Kaplan–Meier method.");
        }
        text.append(" With this sample size all tests are exploratory.");
        return text.toString();
    }

    /**
     * Day 0 as the data support it: its field's label, and when some patients have only the
     * fallback date (an onset not recorded), how many were timed from it instead.
     */
    static String dayZero(StudyData data)
    {
        var schema = data.protocol().caseSchema();
        String text = "Day 0 was the " + data.dayZeroLabel();
        if (schema.dayZeroFallback() == null) {
            return text;
        }
        String fallback = StudyData.inText(schema.findField(schema.dayZeroFallback()).map(field -> field.label()).orElse(schema.dayZeroFallback()));
        long withoutOwn = data.workbook().cases().stream().filter(record -> !record.values().containsKey(schema.dayZeroField())).count();
        if (withoutOwn == data.workbook().cases().size() && withoutOwn > 0) {
            return "Day 0 was the " + fallback + " (the " + data.dayZeroLabel() + " was not recorded for any patient)";
        }
        return withoutOwn == 0 ? text : text + " (the " + fallback + " for " + withoutOwn + " patient" + (withoutOwn == 1 ? "" : "s") + " without it)";
    }

    /** The results: agents per agent field, each variable and the CT score per time point, each outcome count, survival, adverse events. */
    static String results(StudyData data)
    {
        SeriesResults results = data.results();
        List<String> sentences = new ArrayList<>();
        results.agentsByField().forEach((field, agents) -> agentSentence(data, field, agents).ifPresent(sentences::add));
        data.protocol().outcomes().findAgentsField().ifPresent(field -> agentSentence(data, field, results.agents()).ifPresent(sentences::add));
        for (var variable : data.protocol().variables()) {
            ctSentence(data, variable.name(), data.labelWithUnit(variable.name()) + " was ", data.decimals(variable.name())).ifPresent(sentences::add);
        }
        ctSentence(data, CaseSeriesAnalysis.CT_TOTAL, "The total CT score was ", 1).ifPresent(sentences::add);
        for (String component : data.ctComponents()) {
            ctSentence(data, component, "the " + StudyData.inText(data.label(component)) + " component was ", 1).ifPresent(sentences::add);
        }
        int followupDay = data.protocol().outcomes().followupDay();
        for (OutcomeCount outcome : results.outcomes()) {
            if (outcome.denominator() == 0) {
                continue;
            }
            // the vital status at the follow-up day: alive is told, died and censored follow from it
            if (outcome.name().equals("alive_day" + followupDay)) {
                sentences.add(fraction(outcome, results) + " were alive at day " + followupDay);
            }
            else if (!outcome.name().equals("died_by_day" + followupDay) && !outcome.name().equals("censored_before_day" + followupDay)) {
                sentences.add(outcomeLabel(data, outcome) + ": " + fraction(outcome, results) + notRecorded(data, outcome) + days(data, outcome));
            }
        }
        if (results.statistics().survival().patients() > 0) {
            sentences.add(survival(results));
        }
        sentences.add(adverseEvents(results.adverseEvents()));
        return "Results. " + sentences.stream().map(MethodsText::capitalize).collect(Collectors.joining(". ")) + ".";
    }

    private static Optional<String> agentSentence(StudyData data, String field, java.util.Map<String, Integer> agents)
    {
        if (agents.isEmpty()) {
            return Optional.empty();
        }
        String label = data.protocol().caseSchema().findField(field).map(f -> f.label()).orElse(field);
        // the noun agrees with the count just before it: "apixaban in 1 patient", "… baricitinib in 2 patients"
        int last = List.copyOf(agents.values()).get(agents.size() - 1);
        return Optional.of(label + ": " + agents.entrySet().stream().map(entry -> entry.getKey() + " in " + entry.getValue())
                .collect(Collectors.joining(", ")) + (last == 1 ? " patient" : " patients"));
    }

    /** An outcome as a reader reads it: its label, else its rule in words (never its name). */
    private static String outcomeLabel(StudyData data, OutcomeCount outcome)
    {
        return data.protocol().outcomes().find(outcome.name()).map(OutcomeSpec::label)
                .filter(label -> label != null && !label.equals(outcome.name()))
                .orElse(outcome.description());
    }

    /** For an outcome with a days summary: the median and range of days from its event to day 0. */
    private static String days(StudyData data, OutcomeCount outcome)
    {
        return data.protocol().outcomes().find(outcome.name()).map(OutcomeSpec::daysSummary)
                .flatMap(data.results()::findDaysToDayZero).map(MethodsText::days).orElse("");
    }

    private static void ctMethods(StringBuilder text, String imaging, SeriesResults results, int timepointCount, String timepoints)
    {
        text.append(imaging).append(" was scored with the ").append(scoreName(results.ctSystem())).append(" at ").append(timepointCount)
                .append(" time points (").append(timepoints).append(") by ").append(readers(results))
                .append("; a scan's score was the mean of its readers' scores");
        results.ctAgreement().ifPresent(agreement -> text.append(" (inter-reader ").append(icc(agreement.icc(), agreement.ciLow(), agreement.ciHigh()))
                .append(", ").append(agreement.scans()).append(" scans pooled over time points").append(byTimepoint(results)).append(")"));
        results.statistics().agreement().ifPresent(details -> {
            details.blandAltman().ifPresent(ba -> text.append("; Bland–Altman bias ").append(Formats.oneDecimal(ba.bias()))
                    .append(" (95% CI ").append(Formats.oneDecimal(ba.biasCiLow())).append(" to ").append(Formats.oneDecimal(ba.biasCiHigh()))
                    .append("), limits of agreement ").append(Formats.oneDecimal(ba.lowerLimit())).append(" to ").append(Formats.oneDecimal(ba.upperLimit())));
            text.append(". ").append(details.readsUsed().replaceAll("\\.$", ""));
        });
    }

    /** {@code ICC(2,1) 0.912 (95% CI 0.784–0.966)}, in words at perfect agreement or when not estimable. */
    private static String icc(double icc, double low, double high)
    {
        return org.casebook.analysis.ResultsText.icc(icc, low, high);
    }

    private static String byTimepoint(SeriesResults results)
    {
        return results.statistics().agreement()
                .filter(details -> !details.byTimepoint().isEmpty())
                .map(details -> "; per time point " + details.byTimepoint().entrySet().stream()
                        .map(entry -> entry.getKey() + " " + icc(entry.getValue().icc(), entry.getValue().ciLow(), entry.getValue().ciHigh())
                                .replace("ICC(2,1) ", "") + ", " + entry.getValue().nSubjects() + " scans")
                        .collect(Collectors.joining("; ")))
                .orElse("");
    }

    /** A variable's (or CT score's) mean ± SD per time point at {@code decimals}, as Table 3 prints them (FiO2 0.31 ± 0.13, not 0.3 ± 0.1). */
    private static Optional<String> ctSentence(StudyData data, String variable, String start, int decimals)
    {
        List<String> parts = new ArrayList<>();
        for (String timepoint : data.protocol().timepointNames()) {
            data.results().findSummary(timepoint, variable)
                    .ifPresent(summary -> parts.add(Formats.meanSd(summary, decimals) + " (" + data.timepointLabel(timepoint).toLowerCase(Locale.ROOT) + ")"));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(start + String.join(" → ", parts));
    }

    /** {@code 6/6 (95% CI 54–100%)}: the count with the exact interval the analysis computed. */
    private static String fraction(OutcomeCount count, SeriesResults results)
    {
        return count.count() + "/" + count.denominator() + Optional.ofNullable(results.statistics().outcomeIntervals().get(count.name()))
                .map(ci -> " (95% CI " + org.casebook.analysis.ResultsText.percentBound(ci.low()) + "–" + org.casebook.analysis.ResultsText.percentBound(ci.high()) + "%)")
                .orElse("");
    }

    /**
     * ", 2 not recorded" when the count's denominator leaves out patients without the data to
     * decide it, so a reader does not take 7/16 for the whole series of 17. Not for a status at a
     * day, whose denominator leaves out the censored: the survival sentence tells those.
     */
    private static String notRecorded(StudyData data, OutcomeCount count)
    {
        boolean status = data.protocol().outcomes().find(count.name()).map(spec -> spec.kind().equals("status_at_day")).orElse(true);
        int missing = data.workbook().cases().size() - count.denominator();
        return !status && missing > 0 ? ", " + missing + " not recorded" : "";
    }

    private static String survival(SeriesResults results)
    {
        return "survival: " + org.casebook.analysis.ResultsText.survival(results.statistics().survival());
    }

    private static String days(Summary days)
    {
        String median = Formats.number(days.median());
        return ", a median of " + median + (median.equals("1") ? " day" : " days") + " (range " + org.casebook.analysis.ResultsText.range(Formats.number(days.min()), Formats.number(days.max())) + ")";
    }

    private static String adverseEvents(AdverseEventSummary events)
    {
        if (!events.collected()) {
            return "adverse events were not collected";
        }
        if (events.events() == 0) {
            return "no adverse events were recorded";
        }
        return events.events() + " adverse event" + (events.events() == 1 ? " was" : "s were") + " recorded in " + events.patients()
                + " patient" + (events.patients() == 1 ? "" : "s") + ", " + (events.serious() == 0 ? "none" : events.serious()) + " serious";
    }

    private static String timepoint(TimePoint timepoint)
    {
        return timepoint.label().toLowerCase(Locale.ROOT) + ", days " + timepoint.fromDay() + " to " + timepoint.toDay();
    }

    private static String readers(SeriesResults results)
    {
        int readers = results.scans().stream().mapToInt(scan -> scan.byReader().size()).max().orElse(0);
        return readers == 1 ? "one reader" : readers + " readers";
    }

    private static String scoreName(String system)
    {
        return switch (system) {
            case "ichikado" -> "Ichikado score (100–600)";
            case "kazerooni" -> "Kazerooni score (0–10)";
            default -> system + " score";
        };
    }

    /** Three decimals; {@code NA} for a value that could not be estimated (an ICC from too few scans is NaN). */
    static String threeDecimals(double value)
    {
        if (!Double.isFinite(value)) {
            return "NA";
        }
        return java.math.BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String capitalize(String text)
    {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
