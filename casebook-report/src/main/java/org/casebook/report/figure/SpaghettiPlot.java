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
 * above that the patients are thin grey lines under a bold mean line (legend: patients, mean).
 */
public final class SpaghettiPlot
{
    static final int LEGEND_MAX = 12;

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
        return Optional.of(new Figure(id, caption, () -> chart(data, variable), 640, 420));
    }

    private static JFreeChart chart(StudyData data, String variable)
    {
        List<String> timepoints = data.protocol().timepointNames();
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<PatientResult> patients = data.results().patients();
        boolean individual = patients.size() <= LEGEND_MAX;
        for (PatientResult patient : patients) {
            XYSeries series = new XYSeries(patient.patientId(), false, true);
            for (int i = 0; i < timepoints.size(); i++) {
                int index = i;
                data.value(patient, timepoints.get(i), variable).ifPresent(value -> series.add(index, value));
            }
            dataset.addSeries(series);
        }
        XYSeries mean = new XYSeries("mean", false, true);
        if (!individual) {
            for (int i = 0; i < timepoints.size(); i++) {
                int index = i;
                data.results().findSummary(timepoints.get(i), variable).ifPresent(summary -> mean.add(index, summary.mean()));
            }
            dataset.addSeries(mean);
        }
        SymbolAxis timeAxis = new SymbolAxis(null, timepoints.stream().map(data::timepointLabel).toArray(String[]::new));
        timeAxis.setGridBandsVisible(false);
        timeAxis.setLowerMargin(0.12);
        timeAxis.setUpperMargin(0.12);
        timeAxis.setRange(-0.25, timepoints.size() - 0.75);
        NumberAxis valueAxis = new NumberAxis(data.labelWithUnit(variable));
        valueAxis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < patients.size(); i++) {
            if (individual) {
                Color paint = i % 2 == 0 ? ChartStyle.INK : new Color(0x555555);
                renderer.setSeriesPaint(i, paint);
                renderer.setSeriesStroke(i, ChartStyle.line(i, 1.8f));
                renderer.setSeriesShape(i, ChartStyle.marker(i, 9));
                renderer.setSeriesFillPaint(i, ChartStyle.filled(i) ? paint : Color.WHITE);
            }
            else {
                renderer.setSeriesPaint(i, ChartStyle.LIGHT_GREY);
                renderer.setSeriesStroke(i, new BasicStroke(0.6f));
                renderer.setSeriesShapesVisible(i, false);
                renderer.setSeriesVisibleInLegend(i, i == 0);
            }
        }
        if (!individual) {
            int last = patients.size();
            renderer.setSeriesPaint(last, ChartStyle.INK);
            renderer.setSeriesStroke(last, new BasicStroke(3f));
            renderer.setSeriesShape(last, ChartStyle.marker(0, 10));
            renderer.setLegendItemLabelGenerator((set, series) -> series == last ? "mean" : patients.size() + " patients");
        }
        renderer.setUseFillPaint(true);
        renderer.setDefaultFillPaint(Color.WHITE);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(false);
        XYPlot plot = new XYPlot(dataset, timeAxis, valueAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        ChartStyle.blackAxis(timeAxis);
        ChartStyle.blackAxis(valueAxis);
        return ChartStyle.apply(new JFreeChart(null, ChartStyle.TITLE, plot, true));
    }
}
