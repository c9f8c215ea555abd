package org.casebook.report.table;

import java.util.List;

import org.casebook.analysis.OutcomeCount;
import org.casebook.report.StudyData;

/**
 * Table 4 of a study other than the seed: every outcome count of the results in order (the
 * vital status at the follow-up day, then the protocol's {@code outcomes.list}), with its label,
 * its rule and n/N (%), N the patients with the data to decide it.
 */
public final class OutcomeTable
{
    public static final String ID = "table4_outcomes";

    private OutcomeTable() {}

    public static ReportTable build(StudyData data)
    {
        ReportTable.Builder table = new ReportTable.Builder(ID, "Table 4. Outcomes", List.of("Outcome", "Definition", "n/N (%)", "95% CI"));
        var intervals = data.results().statistics().outcomeIntervals();
        for (OutcomeCount outcome : data.results().outcomes()) {
            var ci = intervals.get(outcome.name());
            String interval = outcome.denominator() == 0 || ci == null ? Formats.MISSING
                    : org.casebook.analysis.ResultsText.percentBound(ci.low()) + "–" + org.casebook.analysis.ResultsText.percentBound(ci.high()) + "%";
            table.row(outcome.label(), outcome.description(), outcome.denominator() == 0 ? "0/0 (no patient with the data)" : Formats.countOf(outcome.count(), outcome.denominator()),
                    interval);
        }
        return table
                .note("N = patients with the data to decide the outcome: both values of a change; a known status at the day (patients followed up "
                        + "for less without a death are censored and left out); the field recorded. Compared in decimal arithmetic.")
                .note("95% CI: exact (Clopper–Pearson) confidence interval of the proportion; " + Formats.MISSING + " without a patient to decide it.")
                .build();
    }
}
