package org.casebook.report.figure;

import java.util.function.Supplier;

import org.jfree.chart.JFreeChart;

import static java.util.Objects.requireNonNull;

/**
 * One figure of the report: how to build its chart, its size in CSS pixels (the PDF scales it to
 * the page width) and its numbered caption. The chart is built afresh for each rendering, because
 * a JFreeChart must not be drawn by two threads at once and the HTML and the PDF are drawn in
 * parallel.
 *
 * @param id element id and file-name stem, e.g. {@code figure1_pf_ratio}
 */
public record Figure(String id, String caption, Supplier<JFreeChart> chartFactory, int width, int height)
{
    public Figure
    {
        requireNonNull(id, "id is null");
        requireNonNull(caption, "caption is null");
        requireNonNull(chartFactory, "chartFactory is null");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("figure " + id + " has no size: " + width + "×" + height);
        }
    }

    /** A new chart of this figure, for one rendering. */
    public JFreeChart newChart()
    {
        return chartFactory.get();
    }
}
