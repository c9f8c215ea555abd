package org.casebook.report.table;

import java.util.ArrayList;
import java.util.List;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.report.StudyData;
import org.casebook.stats.PairedTTest;
import org.casebook.stats.Summary;
import org.casebook.stats.WilcoxonSignedRank;

import static org.casebook.report.table.Formats.MISSING;
import static org.casebook.report.table.Formats.oneDecimal;
import static org.casebook.report.table.Formats.pValue;

/**
 * Table 3, the time points: the CT total and its components, P/F and %FVC per time point (mean ±
 * SD, median [min–max], n from the analysis' summaries) with the Friedman test for variables
 * measured at every time point, and Table 3b, the pairwise exploratory tests (see
 * {@link ExploratoryTests}).
 */
public final class TimepointTable
{
    public static final String ID = "table3_timepoints";
    public static final String PAIRWISE_ID = "table3b_pairwise_tests";

    private TimepointTable() {}

    /**
     * The variables of Table 3 that have values at some time point: the CT total and its components,
     * then the protocol's {@code report.table3.variables} (the seed: P/F and %FVC), or without them
     * every variable of the protocol in its order.
     */
    public static List<String> variables(StudyData data)
    {
        List<String> variables = new ArrayList<>();
        variables.add(CaseSeriesAnalysis.CT_TOTAL);
        variables.addAll(data.ctComponents());
        data.protocol().report().findTable3().ifPresentOrElse(
                layout -> variables.addAll(layout.variables()),
                () -> data.protocol().variables().forEach(variable -> variables.add(variable.name())));
        return variables.stream()
                .filter(variable -> data.results().summaries().values().stream().anyMatch(byVariable -> byVariable.containsKey(variable)))
                .toList();
    }

    public static ReportTable build(StudyData data)
    {
        List<String> timepoints = data.protocol().timepointNames();
        List<String> columns = new ArrayList<>(List.of("Variable", "Statistic"));
        timepoints.stream().map(data::timepointLabel).forEach(columns::add);
        columns.add("Friedman test (exploratory)");
        ReportTable.Builder table = new ReportTable.Builder(ID, "Table 3. Time points", columns).grouped();
        for (String variable : variables(data)) {
            String label = data.labelWithUnit(variable);
            boolean everyTimepoint = timepoints.stream().allMatch(tp -> data.results().findSummary(tp, variable).isPresent());
            String friedman = everyTimepoint ? friedman(ExploratoryTests.friedman(data, variable)) : "not measured at every time point";
            int decimals = data.decimals(variable);
            table.row(row(label, "Mean ± SD", timepoints, data, variable, summary -> Formats.meanSd(summary, decimals), friedman));
            table.row(row(label, "Median [min–max]", timepoints, data, variable, summary -> Formats.medianRange(summary, decimals), ""));
            table.row(row(label, "n", timepoints, data, variable, summary -> Integer.toString(summary.n()), ""));
        }
        if (!data.results().scans().isEmpty()) {
            table.note("CT scores: " + Formats.ctSystemName(data.results().ctSystem()) + ", the mean of the readers; components add up to the total.");
        }
        return table
                .note("Friedman test across all time points, patients with a value at every time point, on values rounded to the data's precision; "
                        + "exact permutation p (ties kept) for small series, marked (exact), otherwise chi-squared; exploratory, not adjusted. "
                        + "Not tested with fewer than " + ExploratoryTests.MIN_PAIRS + " patients (n < " + ExploratoryTests.MIN_PAIRS + ").")
                .note("Values at each variable's decimals (the protocol's); " + MISSING + " not measured at that time point (no patient has it). "
                        + "n: patients with a value.")
                .build();
    }

    /** Table 3b's analysis labels: the pre-specified test and the sensitivity analysis. */
    public static final String PRIMARY = "Wilcoxon";
    public static final String SENSITIVITY = "paired t (sensitivity)";

    /** Table 3b's columns. */
    public static final List<String> PAIRWISE_COLUMNS = List.of("Variable", "Comparison", "Pairs", "Analysis", "Estimate (95% CI)", "Statistic", "p",
            "Holm-adjusted p", "Method");

    public static ReportTable buildPairwise(StudyData data)
    {
        ReportTable.Builder table = new ReportTable.Builder(PAIRWISE_ID, "Table 3b. Pairwise comparisons of time points (exploratory)", PAIRWISE_COLUMNS)
                .grouped();
        for (String variable : variables(data)) {
            for (ExploratoryTests.Pairwise pair : ExploratoryTests.pairwise(data, variable)) {
                // the time points' labels, or their names where the protocol says so (the seed)
                boolean names = data.protocol().report().findTable3().map(layout -> layout.timepointNames()).orElse(false);
                String comparison = names ? pair.from() + " → " + pair.to() : data.timepointLabel(pair.from()) + " → " + data.timepointLabel(pair.to());
                pairRows(data.labelWithUnit(variable), comparison, pair).forEach(table::row);
            }
        }
        return table
                .note("Pre-specified: Wilcoxon signed-rank test, later vs earlier, two-sided; HL = Hodges–Lehmann median difference (later − earlier) "
                        + "with its exact 95% CI; Holm adjustment over the Wilcoxon tests of one variable. Ties and zero differences are decided at the data's "
                        + "precision; below " + WilcoxonSignedRank.EXACT_LIMIT + " pairs p is exact, with ties or zeros (dropped) from the exact permutation "
                        + "distribution of the tied ranks (exact conditional, as coin::wilcoxsign_test), from " + WilcoxonSignedRank.EXACT_LIMIT
                        + " pairs the normal approximation with continuity correction.")
                .note("Sensitivity analysis: paired t-test, mean difference (later − earlier) with its 95% t interval, unadjusted. "
                        + "All tests exploratory; not tested with fewer than " + ExploratoryTests.MIN_PAIRS + " pairs (n < " + ExploratoryTests.MIN_PAIRS + ").")
                .build();
    }

    private static List<String> row(String label, String statistic, List<String> timepoints, StudyData data, String variable,
            java.util.function.Function<Summary, String> format, String last)
    {
        List<String> row = new ArrayList<>(List.of(label, statistic));
        for (String timepoint : timepoints) {
            row.add(data.results().findSummary(timepoint, variable).map(format).orElse(MISSING));
        }
        row.add(last);
        return row;
    }

    private static String friedman(ExploratoryTests.Friedman friedman)
    {
        return friedman.result()
                .map(result -> "χ²(" + result.degreesOfFreedom() + ") = " + twoDecimals(result.statistic()) + ", " + pEquals(result.pValue())
                        + (result.exact() ? " (exact)" : "") + ", n = " + result.blocks())
                .orElse("not tested: " + friedman.reason());
    }

    private static List<List<String>> pairRows(String label, String comparison, ExploratoryTests.Pairwise pair)
    {
        String pairs = Integer.toString(pair.pairs());
        if (pair.wilcoxon().isEmpty()) {
            return List.of(List.of(label, comparison, pairs, PRIMARY, MISSING, MISSING, MISSING, MISSING, pair.reason()));
        }
        WilcoxonSignedRank.Result wilcoxon = pair.wilcoxon().get();
        String method = switch (wilcoxon.method()) {
            case EXACT -> "exact";
            case EXACT_CONDITIONAL -> "exact conditional" + approximationReason(wilcoxon);
            case NORMAL_APPROXIMATION_CONTINUITY_CORRECTED -> "normal approx., continuity corr." + approximationReason(wilcoxon);
            case NOT_COMPUTED -> "not computed: all differences zero";
        };
        String estimate = pair.hodgesLehmann().map(TimepointTable::hodgesLehmann).orElse(MISSING);
        List<String> primary = List.of(label, comparison, pairs, PRIMARY, estimate,
                wilcoxon.findPValue().isPresent() ? "V = " + Formats.number(wilcoxon.statistic()) : MISSING, pValue(wilcoxon.pValue()),
                pair.holmP().map(Formats::pValue).orElse(MISSING), method);
        List<String> sensitivity = pair.tTest()
                .map(t -> List.of(label, comparison, pairs, SENSITIVITY, "mean " + difference(t),
                        "t(" + Formats.number(t.degreesOfFreedom()) + ") = " + twoDecimals(t.statistic()), pValue(t.pValue()), MISSING, "unadjusted"))
                .orElse(List.of(label, comparison, pairs, SENSITIVITY, MISSING, MISSING, MISSING, MISSING,
                        pair.reason().isEmpty() ? "not computed" : pair.reason()));
        return List.of(primary, sensitivity);
    }

    /** {@code HL 68.3 (58.6 to 78.1)}, the Hodges–Lehmann median difference; the achieved level when the pairs cannot reach 95% (n ≤ 5). */
    private static String hodgesLehmann(org.casebook.stats.HodgesLehmann.Result hl)
    {
        String level = hl.achievedConfidence() < 0.95
                ? "; " + java.math.BigDecimal.valueOf(hl.achievedConfidence() * 100).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "% CI"
                : "";
        return "HL " + oneDecimal(hl.estimate()) + " (" + oneDecimal(hl.ciLow()) + " to " + oneDecimal(hl.ciHigh()) + level + ")";
    }

    /** {@code p = 0.031}, or {@code p < 0.001}. */
    static String pEquals(double p)
    {
        String formatted = pValue(p);
        return formatted.startsWith("<") ? "p " + formatted.replace("<", "< ") : "p = " + formatted;
    }

    private static String approximationReason(WilcoxonSignedRank.Result wilcoxon)
    {
        List<String> reasons = new ArrayList<>();
        if (wilcoxon.hasTies()) {
            reasons.add("ties");
        }
        if (wilcoxon.zeros() > 0) {
            reasons.add(wilcoxon.zeros() + " zero" + (wilcoxon.zeros() == 1 ? "" : "s"));
        }
        if (wilcoxon.n() >= WilcoxonSignedRank.EXACT_LIMIT) {
            reasons.add("n ≥ " + WilcoxonSignedRank.EXACT_LIMIT);
        }
        return reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")";
    }

    private static String difference(PairedTTest.Result t)
    {
        return oneDecimal(t.meanDifference()) + " (" + oneDecimal(t.ciLow()) + " to " + oneDecimal(t.ciHigh()) + ")";
    }

    static String twoDecimals(double value)
    {
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
