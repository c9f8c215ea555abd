package org.casebook.report.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.casebook.report.figure.Figure;

/**
 * Turns the print variant of the report page into PDF with openhtmltopdf (PDFBox), embedding
 * the bundled DejaVu Sans so that ±, →, ≥ and χ² print as in the browser.
 */
public final class PdfReport
{
    private static final String FONTS = "/org/casebook/report/fonts/";
    private static final String FAMILY = "DejaVu Sans";
    /** The bundled fonts' bytes, read from the jar once. */
    private static final Map<String, byte[]> FONT_FILES = new ConcurrentHashMap<>();

    private PdfReport() {}

    public static void write(String printHtml, List<Figure> figures, OutputStream out)
            throws IOException
    {
        // openhtmltopdf logs each font load and CSS warning through java.util.logging; the report is quiet
        XRLog.setLoggingEnabled(false);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(printHtml, null);
        builder.useObjectDrawerFactory(new FigureObjectDrawer(figures.stream().collect(Collectors.toMap(Figure::id, figure -> figure))));
        // the fonts are loaded into this document; the renderer saves and closes it
        PDDocument document = new PDDocument();
        builder.usePDDocument(document);
        // the fonts are read while the document is saved (their subsets), so they close after it
        try (TrueTypeFont regular = withoutLigatures("DejaVuSans.ttf"); TrueTypeFont bold = withoutLigatures("DejaVuSans-Bold.ttf")) {
            builder.useFont(new Embedded(document, regular), FAMILY, 400, BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(new Embedded(document, bold), FAMILY, 700, BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.toStream(out);
            builder.run();
        }
    }

    /**
     * The bundled font without its glyph substitutions (the OpenType GSUB table: DejaVu Sans'
     * ligatures ff, fi, fl, ffi, ffl). PDFBox applies them to every text it shows, building a regular
     * expression of the ligature sequences anew each time: about 30% of the PDF's time in a
     * 500-patient report. Without them the letters print one by one, as openhtmltopdf measured them
     * for the layout, and the PDF's text copies and searches as typed ("fi", not "ﬁ"). The embedded
     * subset never carried the table.
     */
    static TrueTypeFont withoutLigatures(String file)
            throws IOException
    {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(FONT_FILES.computeIfAbsent(file, PdfReport::readFont)));
        font.setEnableGsub(false);
        return font;
    }

    /** Embeds a font, as a subset, in the document when the layout first uses it. */
    private static final class Embedded
            extends PDFontSupplier
    {
        private final PDDocument document;
        private final TrueTypeFont font;

        Embedded(PDDocument document, TrueTypeFont font)
        {
            super(null);
            this.document = document;
            this.font = font;
        }

        @Override
        public PDFont supply()
        {
            try {
                return PDType0Font.load(document, font, true);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
