package org.casebook.report.figure;

import java.awt.geom.Rectangle2D;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/** Draws a figure as SVG text for the HTML page (the PDF draws it directly: see render.FigureObjectDrawer). */
public final class FigureRenderer
{
    /** The width in units the report's charts are laid out at, to be shown 170 mm (or {@value #PAGE_WIDTH_PX} px) wide. */
    public static final int REPORT_WIDTH = 640;
    /** The widest the report page shows a figure (its style sheet's {@code max-width}). */
    static final int PAGE_WIDTH_PX = 780;

    private FigureRenderer() {}

    /** An SVG element sized by its viewBox, so the page can scale it to its width. */
    public static String svg(Figure figure)
    {
        SVGGraphics2D graphics = new SVGGraphics2D(figure.width(), figure.height());
        graphics.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_STANDARD);
        graphics.setDefsKeyPrefix(figure.id() + "-");
        graphics.setFontSizeUnits(org.jfree.svg.SVGUnits.PX);
        figure.newChart().draw(graphics, new Rectangle2D.Double(0, 0, figure.width(), figure.height()));
        String element = graphics.getSVGElement(figure.id() + "-svg", false, new org.jfree.svg.ViewBox(0, 0, figure.width(), figure.height()), null, null);
        if (figure.width() >= REPORT_WIDTH) {
            return element;
        }
        // laid out narrower than a chart (the flow diagram): shown no larger than a chart's text
        long maxWidth = Math.round((double) PAGE_WIDTH_PX * figure.width() / REPORT_WIDTH);
        return element.replaceFirst("<svg ", "<svg style=\"max-width: " + maxWidth + "px\" ");
    }
}
