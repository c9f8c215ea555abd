package org.casebook.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Optional;

import org.casebook.analysis.PatientResult;
import org.casebook.report.StudyData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A spaghetti plot: one line per patient across the protocol's time points. Up to
 * {@link #LEGEND_MAX} patients each get a dash pattern and a marker and are named in the legend;
 * above that the patients are thin grey lines under a bold mean line (legend: patients, mean);
 * above {@link #MAX_LINES} patients, that many of them evenly spaced in case-number order, the
 * caption says so, and the mean stays that of all.
 */
public final class SpaghettiPlot
{
    static final int LEGEND_MAX = 12;
    /** The most patients drawn as grey lines ({@link #drawnPatients}). */
    static final int MAX_LINES = 1000;

    private SpaghettiPlot() {}

    /** The plot, or empty when no patient has the variable at two time points. */
    public static Optional<Figure> of(StudyData data, String variable, String id, String caption)
    {
        List<String> timepoints = data.protocol().timepointNames();
        boolean anyLine = data.results().patients().stream()
                .anyMatch(patient -> timepoints.stream().filter(tp -> data.value(patient, tp, variable).isPresent()).count() >= 2);
        if (!anyLine) {
            return Optional.empty();
        }
        int patients = data.results().patients().size();
        String drawn = patients <= MAX_LINES ? caption
                : caption + String.format(java.util.Locale.ROOT, " Grey lines: %d of the %d patients, evenly spaced in case-number order; the mean is of all patients.",
                        drawnPatients(data).size(), patients);
        return Optional.of(new Figure(id, drawn, () -> chart(data, variable), 640, 420));
    }

    /**
     * The patients drawn as grey lines: all up to {@link #MAX_LINES}, else {@link #MAX_LINES} of them
     * at even steps of case number. Beyond a few thousand lines the grey is solid anyway, and each
     * line costs the PNG, the PDF and the HTML's SVG their drawing time: a 100,000-patient figure
     * took longer than the rest of the report.
     */
    static List<PatientResult> drawnPatients(StudyData data)
    {
        List<PatientResult> patients = data.results().patients();
        if (patients.size() <= MAX_LINES) {
            return patients;
        }
        List<PatientResult> inOrder = new java.util.ArrayList<>(patients);
        inOrder.sort(java.util.Comparator.comparingInt(patient -> data.caseNumbers().number(patient.patientId())));
        List<PatientResult> drawn = new java.util.ArrayList<>(MAX_LINES);
        for (int i = 0; i < MAX_LINES; i++) {
            drawn.add(inOrder.get((int) ((long) i * inOrder.size() / MAX_LINES)));
        }
        return drawn;
    }

    /** The protocol's time points at which some patient has the variable: no empty column for a variable not measured at a time point. */
    static List<String> timepoints(StudyData data, String variable)
    {
        return data.protocol().timepointNames().stream()
                .filter(tp -> data.results().patients().stream().anyMatch(patient -> data.value(patient, tp, variable).isPresent()))
                .toList();
    }

    /** The value axis' name: the variable with its unit; the CT total names its scoring system and its possible range. */
    static String axisLabel(StudyData data, String variable)
    {
        if (!variable.equals(org.casebook.analysis.CaseSeriesAnalysis.CT_TOTAL) || data.protocol().ctScoring() == null) {
            return data.labelWithUnit(variable);
        }
        var system = org.casebook.ctscore.CtScoringSystem.forName(data.protocol().ctScoring().system());
        String name = Character.toUpperCase(system.name().charAt(0)) + system.name().substring(1);
        return name + " CT total (" + org.casebook.report.table.Formats.number(system.minTotal()) + "–"
                + org.casebook.report.table.Formats.number(system.maxTotal()) + ")";
    }

    private static JFreeChart chart(StudyData data, String variable)
    {
        List<String> timepoints = timepoints(data, variable);
        List<PatientResult> patients = data.results().patients();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYSeriesCollection dataset = patients.size() <= LEGEND_MAX
                ? individualLines(data, variable, renderer)
                : greyLinesWithMean(data, variable, renderer);
        renderer.setUseFillPaint(true);
        renderer.setDefaultFillPaint(Color.WHITE);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(false);
        SymbolAxis timeAxis = new SymbolAxis(null, timepoints.stream().map(data::timepointLabel).toArray(String[]::new));
        timeAxis.setGridBandsVisible(false);
        // half a column either side, so that the first and last time points' labels fit a single-column figure
        timeAxis.setRange(-0.5, timepoints.size() - 0.5);
        NumberAxis valueAxis = new NumberAxis(axisLabel(data, variable));
        valueAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, timeAxis, valueAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        // the mean (the last series) is drawn over the patients' lines
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        ChartStyle.blackAxis(timeAxis);
        ChartStyle.blackAxis(valueAxis);
        return ChartStyle.apply(new JFreeChart(null, ChartStyle.TITLE, plot, true));
    }

    /** A series per patient, each with its own dash pattern and marker, named in the legend. */
    private static XYSeriesCollection individualLines(StudyData data, String variable, XYLineAndShapeRenderer renderer)
    {
        XYSeriesCollection dataset = new XYSeriesCollection();
        // in case-number order, each named by its case number (never the hospital's id)
        List<PatientResult> patients = new java.util.ArrayList<>(data.results().patients());
        patients.sort(java.util.Comparator.comparingInt(patient -> data.caseNumbers().number(patient.patientId())));
        List<String> timepoints = timepoints(data, variable);
        for (int i = 0; i < patients.size(); i++) {
            XYSeries series = new XYSeries(data.caseLabel(patients.get(i).patientId()), false, true);
            addPatient(series, data, patients.get(i), variable, timepoints);
            dataset.addSeries(series);
            Color paint = i % 2 == 0 ? ChartStyle.INK : new Color(0x555555);
            renderer.setSeriesPaint(i, paint);
            renderer.setSeriesStroke(i, ChartStyle.line(i, 1.8f));
            renderer.setSeriesShape(i, ChartStyle.marker(i, 9));
            renderer.setSeriesFillPaint(i, ChartStyle.filled(i) ? paint : Color.WHITE);
        }
        return dataset;
    }

    /**
     * All patients as one series of thin grey lines (a missing value between patients breaks the
     * path, so the chart draws one path rather than one per patient), under a bold mean line.
     */
    private static XYSeriesCollection greyLinesWithMean(StudyData data, String variable, XYLineAndShapeRenderer renderer)
    {
        List<String> timepoints = timepoints(data, variable);
        List<PatientResult> drawn = drawnPatients(data);
        int patients = data.results().patients().size();
        XYSeries lines = new XYSeries(drawn.size() == patients ? patients + " patients"
                : String.format(java.util.Locale.ROOT, "%d of %d patients", drawn.size(), patients), false, true);
        for (PatientResult patient : drawn) {
            addPatient(lines, data, patient, variable, timepoints);
            lines.add(timepoints.size() - 1, Double.NaN);
        }
        XYSeries mean = new XYSeries("mean", false, true);
        for (int i = 0; i < timepoints.size(); i++) {
            int index = i;
            data.results().findSummary(timepoints.get(i), variable).ifPresent(summary -> mean.add(index, summary.mean()));
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(lines);
        dataset.addSeries(mean);
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setSeriesPaint(0, ChartStyle.LIGHT_GREY);
        renderer.setSeriesStroke(0, new BasicStroke(0.6f));
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesPaint(1, ChartStyle.INK);
        renderer.setSeriesStroke(1, new BasicStroke(3f));
        renderer.setSeriesShape(1, ChartStyle.marker(0, 10));
        return dataset;
    }

    /** @param timepoints the figure's time points ({@link #timepoints}), found once per figure: finding them looks at every patient */
    private static void addPatient(XYSeries series, StudyData data, PatientResult patient, String variable, List<String> timepoints)
    {
        for (int i = 0; i < timepoints.size(); i++) {
            int index = i;
            data.value(patient, timepoints.get(i), variable).ifPresent(value -> series.add(index, value));
        }
    }
}
