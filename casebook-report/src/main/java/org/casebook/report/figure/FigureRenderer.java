package org.casebook.report.figure;

import java.awt.geom.Rectangle2D;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/** Draws a figure as SVG text for the HTML page (the PDF draws it directly: see render.FigureObjectDrawer). */
public final class FigureRenderer
{
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
        return element;
    }
}
