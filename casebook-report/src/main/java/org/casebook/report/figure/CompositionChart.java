package org.casebook.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casebook.ctscore.IchikadoPattern;
import org.casebook.report.StudyData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Stacked bars of the CT pattern composition per time point: the mean percent of lung in each
 * Ichikado pattern (from the results' {@code ctComposition}), normal lung lightest and honeycombing
 * darkest, each segment outlined and labelled with its percent when it is wide enough to hold it.
 */
public final class CompositionChart
{
    private static final double LABEL_MIN_PERCENT = 4;

    private CompositionChart() {}

    /** The chart, or empty when the series has no Ichikado reads. */
    public static Optional<Figure> of(StudyData data, String id, String caption)
    {
        if (data.results().ctComposition().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Figure(id, caption, () -> chart(data), 640, 460, Figure.Column.DOUBLE));
    }

    private static JFreeChart chart(StudyData data)
    {
        Map<String, Map<String, Double>> composition = data.results().ctComposition();
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<IchikadoPattern> patterns = List.of(IchikadoPattern.values());
        for (String timepoint : data.protocol().timepointNames()) {
            Map<String, Double> percents = composition.get(timepoint);
            if (percents == null) {
                continue;
            }
            long scans = data.results().scans().stream().filter(scan -> scan.scan().timepoint().equals(timepoint)).count();
            String category = data.timepointLabel(timepoint) + " (n = " + scans + ")";
            for (IchikadoPattern pattern : patterns) {
                dataset.addValue(percents.getOrDefault(pattern.column(), 0.0), label(pattern), category);
            }
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        // hatched as well as shaded, so that the patterns stay apart in a greyscale print
        renderer.setBarPainter(new Hatching.Painter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        renderer.setMaximumBarWidth(0.22);
        for (int i = 0; i < patterns.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.SEQUENTIAL[i]);
            renderer.setSeriesOutlinePaint(i, ChartStyle.INK);
            renderer.setSeriesOutlineStroke(i, new BasicStroke(0.8f));
            renderer.setSeriesItemLabelPaint(i, i < 2 ? ChartStyle.INK : Color.WHITE);
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0")) {
            @Override
            public String generateLabel(org.jfree.data.category.CategoryDataset set, int row, int column)
            {
                Number value = set.getValue(row, column);
                return value == null || value.doubleValue() < LABEL_MIN_PERCENT ? null : new DecimalFormat("0").format(value) + "%";
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.SMALL.deriveFont(Font.BOLD));
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER));
        CategoryAxis categoryAxis = new CategoryAxis(null);
        categoryAxis.setMaximumCategoryLabelLines(2);
        categoryAxis.setMaximumCategoryLabelWidthRatio(1.0f);
        NumberAxis percentAxis = new NumberAxis("Mean percent of lung (%)");
        percentAxis.setRange(0, 100);
        percentAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(20));
        CategoryPlot plot = new CategoryPlot(dataset, categoryAxis, percentAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        ChartStyle.blackAxis(categoryAxis);
        ChartStyle.blackAxis(percentAxis);
        plot.setFixedLegendItems(legend(patterns));
        return ChartStyle.apply(new JFreeChart(null, ChartStyle.TITLE, plot, true));
    }

    /** Legend squares with the bars' fill and hatching. */
    private static org.jfree.chart.LegendItemCollection legend(List<IchikadoPattern> patterns)
    {
        org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
        java.awt.geom.Rectangle2D square = new java.awt.geom.Rectangle2D.Double(-7, -7, 14, 14);
        for (int i = 0; i < patterns.size(); i++) {
            Color fill = ChartStyle.SEQUENTIAL[i];
            // the legend graphic draws its line before its shape: the fill is a line as thick as the square,
            // the hatching and the border the shape's outline over it
            java.awt.geom.Path2D.Double hatched = new java.awt.geom.Path2D.Double(square);
            hatched.append(Hatching.lines(i, square), false);
            java.awt.geom.Line2D fillLine = new java.awt.geom.Line2D.Double(-7, 0, 7, 0);
            items.add(new org.jfree.chart.LegendItem(label(patterns.get(i)), null, null, null, true, hatched, false, fill, true,
                    i == 0 ? ChartStyle.INK : Hatching.lineColour(fill), Hatching.stroke(), true, fillLine,
                    new BasicStroke(14f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER), fill));
        }
        return items;
    }

    static String label(IchikadoPattern pattern)
    {
        return switch (pattern) {
            case NORMAL -> "normal (1)";
            case GROUND_GLASS -> "ground glass (2)";
            case CONSOLIDATION -> "consolidation (3)";
            case GROUND_GLASS_WITH_TRACTION -> "GGO + traction (4)";
            case CONSOLIDATION_WITH_TRACTION -> "consolidation + traction (5)";
            case HONEYCOMBING -> "honeycombing (6)";
        };
    }
}
