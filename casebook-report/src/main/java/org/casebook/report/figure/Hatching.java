package org.casebook.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RectangularShape;

import org.jfree.chart.renderer.category.BarPainter;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Hatch patterns drawn as plain line segments over a fill, so that the series of a stacked bar chart
 * stay apart in a greyscale print (not only by lightness) and in every output: the SVG, the PNG
 * and the PDF draw them the same (no {@code TexturePaint}, which SVG and PDF renderers handle
 * differently). Series 0 is plain; then diagonal /, diagonal \, horizontal, crossed and vertical lines.
 */
public final class Hatching
{
    /** Line spacing in chart units. */
    private static final double SPACING = 5.5;
    private static final Stroke STROKE = new BasicStroke(0.9f);

    private Hatching() {}

    /** The direction of series {@code index}'s lines: none, /, \, —, ×, |. */
    enum Pattern
    {
        NONE, RISING, FALLING, HORIZONTAL, CROSSED, VERTICAL
    }

    static Pattern pattern(int index)
    {
        return Pattern.values()[index % Pattern.values().length];
    }

    /** The hatch lines of series {@code index} inside {@code bounds}, as one path of segments. */
    public static Shape lines(int index, Rectangle2D bounds)
    {
        Path2D.Double path = new Path2D.Double();
        switch (pattern(index)) {
            case NONE -> { }
            case RISING -> diagonals(path, bounds, true);
            case FALLING -> diagonals(path, bounds, false);
            case HORIZONTAL -> {
                for (double y = bounds.getMinY() + SPACING / 2; y < bounds.getMaxY(); y += SPACING) {
                    path.moveTo(bounds.getMinX(), y);
                    path.lineTo(bounds.getMaxX(), y);
                }
            }
            case CROSSED -> {
                diagonals(path, bounds, true);
                diagonals(path, bounds, false);
            }
            case VERTICAL -> {
                for (double x = bounds.getMinX() + SPACING / 2; x < bounds.getMaxX(); x += SPACING) {
                    path.moveTo(x, bounds.getMinY());
                    path.lineTo(x, bounds.getMaxY());
                }
            }
        }
        return path;
    }

    /** Lines at 45° clipped to the rectangle: rising (/) or falling (\). */
    private static void diagonals(Path2D.Double path, Rectangle2D r, boolean rising)
    {
        double step = SPACING * Math.sqrt(2);
        // rising: y = -x + c (screen y grows downwards), c from minX+minY to maxX+maxY; falling: y = x + c
        double from = rising ? r.getMinX() + r.getMinY() : r.getMinY() - r.getMaxX();
        double to = rising ? r.getMaxX() + r.getMaxY() : r.getMaxY() - r.getMinX();
        for (double c = from + step / 2; c < to; c += step) {
            double x1;
            double y1;
            double x2;
            double y2;
            if (rising) {
                x1 = Math.max(r.getMinX(), c - r.getMaxY());
                x2 = Math.min(r.getMaxX(), c - r.getMinY());
                y1 = c - x1;
                y2 = c - x2;
            }
            else {
                x1 = Math.max(r.getMinX(), r.getMinY() - c);
                x2 = Math.min(r.getMaxX(), r.getMaxY() - c);
                y1 = x1 + c;
                y2 = x2 + c;
            }
            if (x2 > x1) {
                path.moveTo(x1, y1);
                path.lineTo(x2, y2);
            }
        }
    }

    /** Black lines on light fills, white on dark ones, so that the hatching shows on both. */
    public static Color lineColour(Paint fill)
    {
        if (fill instanceof Color colour) {
            double lightness = 0.299 * colour.getRed() + 0.587 * colour.getGreen() + 0.114 * colour.getBlue();
            return lightness > 140 ? Color.BLACK : Color.WHITE;
        }
        return Color.BLACK;
    }

    public static Stroke stroke()
    {
        return STROKE;
    }

    /** Paints a bar in its series' colour, its hatch lines over it, then its outline. */
    public static final class Painter
            implements BarPainter
    {
        @Override
        public void paintBar(Graphics2D g2, BarRenderer renderer, int row, int column, RectangularShape bar, RectangleEdge base)
        {
            Paint fill = renderer.getItemPaint(row, column);
            g2.setPaint(fill);
            g2.fill(bar);
            Shape hatch = lines(row, bar.getBounds2D());
            g2.setPaint(lineColour(fill));
            g2.setStroke(STROKE);
            g2.draw(hatch);
            if (renderer.isDrawBarOutline()) {
                Stroke stroke = renderer.getItemOutlineStroke(row, column);
                Paint outline = renderer.getItemOutlinePaint(row, column);
                if (stroke != null && outline != null) {
                    g2.setStroke(stroke);
                    g2.setPaint(outline);
                    g2.draw(bar);
                }
            }
        }

        @Override
        public void paintBarShadow(Graphics2D g2, BarRenderer renderer, int row, int column, RectangularShape bar, RectangleEdge base, boolean pegShadow)
        {
            // no shadows
        }
    }
}
