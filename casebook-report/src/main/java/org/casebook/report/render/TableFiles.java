package org.casebook.report.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.casebook.report.table.ReportTable;

/**
 * The tables as data files: one CSV per table (UTF-8, comma-separated, LF line ends, a header row,
 * every cell filled, nothing time-dependent, so two runs on the same input give the same bytes),
 * and all tables in one .xlsx, a sheet each, with the title above and the notes below. In the
 * xlsx a cell that is a plain number ({@code 12}, {@code -0.5}, {@code 133.1}) is a numeric cell
 * shown with the same decimals; anything else ({@code 5/6 (83%)}, {@code <0.001}, {@code 007}) is text.
 */
public final class TableFiles
{
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
    private static final int ROW_WINDOW = 200;
    /** A plain decimal number as the report prints one: no leading zeros, no exponent, no thousands separator. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,6})?");

    private TableFiles() {}

    public static String csv(ReportTable table)
    {
        StringWriter out = new StringWriter();
        try {
            csv(table, out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The same text as {@link #csv(ReportTable)}, written a row at a time: a per-patient table's text is not held whole. */
    public static void csv(ReportTable table, java.io.Writer out)
            throws IOException
    {
        CSVPrinter printer = new CSVPrinter(out, CSV);
        printer.printRecord(table.columns());
        for (List<String> row : table.rows()) {
            printer.printRecord(row);
        }
        printer.flush();
    }

    public static void xlsx(List<ReportTable> tables, OutputStream out)
            throws IOException
    {
        // streaming workbook: cells go out as plain XML rather than through XMLBeans objects, which
        // a short-lived JVM spends seconds compiling
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROW_WINDOW);
        try {
            CellStyle bold = workbook.createCellStyle();
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            bold.setFont(boldFont);
            java.util.Map<Integer, CellStyle> numberStyles = new java.util.HashMap<>();
            for (ReportTable table : tables) {
                Sheet sheet = workbook.createSheet(table.id());
                int rowIndex = 0;
                Row title = sheet.createRow(rowIndex++);
                title.createCell(0).setCellValue(table.title());
                title.getCell(0).setCellStyle(bold);
                Row header = sheet.createRow(rowIndex++);
                write(header, table.columns(), bold);
                // column widths found while the rows are written: a per-patient table's rows are made as they are read
                int[] widths = table.columns().stream().mapToInt(String::length).toArray();
                for (List<String> cells : table.rows()) {
                    writeValues(workbook, numberStyles, sheet.createRow(rowIndex++), cells);
                    for (int column = 0; column < widths.length; column++) {
                        widths[column] = Math.max(widths[column], cells.get(column).length());
                    }
                }
                rowIndex++;
                for (String note : table.notes()) {
                    sheet.createRow(rowIndex++).createCell(0).setCellValue(note);
                }
                for (int column = 0; column < table.columns().size(); column++) {
                    sheet.setColumnWidth(column, 256 * Math.min(60, widths[column] + 2));
                }
                sheet.createFreezePane(0, 2);
            }
            workbook.write(out);
        }
        finally {
            workbook.close();
            workbook.dispose();
        }
    }

    private static void write(Row row, List<String> cells, CellStyle style)
    {
        for (int i = 0; i < cells.size(); i++) {
            row.createCell(i).setCellValue(cells.get(i));
            if (style != null) {
                row.getCell(i).setCellStyle(style);
            }
        }
    }

    /** Cells that are plain numbers as numeric cells with as many decimals as printed, the rest as text. */
    private static void writeValues(SXSSFWorkbook workbook, java.util.Map<Integer, CellStyle> numberStyles, Row row, List<String> cells)
    {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (NUMBER.matcher(cell).matches()) {
                int point = cell.indexOf('.');
                int decimals = point < 0 ? 0 : cell.length() - point - 1;
                row.createCell(i).setCellValue(Double.parseDouble(cell));
                row.getCell(i).setCellStyle(numberStyles.computeIfAbsent(decimals, places -> {
                    CellStyle style = workbook.createCellStyle();
                    style.setDataFormat(workbook.createDataFormat().getFormat(places == 0 ? "0" : "0." + "0".repeat(places)));
                    return style;
                }));
            }
            else {
                row.createCell(i).setCellValue(cell);
            }
        }
    }

    /** True when the xlsx writes this cell as a number. */
    public static boolean isNumber(String cell)
    {
        return NUMBER.matcher(cell).matches();
    }

}
