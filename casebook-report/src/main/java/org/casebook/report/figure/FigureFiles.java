package org.casebook.report.figure;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.SVGUnits;
import org.jfree.svg.ViewBox;

/**
 * A figure as the files a journal takes: a stand-alone SVG (vector, physical size in millimetres)
 * and a PNG at 300 dpi, both at the figure's journal column width ({@link Figure#column()}):
 * {@link #SINGLE_COLUMN_MM} (85 mm) for line charts, {@link #DOUBLE_COLUMN_MM} (170 mm) for
 * figures designed wider (swimmer plots) and the CT composition.
 *
 * <p>The chart is laid out in a box of {@code printWidth / SCALE} user units, so that its smallest
 * font (11 units, {@link ChartStyle#SMALL}) prints at 11 × {@value #PT_PER_UNIT} ≈ 7.3 pt: no text
 * under 7 pt at print size. A single-column chart is therefore laid out narrower than on the
 * report page (about 365 units instead of 640), not merely shrunk.
 */
public final class FigureFiles
{
    public static final double SINGLE_COLUMN_MM = 85;
    public static final double DOUBLE_COLUMN_MM = 170;
    /** Highest figure a journal page takes (A4 text block less a caption). */
    public static final double MAX_HEIGHT_MM = 225;
    public static final int DPI = 300;
    /** Points per chart unit at print size: 11-unit text prints at 7.26 pt. */
    public static final double PT_PER_UNIT = 0.66;
    private static final double MM_PER_PT = 25.4 / 72;

    /** The physical size and the chart's layout box of one figure. */
    public record PrintSize(double widthMm, double heightMm, double unitsWide, double unitsHigh)
    {
        public int pixelsWide()
        {
            return (int) Math.round(widthMm / 25.4 * DPI);
        }

        public int pixelsHigh()
        {
            return (int) Math.round(heightMm / 25.4 * DPI);
        }
    }

    static {
        // PNGs are encoded in memory, not through a temporary cache file
        ImageIO.setUseCache(false);
    }

    private FigureFiles() {}

    /**
     * The figure's print size: single or double column by its design width, the height keeping the
     * figure's aspect ratio, at most {@link #MAX_HEIGHT_MM} (then laid out less wide instead).
     */
    public static PrintSize printSize(Figure figure)
    {
        double widthMm = figure.column() == Figure.Column.DOUBLE ? DOUBLE_COLUMN_MM : SINGLE_COLUMN_MM;
        double heightMm = widthMm * figure.height() / figure.width();
        if (heightMm > MAX_HEIGHT_MM) {
            widthMm = widthMm * MAX_HEIGHT_MM / heightMm;
            heightMm = MAX_HEIGHT_MM;
        }
        return new PrintSize(widthMm, heightMm, unitsForMillimetres(widthMm), unitsForMillimetres(heightMm));
    }

    /** The chart units that print as {@code millimetres} ({@value #PT_PER_UNIT} pt each). */
    public static double unitsForMillimetres(double millimetres)
    {
        return millimetres / MM_PER_PT / PT_PER_UNIT;
    }

    /** A stand-alone SVG document with its width and height in millimetres. */
    public static String svg(Figure figure)
    {
        PrintSize size = printSize(figure);
        SVGGraphics2D graphics = new SVGGraphics2D(size.unitsWide(), size.unitsHigh());
        graphics.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_STANDARD);
        graphics.setDefsKeyPrefix(figure.id() + "-");
        graphics.setFontSizeUnits(SVGUnits.PX);
        figure.newChart().draw(graphics, new Rectangle2D.Double(0, 0, size.unitsWide(), size.unitsHigh()));
        String element = graphics.getSVGElement(figure.id(), false, new ViewBox(0, 0, size.unitsWide(), size.unitsHigh()),
                null, null);
        String dimensions = String.format(Locale.ROOT, "<svg width=\"%.1fmm\" height=\"%.1fmm\" ", size.widthMm(), size.heightMm());
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element.replaceFirst("<svg ", dimensions) + "\n";
    }

    /** The figure as a PNG at {@link #DPI} dpi (the resolution recorded in the file), white background. */
    public static void png(Figure figure, OutputStream out)
            throws IOException
    {
        writePng(new RowsInPlace(draw(figure)), out);
    }

    /** The figure's pixels at {@link #DPI} dpi and its print size. */
    static BufferedImage draw(Figure figure)
    {
        PrintSize size = printSize(figure);
        BufferedImage image = new BufferedImage(size.pixelsWide(), size.pixelsHigh(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            graphics.scale(image.getWidth() / size.unitsWide(), image.getHeight() / size.unitsHigh());
            figure.newChart().draw(graphics, new Rectangle2D.Double(0, 0, size.unitsWide(), size.unitsHigh()));
        }
        finally {
            graphics.dispose();
        }
        return image;
    }

    /**
     * The drawn image as the PNG writer reads it: JDK 17's writer asks for each pixel row with
     * {@code getData(row)}, which copied the row pixel by pixel into a new raster, and then unpacks
     * it into red, green and blue samples through the sample model, again a call per pixel and band.
     * In a profile of a cold 500-patient report these two were most of the writer's Java samples
     * (a 300-dpi double-column figure has 2,000 rows of 2,000 pixels). Here a row is read in place
     * from the drawn pixels, which the writer only reads; the file is byte for byte the same.
     */
    private static final class RowsInPlace
            extends BufferedImage
    {
        private final int[] pixels;

        RowsInPlace(BufferedImage drawn)
        {
            super(drawn.getColorModel(), drawn.getRaster(), drawn.isAlphaPremultiplied(), null);
            pixels = ((DataBufferInt) drawn.getRaster().getDataBuffer()).getData();
        }

        @Override
        public Raster getData(Rectangle rows)
        {
            return new PixelRows(getRaster(), pixels, getWidth());
        }
    }

    /** The pixels of a {@link BufferedImage#TYPE_INT_RGB} image (0xRRGGBB, a row after another), read as samples without a call per pixel. */
    private static final class PixelRows
            extends Raster
    {
        private final int[] pixels;
        private final int width;

        PixelRows(Raster raster, int[] pixels, int width)
        {
            super(raster.getSampleModel(), raster.getDataBuffer(), new java.awt.Point(0, 0));
            this.pixels = pixels;
            this.width = width;
        }

        @Override
        public int[] getPixels(int x, int y, int w, int h, int[] samples)
        {
            int[] out = samples != null ? samples : new int[w * h * 3];
            int next = 0;
            for (int row = y; row < y + h; row++) {
                for (int at = row * width + x, end = at + w; at < end; at++) {
                    int rgb = pixels[at];
                    out[next++] = (rgb >>> 16) & 0xFF;
                    out[next++] = (rgb >>> 8) & 0xFF;
                    out[next++] = rgb & 0xFF;
                }
            }
            return out;
        }
    }

    /** Writes the image with a pHYs chunk saying {@link #DPI} dpi, so that a journal's check reads 300 dpi. */
    private static void writePng(BufferedImage image, OutputStream out)
            throws IOException
    {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode physical = new IIOMetadataNode("pHYs");
            String perMetre = Integer.toString((int) Math.round(DPI / 0.0254));
            physical.setAttribute("pixelsPerUnitXAxis", perMetre);
            physical.setAttribute("pixelsPerUnitYAxis", perMetre);
            physical.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(physical);
            try {
                metadata.mergeTree("javax_imageio_png_1.0", root);
            }
            catch (IIOInvalidTreeException e) {
                throw new IllegalStateException("PNG metadata refused", e);
            }
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        }
        finally {
            writer.dispose();
        }
    }
}
