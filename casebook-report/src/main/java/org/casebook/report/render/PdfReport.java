package org.casebook.report.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import org.casebook.report.figure.Figure;

/**
 * Turns the print variant of the report page into PDF with openhtmltopdf (PDFBox), embedding
 * the bundled DejaVu Sans so that ±, →, ≥ and χ² print as in the browser.
 */
public final class PdfReport
{
    private static final String FONTS = "/org/casebook/report/fonts/";
    /** The bundled fonts' bytes, read from the jar once. */
    private static final java.util.Map<String, byte[]> FONT_FILES = new java.util.concurrent.ConcurrentHashMap<>();

    private PdfReport() {}

    public static void write(String printHtml, java.util.List<Figure> figures, OutputStream out)
            throws IOException
    {
        // openhtmltopdf logs each font load and CSS warning through java.util.logging; the report is quiet
        XRLog.setLoggingEnabled(false);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(printHtml, null);
        builder.useObjectDrawerFactory(new FigureObjectDrawer(figures.stream().collect(java.util.stream.Collectors.toMap(Figure::id, figure -> figure))));
        font(builder, "DejaVuSans.ttf", 400);
        font(builder, "DejaVuSans-Bold.ttf", 700);
        builder.toStream(out);
        builder.run();
    }

    private static void font(PdfRendererBuilder builder, String file, int weight)
    {
        byte[] bytes = FONT_FILES.computeIfAbsent(file, PdfReport::readFont);
        builder.useFont(() -> new java.io.ByteArrayInputStream(bytes), "DejaVu Sans", weight, BaseRendererBuilder.FontStyle.NORMAL, true);
    }

    private static byte[] readFont(String file)
    {
        try (InputStream in = PdfReport.class.getResourceAsStream(FONTS + file)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the jar: " + file);
            }
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
