package org.casebook.report.figure;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/** Draws a figure as SVG text (for HTML) or as a PNG at a scale (for the PDF, where 3× is about 300 dpi). */
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
        figure.chart().draw(graphics, new Rectangle2D.Double(0, 0, figure.width(), figure.height()));
        String element = graphics.getSVGElement(figure.id() + "-svg", false, new org.jfree.svg.ViewBox(0, 0, figure.width(), figure.height()), null, null);
        return element;
    }

    public static byte[] png(Figure figure, double scale)
    {
        int width = (int) Math.round(figure.width() * scale);
        int height = (int) Math.round(figure.height() * scale);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.scale(scale, scale);
            figure.chart().draw(graphics, new Rectangle2D.Double(0, 0, figure.width(), figure.height()));
        }
        finally {
            graphics.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
