package org.casebook.report.render;

import java.awt.geom.Rectangle2D;
import java.util.Map;

import com.openhtmltopdf.extend.FSObjectDrawer;
import com.openhtmltopdf.extend.FSObjectDrawerFactory;
import com.openhtmltopdf.extend.OutputDevice;
import com.openhtmltopdf.render.RenderingContext;
import org.casebook.report.figure.Figure;
import org.w3c.dom.Element;

/**
 * Draws the report's figures into the PDF as vector graphics: the print page has an
 * {@code <object type="casebook/figure" data-figure="ID">} where the screen page has an SVG, and
 * openhtmltopdf hands this drawer a Graphics2D onto the PDF page (pdfbox-graphics2d) sized to the
 * object's box, which the chart is scaled into. No raster images, so the PDF stays small and sharp.
 */
final class FigureObjectDrawer
        implements FSObjectDrawerFactory, FSObjectDrawer
{
    static final String TYPE = "casebook/figure";
    static final String FIGURE_ATTRIBUTE = "data-figure";

    private final Map<String, Figure> figures;

    FigureObjectDrawer(Map<String, Figure> figures)
    {
        this.figures = Map.copyOf(figures);
    }

    @Override
    public FSObjectDrawer createDrawer(Element element)
    {
        return isReplacedObject(element) ? this : null;
    }

    @Override
    public boolean isReplacedObject(Element element)
    {
        return TYPE.equals(element.getAttribute("type")) && figures.containsKey(element.getAttribute(FIGURE_ATTRIBUTE));
    }

    @Override
    public Map<java.awt.Shape, String> drawObject(Element element, double x, double y, double width, double height, OutputDevice outputDevice,
            RenderingContext context, int dotsPerPixel)
    {
        Figure figure = figures.get(element.getAttribute(FIGURE_ATTRIBUTE));
        float boxWidth = (float) (width / dotsPerPixel);
        float boxHeight = (float) (height / dotsPerPixel);
        outputDevice.drawWithGraphics((float) x, (float) y, boxWidth, boxHeight, graphics -> {
            graphics.scale(boxWidth / figure.width(), boxHeight / figure.height());
            figure.newChart().draw(graphics, new Rectangle2D.Double(0, 0, figure.width(), figure.height()));
        });
        return null;
    }
}
