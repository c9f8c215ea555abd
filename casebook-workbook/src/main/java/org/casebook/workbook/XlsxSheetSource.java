package org.casebook.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.error.Messages;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCell;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTSheet;

import static java.util.Objects.requireNonNull;

/**
 * One .xlsx workbook, one sheet per table. Row 1 of each sheet is the header. Cells are read as
 * text: a date-typed cell as {@code yyyy-mm-dd}, a number without trailing zeros ({@code 30.0} →
 * {@code 30}), a formula cell by its cached value.
 *
 * <p>Cells are read from the sheet's XML as written ({@code t} and {@code v}), not through POI's
 * typed getters, so that whatever a damaged or hand-made file holds becomes a located error:
 * an Excel error value ({@code #N/A}), a number that is not finite, a shared-string index outside
 * the workbook's strings, a date ({@code t="d"}) that is not ISO 8601, a sheet listed in the
 * workbook whose part is missing. A file POI cannot open at all is one error naming the file.
 */
final class XlsxSheetSource
        implements SheetSource
{
    private final Path file;
    private XSSFWorkbook workbook;

    XlsxSheetSource(Path file)
    {
        this.file = requireNonNull(file, "file is null");
    }

    @Override
    public Map<String, Sheet> openSheets(ImportIssues issues)
    {
        workbook = open();
        Map<String, Sheet> sheets = new LinkedHashMap<>();
        Set<String> loaded = new HashSet<>();
        for (org.apache.poi.ss.usermodel.Sheet sheet : workbook) {
            loaded.add(sheet.getSheetName());
            String name = sheet.getSheetName().strip();
            String key = name.toLowerCase(Locale.ROOT);
            if (sheets.containsKey(key)) {
                issues.error(name, 0, null, null, "a second sheet of this name (names are compared without case and surrounding spaces)");
                continue;
            }
            sheets.put(key, new CellReader(workbook, (XSSFSheet) sheet, name, issues.section()).toSheet());
        }
        // POI skips, with only a log line, a sheet the workbook lists whose part is missing: its rows would be lost silently
        for (CTSheet listed : workbook.getCTWorkbook().getSheets().getSheetArray()) {
            if (!loaded.contains(listed.getName())) {
                issues.error(Objects.requireNonNullElse(listed.getName(), "").strip(), 0, null, null,
                        "the sheet is listed in the workbook but its contents are missing from the file (damaged .xlsx)");
            }
        }
        return sheets;
    }

    @Override
    public void close()
    {
        if (workbook != null) {
            try {
                workbook.close();
            }
            catch (IOException e) {
                // opened from a stream: nothing to write back or lose
            }
            workbook = null;
        }
    }

    private XSSFWorkbook open()
    {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
        catch (IOException | RuntimeException e) {
            // POI reports a damaged package or part with many exception types (POIXMLException,
            // NotOfficeXmlFileException, RecordFormatException, IllegalArgumentException, …)
            throw unreadable(e);
        }
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

    /** A cell that cannot be read as a value, with what is wrong. */
    private static final class BadCell
            extends Exception
    {
        BadCell(String problem)
        {
            super(problem, null, false, false);
        }
    }

    private static final class CellReader
    {
        private final XSSFWorkbook workbook;
        private final XSSFSheet sheet;
        private final String name;
        private final ImportIssues issues;

        CellReader(XSSFWorkbook workbook, XSSFSheet sheet, String name, ImportIssues issues)
        {
            this.workbook = workbook;
            this.sheet = sheet;
            this.name = name;
            this.issues = issues;
        }

        Sheet toSheet()
        {
            XSSFRow header = sheet.getRow(0);
            if (header == null) {
                return new Sheet(name, List.of(), issues, null);
            }
            List<String> headerCells = new ArrayList<>();
            for (int i = 0; i < Math.max(header.getLastCellNum(), 0); i++) {
                try {
                    headerCells.add(text(header.getCell(i)));
                }
                catch (BadCell e) {
                    issues.error(name, 0, CellReference.convertNumToColString(i), null, "header cell " + CellReference.convertNumToColString(i) + "1: " + e.getMessage());
                    headerCells.add("");
                }
            }
            List<String> columns = HeaderBuilder.columns(name, headerCells, issues);
            int lastRow = sheet.getLastRowNum();
            return new Sheet(name, columns, issues, new Sheet.RowReader()
            {
                private int r = 1;

                @Override
                public SheetRow next(Sheet table)
                {
                    for (; r <= lastRow; r++) {
                        XSSFRow row = sheet.getRow(r);
                        if (row != null) {
                            return read(table, columns, r++, row);
                        }
                    }
                    return null;
                }
            });
        }

        private SheetRow read(Sheet table, List<String> columns, int r, XSSFRow row)
        {
            String[] cells = new String[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i) == null) {
                    continue;
                }
                XSSFCell cell = row.getCell(i);
                if (isFormulaWithoutSavedValue(cell)) {
                    // POI would read it as 0 (or empty): a silently wrong value
                    issues.error(name, r, columns.get(i), "=" + Messages.shorten(cell.getCTCell().getF().getStringValue()),
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

        private static boolean isFormulaWithoutSavedValue(XSSFCell cell)
        {
            if (cell == null) {
                return false;
            }
            CTCell ct = cell.getCTCell();
            return ct.isSetF() && !ct.isSetV() && !ct.isSetIs();
        }

        private String text(XSSFCell cell)
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

        private String valueOf(XSSFCell cell)
                throws BadCell
        {
            CTCell ct = cell.getCTCell();
            // the type as written: the schema POI ships has no "d" (ISO 8601 date) type, so its enum cannot be used
            String type = typeAttribute(ct);
            String v = ct.isSetV() ? ct.getV() : null;
            if (type.equals("inlineStr")) {
                return ct.isSetIs() ? new XSSFRichTextString(ct.getIs()).getString() : Objects.requireNonNullElse(v, "");
            }
            if (v == null) {
                return "";
            }
            return switch (type) {
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
                default -> throw new BadCell("a cell of unknown type t=\"" + Messages.shorten(type) + "\"");
            };
        }

        private static String typeAttribute(CTCell ct)
        {
            org.w3c.dom.Node node = ct.getDomNode();
            org.w3c.dom.Node attribute = node == null || node.getAttributes() == null ? null : node.getAttributes().getNamedItem("t");
            return attribute == null || attribute.getNodeValue() == null ? "n" : attribute.getNodeValue();
        }

        private String sharedString(String v)
                throws BadCell
        {
            SharedStrings strings = workbook.getSharedStringSource();
            int count = strings == null ? 0 : strings.getCount();
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
            var item = strings.getItemAt(index);
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

        private String number(XSSFCell cell, String v)
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
                LocalDateTime dateTime = DateUtil.getLocalDateTime(value, workbook.isDate1904());
                if (dateTime == null) {
                    throw new BadCell("a date cell holding " + Messages.shorten(v) + ", not a date Excel can show");
                }
                return dateTime.toLocalDate().toString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }

        private boolean isDateFormatted(XSSFCell cell)
        {
            if (!cell.getCTCell().isSetS()) {
                return false;
            }
            long index = cell.getCTCell().getS();
            if (workbook.getStylesSource() == null || index < 0 || index >= workbook.getStylesSource().getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle style = cell.getCellStyle();
            return style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
        }
    }
}
