package org.casebook.web.results;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.casebook.report.Provenance;
import org.casebook.report.StudyData;
import org.casebook.report.StudyReport;
import org.casebook.report.figure.Figure;
import org.casebook.report.figure.FigureRenderer;
import org.casebook.report.table.BaselineTable;
import org.casebook.report.table.OutcomeTable;
import org.casebook.report.table.ReportTable;
import org.casebook.report.table.TimepointTable;
import org.springframework.stereotype.Service;

import static java.util.Objects.requireNonNull;

/**
 * The report's tables and figures for the results page, built by {@code casebook-report} exactly as
 * in the study report (the same {@link StudyReport}, the figures drawn by its own
 * {@link FigureRenderer} as inline SVG). Only what summarises the series is shown: Table 1, the
 * time-point tables and the outcome counts; the per-patient tables stay in the report. Analysts
 * get only the figures that show no patient one by one (CT composition, survival, Bland–Altman);
 * spaghetti plots (a line per patient, named in the legend) and swimmer plots (a row per
 * patient) are for investigators.
 */
@Service
public class ResultsReport
{
    /** Tables of the series as a whole, shown to investigators and analysts alike. */
    static final Set<String> SUMMARY_TABLES = Set.of(BaselineTable.ID, TimepointTable.ID, TimepointTable.PAIRWISE_ID, OutcomeTable.ID);
    /** Figure id endings of figures that show no single patient. */
    static final List<String> AGGREGATE_FIGURES = List.of("_ct_composition", "_survival", "_bland_altman");

    /** A figure as the page shows it: its id, its caption and the SVG element. */
    public record ShownFigure(String id, String caption, String svg)
    {
        public ShownFigure
        {
            requireNonNull(id, "id is null");
            requireNonNull(caption, "caption is null");
            requireNonNull(svg, "svg is null");
        }
    }

    /** What the page shows. */
    public record Shown(List<ReportTable> tables, List<ShownFigure> figures)
    {
        public Shown
        {
            tables = List.copyOf(tables);
            figures = List.copyOf(figures);
        }
    }

    private final Clock clock;

    public ResultsReport(Clock clock)
    {
        this.clock = clock;
    }

    public Shown shown(StudyResults.Current current, boolean investigator)
    {
        // the provenance footer is not shown on the page; the report proper names its real input
        Provenance provenance = new Provenance("page", current.protocol().id(), current.protocol().sha256(), "results page", "", clock.instant());
        StudyReport report = StudyReport.build(StudyData.analyze(current.protocol(), current.workbook()), provenance);
        List<ReportTable> tables = report.tables().stream().filter(table -> SUMMARY_TABLES.contains(table.id())).toList();
        List<ShownFigure> figures = report.figures().stream()
                .filter(figure -> investigator || isAggregate(figure))
                .map(figure -> new ShownFigure(figure.id(), figure.caption(), FigureRenderer.svg(figure)))
                .toList();
        return new Shown(tables, figures);
    }

    static boolean isAggregate(Figure figure)
    {
        return AGGREGATE_FIGURES.stream().anyMatch(figure.id()::endsWith);
    }
}
