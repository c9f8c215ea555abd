package org.casebook.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;

/**
 * One worksheet part of an .xlsx, read row by row as its XML streams by (StAX): a row's cells as
 * written ({@code <c r="E2" t="s" s="3"><v>…</v></c>}), never the whole sheet in memory. A row or
 * cell without its {@code r} attribute follows the one before, as Excel and POI read it.
 *
 * <p>XML that cannot be parsed (a truncated or damaged part) and a row or cell reference outside
 * a sheet's bounds are {@link Damaged}: the caller reports the file as unreadable.
 */
final class XlsxSheetXml
        implements AutoCloseable
{
    /** Excel's last row and column (1,048,576 rows, XFD = 16,384 columns), zero-based. */
    static final int MAX_ROW = 1_048_575;
    static final int MAX_COLUMN = 16_383;

    /** One cell as written: its type ({@code t}, "n" when absent), style index, value, formula and inline text; null when absent. */
    record RawCell(String type, String style, String value, String formula, String inlineText) {}

    /** One row as written: its zero-based index and its cells by zero-based column. */
    record RawRow(int index, Map<Integer, RawCell> cells) {}

    /** The sheet's XML cannot be read on; the message says why. */
    static final class Damaged
            extends Exception
    {
        Damaged(String problem, Throwable cause)
        {
            super(problem, cause);
        }
    }

    private final InputStream in;
    private final XMLStreamReader xml;
    private int previousRow = -1;

    XlsxSheetXml(InputStream in)
            throws Damaged
    {
        this.in = in;
        try {
            // POI's factory: no DTDs, no external entities. The bytes are decoded here, strictly:
            // the JDK's parser prints "[Fatal Error]" to stderr on bad UTF-8 it decodes itself
            this.xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(strictUtf8(in));
        }
        catch (XMLStreamException | RuntimeException e) {
            throw damaged(e);
        }
    }

    /** A part's bytes as UTF-8 text, a malformed byte an exception (an xlsx part is UTF-8 as Excel writes it). */
    static java.io.Reader strictUtf8(InputStream in)
    {
        return new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
    }

    /** The next row of the sheet, or null after its last. */
    RawRow next()
            throws Damaged
    {
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                    int index = reference(xml.getAttributeValue(null, "r"), previousRow + 1);
                    previousRow = index;
                    return new RawRow(index, cells());
                }
            }
            return null;
        }
        catch (XMLStreamException | RuntimeException e) {
            // a damaged part: the parser's (or the zip stream's) reason, as a located message
            throw damaged(e);
        }
    }

    private Map<Integer, RawCell> cells()
            throws XMLStreamException, Damaged
    {
        Map<Integer, RawCell> cells = new HashMap<>();
        int previousColumn = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
                return cells;
            }
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
                int column = column(xml.getAttributeValue(null, "r"), previousColumn + 1);
                previousColumn = column;
                // a second cell of the same column replaces the first, as in POI's model
                cells.put(column, cell());
            }
        }
        throw new Damaged("the row ends before its closing tag", null);
    }

    private RawCell cell()
            throws XMLStreamException
    {
        String type = xml.getAttributeValue(null, "t");
        String style = xml.getAttributeValue(null, "s");
        String value = null;
        String formula = null;
        String inlineText = null;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "v" -> value = xml.getElementText();
                    case "f" -> formula = xml.getElementText();
                    case "is" -> inlineText = inlineText();
                    default -> depth++;
                }
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new RawCell(type == null ? "n" : type, style, value, formula, inlineText);
    }

    /** The text of an inline string: its {@code t}, or its runs' {@code t} joined; phonetic runs ({@code rPh}) left out, as POI's string. */
    private String inlineText()
            throws XMLStreamException
    {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        boolean phonetic = false;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (xml.getLocalName().equals("t") && !phonetic) {
                    text.append(xml.getElementText());
                    continue;
                }
                phonetic |= xml.getLocalName().equals("rPh");
                depth++;
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                if (xml.getLocalName().equals("rPh")) {
                    phonetic = false;
                }
                depth--;
            }
        }
        return text.toString();
    }

    private static int reference(String r, int next)
            throws Damaged
    {
        if (r == null) {
            return next;
        }
        int row;
        try {
            row = Integer.parseInt(r.strip()) - 1;
        }
        catch (NumberFormatException e) {
            throw new Damaged("a row numbered '" + org.casebook.error.Messages.shorten(r) + "'", null);
        }
        if (row < 0 || row > MAX_ROW) {
            throw new Damaged("a row numbered " + r.strip() + ", outside 1–" + (MAX_ROW + 1), null);
        }
        return row;
    }

    private static int column(String r, int next)
            throws Damaged
    {
        if (r == null) {
            return next;
        }
        int column;
        try {
            column = new CellReference(r.strip()).getCol();
        }
        catch (RuntimeException e) {
            throw new Damaged("a cell reference '" + org.casebook.error.Messages.shorten(r) + "'", null);
        }
        if (column < 0 || column > MAX_COLUMN) {
            throw new Damaged("a cell reference '" + org.casebook.error.Messages.shorten(r) + "' outside columns A–XFD", null);
        }
        return column;
    }

    private static Damaged damaged(Exception e)
    {
        return new Damaged(java.util.Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()), e);
    }

    @Override
    public void close()
    {
        try {
            xml.close();
            in.close();
        }
        catch (XMLStreamException | IOException e) {
            // read only: nothing is lost
        }
    }
}
