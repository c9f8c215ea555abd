package org.casebook.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.poi.EmptyFileException;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

import static java.util.Objects.requireNonNull;

/**
 * One .xlsx workbook, one sheet per table. Row 1 of each sheet is the header. Cells are read as
 * text: a date-typed cell as {@code yyyy-mm-dd}, a number without trailing zeros ({@code 30.0} →
 * {@code 30}), a formula cell by its cached value.
 */
final class XlsxSheetSource
        implements SheetSource
{
    private final Path file;

    XlsxSheetSource(Path file)
    {
        this.file = requireNonNull(file, "file is null");
    }

    @Override
    public Map<String, Sheet> readSheets(ImportIssues issues)
    {
        try (Workbook workbook = open()) {
            Map<String, Sheet> sheets = new LinkedHashMap<>();
            for (org.apache.poi.ss.usermodel.Sheet sheet : workbook) {
                String name = sheet.getSheetName().strip();
                sheets.put(name.toLowerCase(Locale.ROOT), toSheet(name, sheet, issues));
            }
            return sheets;
        }
        catch (IOException e) {
            throw unreadable(e);
        }
    }

    private Workbook open()
    {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
        catch (IOException | UnsupportedFileFormatException | EmptyFileException | POIXMLException e) {
            throw unreadable(e);
        }
    }

    private CasebookException unreadable(Exception cause)
    {
        return new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + file + " as an .xlsx workbook: " + cause.getMessage(), cause);
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

    private static Sheet toSheet(String name, org.apache.poi.ss.usermodel.Sheet sheet, ImportIssues issues)
    {
        Row header = sheet.getRow(0);
        if (header == null) {
            return new Sheet(name, List.of(), List.of());
        }
        List<String> headerCells = new ArrayList<>();
        for (int i = 0; i < Math.max(header.getLastCellNum(), 0); i++) {
            headerCells.add(text(header.getCell(i)));
        }
        List<String> columns = HeaderBuilder.columns(name, headerCells, issues);
        List<SheetRow> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                Cell cell = row.getCell(i);
                if (columns.get(i) != null && isFormulaWithoutSavedValue(cell)) {
                    // POI would read it as 0 (or empty): a silently wrong value
                    issues.error(name, r, columns.get(i), "=" + cell.getCellFormula(), "a formula without a saved result: open the workbook in "
                            + "Excel or LibreOffice and save it, so that each formula's value is stored, or type the value");
                    continue;
                }
                String value = text(cell).strip();
                if (columns.get(i) != null && !value.isEmpty()) {
                    cells.put(columns.get(i), value);
                }
            }
            if (!cells.isEmpty()) {
                rows.add(new SheetRow(r, cells));
            }
        }
        return new Sheet(name, columns.stream().filter(Objects::nonNull).toList(), rows);
    }

    private static boolean isFormulaWithoutSavedValue(Cell cell)
    {
        return cell instanceof org.apache.poi.xssf.usermodel.XSSFCell xssf && cell.getCellType() == CellType.FORMULA && !xssf.getCTCell().isSetV();
    }

    private static String text(Cell cell)
    {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                    : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            case BLANK, FORMULA, _NONE -> "";
        };
    }
}
