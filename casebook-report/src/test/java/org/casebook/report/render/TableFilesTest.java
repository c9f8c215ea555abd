package org.casebook.report.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.casebook.report.table.ReportTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** tables.xlsx: plain numbers as numeric cells showing the printed decimals, everything else text; notes below. */
class TableFilesTest
{
    @Test
    void plainNumbersAreNumericCellsWithTheirDecimalsAndTheRestText()
            throws Exception
    {
        ReportTable table = new ReportTable.Builder("t1", "Table 1. Numbers", List.of("a", "b", "c", "d", "e", "f", "g"))
                .row("12", "-0.50", "133.1", "5/6 (83%)", "<0.001", "007", "1e3")
                .row("0", "", "not recorded", "179.2 ± 47.7", "P01", "0.0470", "1,000")
                .note("Footnote one.").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableFiles.xlsx(List.of(table), out);
        DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = workbook.getSheet("t1");
            var row = sheet.getRow(2);
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(12.0);
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(-0.5);
            assertThat(formatter.formatCellValue(row.getCell(1))).isEqualTo("-0.50");
            assertThat(formatter.formatCellValue(row.getCell(2))).isEqualTo("133.1");
            for (int text = 3; text < 7; text++) {
                assertThat(row.getCell(text).getCellType()).as("column " + text).isEqualTo(CellType.STRING);
            }
            var second = sheet.getRow(3);
            assertThat(second.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(second.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(formatter.formatCellValue(second.getCell(5))).isEqualTo("0.0470");
            assertThat(second.getCell(6).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(5).getCell(0).getStringCellValue()).isEqualTo("Footnote one.");
        }
    }
}
