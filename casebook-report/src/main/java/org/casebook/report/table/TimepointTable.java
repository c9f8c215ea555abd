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
     * then P/F and %FVC for the seed study, or every variable of the protocol in its order for any other.
     */
    public static List<String> variables(StudyData data)
    {
        List<String> variables = new ArrayList<>();
        variables.add(CaseSeriesAnalysis.CT_TOTAL);
        variables.addAll(data.ctComponents());
        if (data.seedStudy()) {
            variables.addAll(List.of("pf_ratio", "fvc_percent_predicted"));
        }
        else {
            data.protocol().variables().forEach(variable -> variables.add(variable.name()));
        }
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
            table.row(row(label, "Mean ± SD", timepoints, data, variable, Formats::meanSd, friedman));
            table.row(row(label, "Median [min–max]", timepoints, data, variable, Formats::medianRange, ""));
            table.row(row(label, "n", timepoints, data, variable, summary -> Integer.toString(summary.n()), ""));
        }
        if (data.seedStudy() || !data.results().scans().isEmpty()) {
            table.note("CT scores: " + data.results().ctSystem() + ", the mean of the readers; components add up to the total.");
        }
        return table
                .note("Friedman test across all time points, patients with a value at every time point; exploratory, not adjusted. "
                        + "No p-value on fewer than " + ExploratoryTests.MIN_PAIRS + " patients.")
                .build();
    }

    public static ReportTable buildPairwise(StudyData data)
    {
        ReportTable.Builder table = new ReportTable.Builder(PAIRWISE_ID, "Table 3b. Pairwise comparisons of time points (exploratory)",
                List.of("Variable", "Comparison", "Pairs", "Wilcoxon V", "Wilcoxon p", "Method", "Holm-adjusted p", "Mean difference (95% CI)", "Paired t-test p"))
                .grouped();
        for (String variable : variables(data)) {
            for (ExploratoryTests.Pairwise pair : ExploratoryTests.pairwise(data, variable)) {
                // the seed names its time points; any other study shows their labels
                String comparison = data.seedStudy() ? pair.from() + " → " + pair.to() : data.timepointLabel(pair.from()) + " → " + data.timepointLabel(pair.to());
                table.row(pairRow(data.labelWithUnit(variable), comparison, pair));
            }
        }
        return table
                .note("Wilcoxon signed-rank test of later vs earlier time point as R's wilcox.test(later, earlier, paired = TRUE, exact = TRUE): "
                        + "exact below " + WilcoxonSignedRank.EXACT_LIMIT + " pairs without ties or zero differences, otherwise the normal approximation "
                        + "with continuity correction (Method says which). Holm adjustment over the pairwise Wilcoxon tests of one variable.")
                .note("Paired t-test beside it, unadjusted; mean difference = later − earlier. All tests are exploratory; no p-value where fewer than "
                        + ExploratoryTests.MIN_PAIRS + " pairs exist.")
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
                .map(result -> "χ²(" + result.degreesOfFreedom() + ") = " + twoDecimals(result.statistic()) + ", p = " + pValue(result.pValue())
                        + ", n = " + result.blocks())
                .orElse("not tested: " + friedman.reason());
    }

    private static List<String> pairRow(String label, String comparison, ExploratoryTests.Pairwise pair)
    {
        String pairs = Integer.toString(pair.pairs());
        if (pair.wilcoxon().isEmpty()) {
            return List.of(label, comparison, pairs, MISSING, MISSING, pair.reason(), MISSING, MISSING, MISSING);
        }
        WilcoxonSignedRank.Result wilcoxon = pair.wilcoxon().get();
        String method = switch (wilcoxon.method()) {
            case EXACT -> "exact";
            case NORMAL_APPROXIMATION_CONTINUITY_CORRECTED -> "normal approx., continuity corr." + approximationReason(wilcoxon);
            case NOT_COMPUTED -> "not computed: all differences zero";
        };
        String difference = pair.tTest().map(TimepointTable::difference).orElse(MISSING);
        String tP = pair.tTest().map(t -> pValue(t.pValue())).orElse(pair.reason().isEmpty() ? MISSING : pair.reason());
        return List.of(label, comparison, pairs, Formats.number(wilcoxon.statistic()), pValue(wilcoxon.pValue()), method,
                pair.holmP().map(Formats::pValue).orElse(MISSING), difference, tP);
    }

    private static String approximationReason(WilcoxonSignedRank.Result wilcoxon)
    {
        List<String> reasons = new ArrayList<>();
        if (wilcoxon.hasTies()) {
            reasons.add("ties");
        }
        if (wilcoxon.zeros() > 0) {
            reasons.add(wilcoxon.zeros() + " zero difference" + (wilcoxon.zeros() == 1 ? "" : "s"));
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
