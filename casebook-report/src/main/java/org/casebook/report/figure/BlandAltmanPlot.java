package org.casebook.report.figure;

import java.awt.BasicStroke;
import java.util.List;
import java.util.Optional;

import org.casebook.analysis.AgreementDetails;
import org.casebook.analysis.ScanResult;
import org.casebook.report.StudyData;
import org.casebook.report.table.Formats;
import org.casebook.stats.BlandAltman;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Bland–Altman plot of the two readers used for agreement (see {@link AgreementDetails}): for every
 * scan both read, the mean of the two CT totals against their difference (first − second reader),
 * with the bias (solid line) and the 95% limits of agreement (dashed), each labelled with its value.
 * Only when exactly two readers were used. Above {@link #MAX_POINTS} scans, that many evenly spaced
 * are drawn and the caption says so; the bias and the limits are of all.
 */
public final class BlandAltmanPlot
{
    /** The most scans drawn as points ({@link #drawn}). */
    static final int MAX_POINTS = 5000;

    private BlandAltmanPlot() {}

    public static Optional<Figure> of(StudyData data, String id, String captionStart)
    {
        Optional<AgreementDetails> details = data.results().statistics().agreement();
        if (details.isEmpty() || details.get().blandAltman().isEmpty()) {
            return Optional.empty();
        }
        List<String> readers = details.get().readersUsed();
        BlandAltman.Result result = details.get().blandAltman().get();
        List<double[]> all = data.results().scans().stream()
                .filter(scan -> scan.byReader().keySet().containsAll(readers))
                .map(scan -> point(scan, readers))
                .toList();
        List<double[]> points = drawn(all);
        String caption = captionStart + " CT total, " + readers.get(0) + " − " + readers.get(1) + ", against the mean of the two reads, "
                + result.n() + " scans: bias " + Formats.oneDecimal(result.bias()) + " (95% CI " + Formats.oneDecimal(result.biasCiLow()) + " to "
                + Formats.oneDecimal(result.biasCiHigh()) + "), 95% limits of agreement " + Formats.oneDecimal(result.lowerLimit()) + " to "
                + Formats.oneDecimal(result.upperLimit()) + " (dashed). " + details.get().readsUsed()
                + (points.size() == all.size() ? ""
                        : String.format(java.util.Locale.ROOT, " Points: %d of the %d scans, evenly spaced in the order of the scans; bias and limits from all.",
                                points.size(), all.size()));
        return Optional.of(new Figure(id, caption, () -> chart(points, result, readers), 640, 420));
    }

    /**
     * The points drawn: all up to {@link #MAX_POINTS}, else that many at even steps. Hundreds of
     * thousands of overlapping markers show nothing more and cost the PNG, the PDF and the HTML's
     * SVG their drawing time.
     */
    static List<double[]> drawn(List<double[]> all)
    {
        if (all.size() <= MAX_POINTS) {
            return all;
        }
        List<double[]> drawn = new java.util.ArrayList<>(MAX_POINTS);
        for (int i = 0; i < MAX_POINTS; i++) {
            drawn.add(all.get((int) ((long) i * all.size() / MAX_POINTS)));
        }
        return drawn;
    }

    private static double[] point(ScanResult scan, List<String> readers)
    {
        double first = scan.byReader().get(readers.get(0)).total();
        double second = scan.byReader().get(readers.get(1)).total();
        return new double[] {(first + second) / 2, first - second};
    }

    private static JFreeChart chart(List<double[]> points, BlandAltman.Result result, List<String> readers)
    {
        XYSeries series = new XYSeries("scans", false, true);
        points.forEach(point -> series.add(point[0], point[1]));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, ChartStyle.INK);
        renderer.setSeriesShape(0, ChartStyle.marker(0, 8));
        renderer.setSeriesShapesFilled(0, false);
        NumberAxis meanAxis = new NumberAxis("Mean of " + readers.get(0) + " and " + readers.get(1) + " (CT total)");
        meanAxis.setAutoRangeIncludesZero(false);
        NumberAxis differenceAxis = new NumberAxis("Difference " + readers.get(0) + " − " + readers.get(1));
        double spread = Math.max(1, Math.max(Math.abs(result.upperLimit()), Math.abs(result.lowerLimit())));
        double maxDifference = points.stream().mapToDouble(point -> Math.abs(point[1])).max().orElse(0);
        double half = Math.max(spread, maxDifference) * 1.25;
        differenceAxis.setRange(-half, half);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), meanAxis, differenceAxis, renderer);
        double right = points.stream().mapToDouble(point -> point[0]).max().orElse(0);
        line(plot, result.bias(), new BasicStroke(1.5f), "bias " + Formats.oneDecimal(result.bias()), right);
        float[] dash = {6f, 4f};
        BasicStroke dashed = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
        line(plot, result.upperLimit(), dashed, "+1.96 SD " + Formats.oneDecimal(result.upperLimit()), right);
        line(plot, result.lowerLimit(), dashed, "−1.96 SD " + Formats.oneDecimal(result.lowerLimit()), right);
        ChartStyle.blackAxis(meanAxis);
        ChartStyle.blackAxis(differenceAxis);
        return ChartStyle.apply(new JFreeChart(null, ChartStyle.TITLE, plot, false));
    }

    private static void line(XYPlot plot, double value, BasicStroke stroke, String label, double x)
    {
        ValueMarker marker = new ValueMarker(value, ChartStyle.INK, stroke);
        plot.addRangeMarker(marker);
        XYTextAnnotation text = new XYTextAnnotation(label, x, value);
        text.setFont(ChartStyle.SMALL);
        text.setPaint(ChartStyle.INK);
        text.setTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addAnnotation(text);
    }
}
