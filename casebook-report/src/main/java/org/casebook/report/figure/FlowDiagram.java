package org.casebook.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;

import org.casebook.report.ScreeningFlow;
import org.casebook.report.table.ScreeningFlowTable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The consecutive-case flow diagram of a screened series ({@link ScreeningFlow}): the patients in
 * the EHR extract, those each eligibility criterion excluded (in the protocol's words) and the
 * cases included, as boxes and arrows ({@link FlowLayout}). It is laid out at its print size, a
 * journal's single column where that stays under a page's height, else the double column, so its
 * text prints at 7.3 pt; every rendering (report page, PDF, files) draws that one layout scaled.
 */
public final class FlowDiagram
{
    /** The figure id's ending, after {@code figureN}. */
    public static final String ID_SUFFIX = "_screening_flow";

    private FlowDiagram() {}

    public static Figure of(ScreeningFlow flow, int number)
    {
        Figure.Column column = Figure.Column.SINGLE;
        FlowLayout layout = FlowLayout.of(flow, Math.floor(FigureFiles.unitsForMillimetres(FigureFiles.SINGLE_COLUMN_MM)));
        if (layout.height() > FigureFiles.unitsForMillimetres(FigureFiles.MAX_HEIGHT_MM)) {
            column = Figure.Column.DOUBLE;
            layout = FlowLayout.of(flow, Math.floor(FigureFiles.unitsForMillimetres(FigureFiles.DOUBLE_COLUMN_MM)));
        }
        FlowLayout laidOut = layout;
        return new Figure("figure" + number + ID_SUFFIX, caption(flow, number), () -> chart(laidOut),
                (int) laidOut.width(), (int) laidOut.height(), column);
    }

    private static String caption(ScreeningFlow flow, int number)
    {
        String caption = "Figure " + number + ". Flow of the consecutive cases from the EHR extract: the patients at each step of the "
                + "protocol's eligibility criteria, in order, and beside each step those it excluded (the first criterion they did not meet).";
        return flow.workbookMatches() ? caption : caption + " " + ScreeningFlowTable.workbookNote(flow);
    }

    private static JFreeChart chart(FlowLayout layout)
    {
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, new FlowPlot(layout), false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(RectangleInsets.ZERO_INSETS);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }

    /** Draws the layout into the plot's area, scaled to fit it and keeping its proportions. */
    static final class FlowPlot
            extends Plot
    {
        private static final BasicStroke BOX_LINE = new BasicStroke(1f);
        private static final BasicStroke ARROW_LINE = new BasicStroke(1f);
        private static final double HEAD = 5;

        private final transient FlowLayout layout;

        FlowPlot(FlowLayout layout)
        {
            this.layout = layout;
            setInsets(RectangleInsets.ZERO_INSETS);
            setOutlineVisible(false);
            setBackgroundPaint(Color.WHITE);
        }

        @Override
        public String getPlotType()
        {
            return "Flow diagram";
        }

        @Override
        public void draw(Graphics2D graphics, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info)
        {
            AffineTransform saved = graphics.getTransform();
            double scale = Math.min(area.getWidth() / layout.width(), area.getHeight() / layout.height());
            graphics.translate(area.getX(), area.getY());
            graphics.scale(scale, scale);
            layout.mainBoxes().forEach(box -> drawBox(graphics, box));
            layout.exclusionBoxes().forEach(box -> drawBox(graphics, box));
            layout.arrows().forEach(arrow -> drawArrow(graphics, arrow));
            graphics.setTransform(saved);
        }

        private static void drawBox(Graphics2D graphics, FlowLayout.Box box)
        {
            Rectangle2D outline = new Rectangle2D.Double(box.x(), box.y(), box.width(), box.height());
            graphics.setPaint(Color.WHITE);
            graphics.fill(outline);
            graphics.setPaint(ChartStyle.INK);
            graphics.setStroke(BOX_LINE);
            graphics.draw(outline);
            for (FlowLayout.Line line : box.lines()) {
                graphics.setFont(line.bold() ? FlowLayout.BOLD : FlowLayout.TEXT);
                graphics.drawString(line.text(), (float) (box.x() + FlowLayout.PADDING), (float) (box.y() + line.baseline()));
            }
        }

        private static void drawArrow(Graphics2D graphics, FlowLayout.Arrow arrow)
        {
            graphics.setPaint(ChartStyle.INK);
            graphics.setStroke(ARROW_LINE);
            double angle = Math.atan2(arrow.y2() - arrow.y1(), arrow.x2() - arrow.x1());
            // the line stops at the head's base, so its end does not show through the point
            double endX = arrow.x2() - HEAD * Math.cos(angle);
            double endY = arrow.y2() - HEAD * Math.sin(angle);
            graphics.draw(new Line2D.Double(arrow.x1(), arrow.y1(), endX, endY));
            Path2D.Double head = new Path2D.Double();
            head.moveTo(arrow.x2(), arrow.y2());
            head.lineTo(endX - HEAD / 2 * Math.sin(angle), endY + HEAD / 2 * Math.cos(angle));
            head.lineTo(endX + HEAD / 2 * Math.sin(angle), endY - HEAD / 2 * Math.cos(angle));
            head.closePath();
            graphics.fill(head);
        }
    }
}
