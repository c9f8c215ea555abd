package org.casebook.report.figure;

import org.jfree.chart.JFreeChart;

import static java.util.Objects.requireNonNull;

/**
 * One figure of the report: a chart with its size in CSS pixels (the PDF scales it to the page
 * width) and its numbered caption.
 *
 * @param id element id and file-name stem, e.g. {@code figure1_pf_ratio}
 */
public record Figure(String id, String caption, JFreeChart chart, int width, int height)
{
    public Figure
    {
        requireNonNull(id, "id is null");
        requireNonNull(caption, "caption is null");
        requireNonNull(chart, "chart is null");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("figure " + id + " has no size: " + width + "×" + height);
        }
    }
}
