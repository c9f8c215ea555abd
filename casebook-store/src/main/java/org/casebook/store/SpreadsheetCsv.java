package org.casebook.store;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Every CSV the web app hands out (de-identified export, outcome counts, case history), written
 * by commons-csv so that a comma, quote or line break inside a value stays inside its cell (a
 * value {@code tofacitinib\nS77} cannot add a row), and made safe to open in a spreadsheet: a
 * cell starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return is
 * prefixed with a single quote (OWASP, "CSV injection"), so Excel, LibreOffice and Google Sheets
 * show it as text instead of evaluating it as a formula.
 * <p>
 * A cell that is a plain decimal number ({@code -3.2}, {@code -9}, {@code 1.5e-3}) is left as it is:
 * a spreadsheet reads it as a number, which cannot be a formula, and a quote would turn the
 * negative day offsets and values of the exports into text that no longer sums or sorts.
 */
public final class SpreadsheetCsv
{
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private SpreadsheetCsv() {}

    /** {@code cell} as a spreadsheet may safely read it (null stays null). */
    public static String neutralise(String cell)
    {
        if (cell == null || cell.isEmpty() || NUMBER.matcher(cell).matches()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + cell : cell;
    }

    /** A CSV with quotes only where needed (RFC 4180), lines ending in {@code \n}. */
    public static String write(List<String> header, List<List<String>> rows)
    {
        return write(header, rows, QuoteMode.MINIMAL);
    }

    /**
     * A CSV of {@code rows} under {@code header}, every cell neutralised; a null cell is empty.
     *
     * @param quoteMode {@link QuoteMode#ALL_NON_NULL} quotes every value (the case history keeps its text cells quoted)
     */
    public static String write(List<String> header, List<List<String>> rows, QuoteMode quoteMode)
    {
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator('\n').setQuoteMode(quoteMode).setNullString("").get();
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(header.stream().map(SpreadsheetCsv::neutralise).toList());
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(SpreadsheetCsv::neutralise).toList());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
