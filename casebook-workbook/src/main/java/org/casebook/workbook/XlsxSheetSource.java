package org.casebook.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.error.Messages;
import org.xml.sax.SAXException;

import static java.util.Objects.requireNonNull;

/**
 * One .xlsx workbook, one sheet per table. Row 1 of each sheet is the header. Cells are read as
 * text: a date-typed cell as {@code yyyy-mm-dd}, a number without trailing zeros ({@code 30.0} →
 * {@code 30}), a formula cell by its cached value.
 *
 * <p>The workbook is read as a stream, never as POI's whole in-memory model: each sheet's XML
 * ({@link XlsxSheetXml}) is parsed row by row as the import consumes its rows, from the zip entry
 * inflated as it is read; only the shared strings and the cell styles are held whole. Cells are
 * read as written ({@code t} and {@code v}), not through POI's typed getters, so that whatever a damaged or hand-made file holds becomes a located error:
 * an Excel error value ({@code #N/A}), a number that is not finite, a shared-string index outside
 * the workbook's strings, a date ({@code t="d"}) that is not ISO 8601, a sheet listed in the
 * workbook whose part is missing. A file POI cannot open at all, or a sheet whose XML turns out
 * damaged as it is read, is one error naming the file.
 */
final class XlsxSheetSource
        implements SheetSource
{
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private final Path file;
    private OPCPackage pack;
    private final List<XlsxSheetXml> open = new ArrayList<>();

    XlsxSheetSource(Path file)
    {
        this.file = requireNonNull(file, "file is null");
    }

    /** The workbook part's list of sheets and its date system. */
    private record Listing(List<Listed> sheets, boolean date1904) {}

    /** A sheet as {@code workbook.xml} lists it: its name and the relationship to its part. */
    private record Listed(String name, String relationship) {}

    @Override
    public Map<String, Sheet> openSheets(ImportIssues issues)
    {
        Parts parts = open();
        Map<String, Sheet> sheets = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Listed listed : parts.listing().sheets()) {
            InputStream part = parts.sheet(listed.relationship());
            if (part == null) {
                // POI's model skipped such a sheet with a log line only: its rows would be lost silently
                missing.add(listed.name());
                continue;
            }
            String name = listed.name().strip();
            String key = name.toLowerCase(Locale.ROOT);
            if (sheets.containsKey(key)) {
                close(part);
                issues.error(name, 0, null, null, "a second sheet of this name (names are compared without case and surrounding spaces)");
                continue;
            }
            sheets.put(key, new CellReader(parts, part, name, issues.section()).toSheet());
        }
        for (String name : missing) {
            issues.error(name.strip(), 0, null, null, "the sheet is listed in the workbook but its contents are missing from the file (damaged .xlsx)");
        }
        return sheets;
    }

    @Override
    public void close()
    {
        open.forEach(XlsxSheetXml::close);
        open.clear();
        if (pack != null) {
            // opened read-only: nothing to write back
            pack.revert();
            pack = null;
        }
    }

    /**
     * The package opened from the file (its zip entries are inflated as each part is read), with
     * its shared strings, styles and sheet list; nothing of the sheets is read yet.
     */
    private Parts open()
    {
        try {
            pack = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(pack);
            Listing listing;
            try (InputStream workbook = reader.getWorkbookData()) {
                listing = listing(workbook);
            }
            return new Parts(reader, new CountedStrings(pack), reader.getStylesTable(), listing);
        }
        catch (IOException | RuntimeException | OpenXML4JException | SAXException | XMLStreamException e) {
            // POI reports a damaged package or part with many exception types (POIXMLException,
            // NotOfficeXmlFileException, RecordFormatException, IllegalArgumentException, …)
            throw unreadable(e);
        }
    }

    /** The sheets {@code workbook.xml} lists, in its order, and whether dates count from 1904. */
    private static Listing listing(InputStream workbook)
            throws XMLStreamException
    {
        XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(XlsxSheetXml.strictUtf8(workbook));
        List<Listed> sheets = new ArrayList<>();
        boolean date1904 = false;
        try {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (xml.getLocalName().equals("workbookPr")) {
                    String value = xml.getAttributeValue(null, "date1904");
                    date1904 = "1".equals(value) || "true".equals(value);
                }
                else if (xml.getLocalName().equals("sheet")) {
                    sheets.add(new Listed(Objects.requireNonNullElse(xml.getAttributeValue(null, "name"), ""),
                            Objects.requireNonNullElse(xml.getAttributeValue(RELATIONSHIPS, "id"), "")));
                }
            }
        }
        finally {
            xml.close();
        }
        return new Listing(sheets, date1904);
    }

    private CasebookException unreadable(Exception cause)
    {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = Messages.shorten(Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName()), 200);
        if (root != cause && root.getMessage() != null) {
            reason += " (" + Messages.shorten(root.getMessage(), 200) + ")";
        }
        return new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + Messages.shorten(file.toString(), 1000)
                + " as an .xlsx workbook (is it a damaged file, or not saved as Excel Workbook .xlsx?): " + reason, cause);
    }

    private static void close(InputStream in)
    {
        try {
            in.close();
        }
        catch (IOException e) {
            // read only: nothing is lost
        }
    }

    @Override
    public String sheetName(String baseName)
    {
        return baseName;
    }

    @Override
    public String kind()
    {
        return "sheet";
    }

    /** What the sheets' cells refer to: the shared strings, the cell styles (for date formats), the date system. */
    private final class Parts
    {
        private final XSSFReader reader;
        private final CountedStrings strings;
        private final StylesTable styles;
        private final boolean date1904;
        private final Listing listing;

        Parts(XSSFReader reader, CountedStrings strings, StylesTable styles, Listing listing)
        {
            this.reader = reader;
            this.strings = strings;
            this.styles = styles;
            this.date1904 = listing.date1904();
            this.listing = listing;
        }

        Listing listing()
        {
            return listing;
        }

        /** The sheet's part, or null when the workbook lists it but the file does not hold it. */
        InputStream sheet(String relationship)
        {
            try {
                return reader.getSheet(relationship);
            }
            catch (IllegalArgumentException | InvalidFormatException e) {
                return null;
            }
            catch (IOException e) {
                throw unreadable(e);
            }
        }

        /** Opens the sheet's XML for reading its rows, closed with the source. */
        XlsxSheetXml rows(InputStream part)
        {
            try {
                XlsxSheetXml xml = new XlsxSheetXml(part);
                open.add(xml);
                return xml;
            }
            catch (XlsxSheetXml.Damaged e) {
                close(part);
                throw unreadable(e);
            }
        }

        XlsxSheetXml.RawRow next(XlsxSheetXml xml)
        {
            try {
                return xml.next();
            }
            catch (XlsxSheetXml.Damaged e) {
                throw unreadable(e);
            }
        }
    }

    /**
     * POI's read-only shared strings (parsed once with SAX, plain strings, phonetic runs left out as
     * POI's model leaves them), counting the strings it holds so that a bad index names how many there are.
     */
    private static final class CountedStrings
            extends ReadOnlySharedStringsTable
    {
        // no initializer: the superclass' constructor parses (and counts) before this class' fields would be assigned
        private int items;

        CountedStrings(OPCPackage pack)
                throws IOException, SAXException
        {
            super(pack, false);
        }

        @Override
        public void endElement(String uri, String localName, String qName)
                throws SAXException
        {
            super.endElement(uri, localName, qName);
            // counted as the superclass keeps them: elements of the spreadsheet namespace only
            if ((uri == null || uri.equals(XSSFRelation.NS_SPREADSHEETML)) && "si".equals(localName)) {
                items++;
            }
        }

        int items()
        {
            return items;
        }
    }

    /** A cell that cannot be read as a value, with what is wrong. */
    private static final class BadCell
            extends Exception
    {
        BadCell(String problem)
        {
            super(problem, null, false, false);
        }
    }

    private final class CellReader
    {
        private final Parts parts;
        private final InputStream part;
        private final String name;
        private final ImportIssues issues;

        CellReader(Parts parts, InputStream part, String name, ImportIssues issues)
        {
            this.parts = parts;
            this.part = part;
            this.name = name;
            this.issues = issues;
        }

        /** The sheet with its header read: its first row when that is row 1, else a sheet without columns or rows. */
        Sheet toSheet()
        {
            XlsxSheetXml xml = parts.rows(part);
            XlsxSheetXml.RawRow header = parts.next(xml);
            if (header == null || header.index() != 0) {
                return new Sheet(name, List.of(), issues, null);
            }
            int width = header.cells().keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            List<String> headerCells = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                try {
                    headerCells.add(text(header.cells().get(i)));
                }
                catch (BadCell e) {
                    issues.error(name, 0, CellReference.convertNumToColString(i), null, "header cell " + CellReference.convertNumToColString(i) + "1: " + e.getMessage());
                    headerCells.add("");
                }
            }
            List<String> columns = HeaderBuilder.columns(name, headerCells, issues);
            return new Sheet(name, columns, issues, new Sheet.RowReader()
            {
                private int previous = 0;

                @Override
                public SheetRow next(Sheet table)
                        throws Sheet.Unreadable
                {
                    XlsxSheetXml.RawRow row = parts.next(xml);
                    if (row == null) {
                        return null;
                    }
                    if (row.index() <= previous) {
                        // Excel writes rows in order; POI's model sorted them, a stream cannot
                        issues.error(name, 0, null, null, "row " + (row.index() + 1) + " comes after row " + (previous + 1)
                                + ": the rows are out of order (damaged .xlsx); open the workbook in Excel or LibreOffice and save it");
                        throw new Sheet.Unreadable();
                    }
                    previous = row.index();
                    return read(table, columns, row);
                }
            });
        }

        private SheetRow read(Sheet table, List<String> columns, XlsxSheetXml.RawRow row)
        {
            int r = row.index();
            String[] cells = new String[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i) == null) {
                    continue;
                }
                XlsxSheetXml.RawCell cell = row.cells().get(i);
                if (isFormulaWithoutSavedValue(cell)) {
                    // POI would read it as 0 (or empty): a silently wrong value
                    issues.error(name, r, columns.get(i), "=" + Messages.shorten(cell.formula()),
                            "a formula without a saved result: open the workbook in Excel or LibreOffice and save it, so that each formula's value "
                                    + "is stored, or type the value");
                    continue;
                }
                String value;
                try {
                    value = text(cell).strip();
                }
                catch (BadCell e) {
                    issues.error(name, r, columns.get(i), null, "cell " + CellReference.convertNumToColString(i) + (r + 1) + ": " + e.getMessage());
                    // the row is kept (as a blank value) so that its other cells are checked too and the patient stays known
                    continue;
                }
                if (!value.isEmpty()) {
                    cells[i] = value;
                }
            }
            return new SheetRow(r, table.columnIndex(), cells);
        }

        private static boolean isFormulaWithoutSavedValue(XlsxSheetXml.RawCell cell)
        {
            return cell != null && cell.formula() != null && cell.value() == null && cell.inlineText() == null;
        }

        private String text(XlsxSheetXml.RawCell cell)
                throws BadCell
        {
            if (cell == null) {
                return "";
            }
            try {
                return valueOf(cell);
            }
            catch (BadCell e) {
                throw e;
            }
            catch (RuntimeException e) {
                // a cell POI cannot interpret (a style index outside the styles, a malformed rich text, …)
                throw new BadCell("unreadable cell (" + Messages.shorten(Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()), 120) + ")");
            }
        }

        private String valueOf(XlsxSheetXml.RawCell cell)
                throws BadCell
        {
            // the type as written: the schema POI ships has no "d" (ISO 8601 date) type
            String v = cell.value();
            if (cell.type().equals("inlineStr")) {
                return cell.inlineText() != null ? decoded(cell.inlineText()) : Objects.requireNonNullElse(v, "");
            }
            if (v == null) {
                return "";
            }
            return switch (cell.type()) {
                case "s" -> sharedString(v);
                case "str" -> v;
                case "b" -> switch (v.strip()) {
                    case "1", "true" -> "true";
                    case "0", "false" -> "false";
                    default -> throw new BadCell("a true/false cell holding '" + Messages.shorten(v) + "'");
                };
                case "e" -> throw new BadCell("an Excel error value '" + Messages.shorten(v) + "'; expected a value");
                case "d" -> isoDate(v);
                case "n" -> number(cell, v);
                default -> throw new BadCell("a cell of unknown type t=\"" + Messages.shorten(cell.type()) + "\"");
            };
        }

        /** Text with Excel's escapes of characters XML cannot hold ({@code _x000D_}) decoded, as POI's strings are. */
        private static String decoded(String text)
        {
            return text.indexOf("_x") < 0 ? text : new XSSFRichTextString(text).getString();
        }

        private String sharedString(String v)
                throws BadCell
        {
            int count = parts.strings.items();
            int index;
            try {
                index = Integer.parseInt(v.strip());
            }
            catch (NumberFormatException e) {
                throw new BadCell("a shared-string cell holding '" + Messages.shorten(v) + "', not an index (damaged .xlsx)");
            }
            if (index < 0 || index >= count) {
                throw new BadCell("shared string " + index + " does not exist; the workbook has " + count + " (damaged .xlsx)");
            }
            var item = parts.strings.getItemAt(index);
            if (item == null) {
                throw new BadCell("shared string " + index + " does not exist (damaged .xlsx)");
            }
            return Objects.requireNonNullElse(item.getString(), "");
        }

        private static String isoDate(String v)
                throws BadCell
        {
            String text = v.strip();
            try {
                if (text.length() <= 10) {
                    return LocalDate.parse(text).toString();
                }
                if (text.length() <= 40) {
                    String local = text.replaceFirst("(Z|[+-]\\d\\d:?\\d\\d)$", "");
                    return LocalDateTime.parse(local).toLocalDate().toString();
                }
            }
            catch (DateTimeParseException e) {
                // reported below
            }
            throw new BadCell("a date cell holding '" + Messages.shorten(v) + "', not an ISO 8601 date");
        }

        private String number(XlsxSheetXml.RawCell cell, String v)
                throws BadCell
        {
            double value;
            try {
                value = Double.parseDouble(v.strip());
            }
            catch (NumberFormatException e) {
                throw new BadCell("a number cell holding '" + Messages.shorten(v) + "', not a number");
            }
            if (!Double.isFinite(value)) {
                throw new BadCell("a number cell holding '" + Messages.shorten(v) + "', not a finite number");
            }
            if (isDateFormatted(cell)) {
                if (!DateUtil.isValidExcelDate(value)) {
                    throw new BadCell("a date cell holding " + Messages.shorten(v) + ", not a date Excel can show");
                }
                LocalDateTime dateTime = DateUtil.getLocalDateTime(value, parts.date1904);
                if (dateTime == null) {
                    throw new BadCell("a date cell holding " + Messages.shorten(v) + ", not a date Excel can show");
                }
                return dateTime.toLocalDate().toString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }

        private boolean isDateFormatted(XlsxSheetXml.RawCell cell)
        {
            if (cell.style() == null) {
                return false;
            }
            long index = Long.parseLong(cell.style().strip());
            StylesTable styles = parts.styles;
            if (styles == null || index < 0 || index >= styles.getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle style = styles.getStyleAt((int) index);
            return style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
        }
    }
}
