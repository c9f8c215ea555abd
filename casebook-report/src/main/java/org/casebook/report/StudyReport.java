package org.casebook.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.report.figure.BlandAltmanPlot;
import org.casebook.report.figure.CompositionChart;
import org.casebook.report.figure.Figure;
import org.casebook.report.figure.FlowDiagram;
import org.casebook.report.figure.SpaghettiPlot;
import org.casebook.report.figure.SurvivalPlot;
import org.casebook.report.figure.SwimmerPaging;
import org.casebook.report.figure.SwimmerPlot;
import org.casebook.report.table.AdverseEventTable;
import org.casebook.report.table.BaselineTable;
import org.casebook.report.table.EmptyColumns;
import org.casebook.report.table.OutcomeTable;
import org.casebook.report.table.PatientTable;
import org.casebook.report.table.Abbreviations;
import org.casebook.report.table.ReportTable;
import org.casebook.report.table.ScreeningFlowTable;
import org.casebook.report.table.TimepointTable;
import org.casebook.report.table.TimingTable;
import org.casebook.report.table.TreatmentTable;
import org.casebook.report.text.CareChecklist;
import org.casebook.report.text.ChecklistPointers;
import org.casebook.report.text.MethodsText;

import static java.util.Objects.requireNonNull;

/**
 * The whole report as values: title, generated text, Tables 1–3 (3b the pairwise tests), the
 * figures in order, the CARE checklist and the provenance footer. Every output format renders
 * this one value.
 */
public record StudyReport(String title, List<String> paragraphs, List<ReportTable> tables, List<Figure> figures, ReportTable checklist, Provenance provenance)
{
    public StudyReport
    {
        requireNonNull(title, "title is null");
        paragraphs = List.copyOf(paragraphs);
        tables = List.copyOf(tables);
        figures = List.copyOf(figures);
        requireNonNull(checklist, "checklist is null");
        requireNonNull(provenance, "provenance is null");
    }

    /**
     * The report from the protocol alone: Table 1 from its {@code report.table1} (or the case
     * fields), Table 2 per patient, Table 3 (3b) its variables at its time points, Table 4 the
     * outcome counts (unless {@code report.outcome_table: false}), then the adverse events, the
     * treatment and the timing of measurements per patient; figures for its variables, the CT composition, the swimmer plots of its
     * timeline, survival and reader agreement.
     */
    public static StudyReport build(StudyData data, Provenance provenance)
    {
        return build(data, provenance, Optional.empty());
    }

    /**
     * The report, and where the cases came from {@code casebook screen} its {@code flow}: the
     * screening-flow table before the other tables and the flow diagram as Figure 1.
     */
    public static StudyReport build(StudyData data, Provenance provenance, Optional<ScreeningFlow> flow)
    {
        List<ReportTable> tables = new ArrayList<>();
        flow.map(ScreeningFlowTable::build).ifPresent(tables::add);
        tables.addAll(List.of(
                BaselineTable.build(data),
                EmptyColumns.drop(PatientTable.build(data)),
                TimepointTable.build(data),
                TimepointTable.buildPairwise(data)));
        if (data.protocol().report().outcomeTable()) {
            tables.add(OutcomeTable.build(data));
        }
        String timing = reviewerTables(data, tables, tables.size() - (flow.isPresent() ? 1 : 0));
        List<Figure> figures = new ArrayList<>();
        flow.map(screening -> FlowDiagram.of(screening, 1)).ifPresent(figures::add);
        figures(data, timing, figures);
        List<ReportTable> explained = tables.stream().map(table -> Abbreviations.apply(data, table)).toList();
        return new StudyReport(data.protocol().title(), MethodsText.paragraphs(data), explained, figures,
                ChecklistPointers.apply(CareChecklist.build(data), explained, figures), provenance);
    }

    /**
     * Adds the tables a reviewer asks for after the study's own, numbered from {@code number}: the
     * adverse events one by one and by grade (when any is recorded), then treatment per patient and
     * the timing of measurements per patient (each when it has a column to show). Returns their
     * names ("Tables 5 and 5b"), which the swimmer plots point at.
     */
    private static String reviewerTables(StudyData data, List<ReportTable> tables, int number)
    {
        int next = number;
        java.util.Optional<ReportTable> events = AdverseEventTable.events(data, Integer.toString(next));
        if (events.isPresent()) {
            tables.add(events.get());
            AdverseEventTable.grades(data, next + "b").ifPresent(tables::add);
            next++;
        }
        // treatment, then the measurements' timing: two tables, as one grew wider than the page
        Optional<ReportTable> treatment = TreatmentTable.build(data, Integer.toString(next));
        treatment.ifPresent(tables::add);
        String suffix = treatment.isPresent() ? "b" : "";
        Optional<ReportTable> timing = TimingTable.build(data, next + suffix);
        timing.ifPresent(tables::add);
        return treatment.isPresent() && timing.isPresent() ? "Tables " + next + " and " + next + "b" : "Table " + next;
    }

    /** The report as its documents (HTML, PDF, docx) print it: each table at most {@link ReportTable#DOCUMENT_ROWS} rows ({@link ReportTable#forDocument()}). */
    public StudyReport forDocuments()
    {
        return new StudyReport(title, paragraphs, tables.stream().map(ReportTable::forDocument).toList(), figures, checklist.forDocument(), provenance);
    }

    /** The variables with a spaghetti plot: the protocol's {@code report.spaghetti_plots}, else every variable and then the CT total. */
    private static List<String> spaghettiPlots(StudyData data)
    {
        return data.protocol().report().findSpaghettiPlots().orElseGet(() -> {
            List<String> variables = new ArrayList<>();
            data.protocol().variables().forEach(variable -> variables.add(variable.name()));
            variables.add(CaseSeriesAnalysis.CT_TOTAL);
            return variables;
        });
    }

    /** Every table, the checklist last: what goes to CSV and xlsx. */
    public List<ReportTable> allTables()
    {
        List<ReportTable> all = new ArrayList<>(tables);
        all.add(checklist);
        return all;
    }

    /** Adds the study's figures to {@code figures}, numbered after those already in it. */
    private static void figures(StudyData data, String timingTable, List<Figure> figures)
    {
        for (String variable : spaghettiPlots(data)) {
            int number = figures.size() + 1;
            SpaghettiPlot.of(data, variable, "figure" + number + "_" + variable,
                    "Figure " + number + ". " + data.labelWithUnit(variable) + " per patient across the time points (one line per patient).")
                    .ifPresent(figures::add);
        }
        int number = figures.size() + 1;
        CompositionChart.of(data, "figure" + number + "_ct_composition",
                "Figure " + number + ". CT pattern composition per time point: mean percent of lung in each Ichikado pattern (points in parentheses), "
                        + "mean of the readers and the patients with a scan.")
                .ifPresent(figures::add);
        figures.addAll(SwimmerPaging.of(data, figures.size() + 1, SwimmerPlot::of, timingTable));
        number = figures.size() + 1;
        SurvivalPlot.of(data, "figure" + number + "_survival", "Figure " + number + ". Kaplan–Meier survival from day 0 (" + data.dayZeroLabel() + "):",
                "Days from day 0 (" + data.dayZeroLabel() + ")")
                .ifPresent(figures::add);
        number = figures.size() + 1;
        BlandAltmanPlot.of(data, "figure" + number + "_bland_altman", "Figure " + number + ". Bland–Altman plot of the inter-reader agreement:")
                .ifPresent(figures::add);
    }
}
