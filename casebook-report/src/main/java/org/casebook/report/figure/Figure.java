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
 * @param column the journal column width of the figure's own files ({@link FigureFiles})
 */
public record Figure(String id, String caption, Supplier<JFreeChart> chartFactory, int width, int height, Column column)
{
    /** A journal's figure widths: single column (85 mm) or the full page width (170 mm). */
    public enum Column
    {
        SINGLE, DOUBLE
    }

    /** Figures designed wider than this (in report units) default to double-column. */
    static final int SINGLE_COLUMN_MAX_DESIGN_WIDTH = 700;

    /** A figure whose column follows from its design width: double above {@value #SINGLE_COLUMN_MAX_DESIGN_WIDTH} units. */
    public Figure(String id, String caption, Supplier<JFreeChart> chartFactory, int width, int height)
    {
        this(id, caption, chartFactory, width, height, width > SINGLE_COLUMN_MAX_DESIGN_WIDTH ? Column.DOUBLE : Column.SINGLE);
    }

    public Figure
    {
        requireNonNull(column, "column is null");
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
