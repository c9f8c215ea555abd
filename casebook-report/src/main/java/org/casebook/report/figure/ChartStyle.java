package org.casebook.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;

/**
 * The report's chart look: the bundled DejaVu Sans (the same font as the PDF), black on white,
 * and series told apart by dash pattern and marker shape rather than by colour, so that the
 * figures survive greyscale printing. Colours, where used, come from a palette whose lightness
 * falls monotonically ({@link #SEQUENTIAL}), so their order stays readable in grey.
 */
public final class ChartStyle
{
    public static final String FONT_FAMILY = "DejaVu Sans";
    private static final Font BASE_FONT = loadFont("DejaVuSans.ttf");
    private static final Font BOLD_FONT = loadFont("DejaVuSans-Bold.ttf");

    public static final Font TITLE = BOLD_FONT.deriveFont(15f);
    public static final Font LABEL = BASE_FONT.deriveFont(13f);
    public static final Font TICK = BASE_FONT.deriveFont(12f);
    public static final Font SMALL = BASE_FONT.deriveFont(11f);

    public static final Color INK = Color.BLACK;
    public static final Color GRID = new Color(0xD0D0D0);
    public static final Color LIGHT_GREY = new Color(0xBBBBBB);

    /** Viridis at six steps, light to dark: the lightness falls monotonically, so grey prints keep the order. */
    public static final Color[] SEQUENTIAL = {
            new Color(0xFDE725), new Color(0x7AD151), new Color(0x22A884), new Color(0x2A788E), new Color(0x414487), new Color(0x440154)};

    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}, {4f, 4f}, {12f, 6f}};

    private ChartStyle() {}

    /** The i-th line style: solid, dashed, dotted, dash-dot, … cycling. */
    public static Stroke line(int index, float width)
    {
        float[] dash = DASHES[index % DASHES.length];
        return dash == null
                ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** The i-th marker: circle, square, up-triangle, diamond, down-triangle, cross, cycling. */
    public static Shape marker(int index, double size)
    {
        double half = size / 2;
        return switch (index % 6) {
            case 0 -> new Ellipse2D.Double(-half, -half, size, size);
            case 1 -> new Rectangle2D.Double(-half * 0.9, -half * 0.9, size * 0.9, size * 0.9);
            case 2 -> ShapeUtils.createUpTriangle((float) half);
            case 3 -> ShapeUtils.createDiamond((float) half);
            case 4 -> ShapeUtils.createDownTriangle((float) half);
            default -> ShapeUtils.createDiagonalCross((float) half, 1.2f);
        };
    }

    /** Whether the i-th marker is drawn filled (even indices filled, odd open, doubling the distinct markers). */
    public static boolean filled(int index)
    {
        return (index / 6) % 2 == 0;
    }

    public static Shape plus(double size)
    {
        Path2D.Double plus = new Path2D.Double();
        plus.moveTo(-size / 2, 0);
        plus.lineTo(size / 2, 0);
        plus.moveTo(0, -size / 2);
        plus.lineTo(0, size / 2);
        return plus;
    }

    /** Applies fonts, white background and black axes to a chart built by {@code ChartFactory}. */
    public static JFreeChart apply(JFreeChart chart)
    {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof org.jfree.chart.plot.XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
        }
        if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot category) {
            category.setRangeGridlinePaint(GRID);
        }
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        Plot plot = chart.getPlot();
        plot.setOutlineVisible(false);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            legend.setItemFont(SMALL);
            legend.setItemPaint(INK);
            legend.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    public static void blackAxis(Axis axis)
    {
        axis.setAxisLinePaint(INK);
        axis.setTickMarkPaint(INK);
        axis.setLabelFont(LABEL);
        axis.setTickLabelFont(TICK);
    }

    private static Font loadFont(String file)
    {
        try (InputStream in = ChartStyle.class.getResourceAsStream("/org/casebook/report/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the jar: " + file);
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (FontFormatException e) {
            throw new IllegalStateException("bad bundled font " + file, e);
        }
    }
}
