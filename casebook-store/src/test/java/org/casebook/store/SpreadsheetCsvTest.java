package org.casebook.store;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCsvTest
{
    @Test
    void formulaLeadingCellsGetASingleQuote()
    {
        assertThat(SpreadsheetCsv.neutralise("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(SpreadsheetCsv.neutralise("+1+cmd")).isEqualTo("'+1+cmd");
        assertThat(SpreadsheetCsv.neutralise("-2+3")).isEqualTo("'-2+3");
        assertThat(SpreadsheetCsv.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetCsv.neutralise("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetCsv.neutralise("\r=1")).isEqualTo("'\r=1");
        assertThat(SpreadsheetCsv.neutralise("-")).isEqualTo("'-");
        // a plus sign is not part of a plain number here: Excel would evaluate "+5" as a formula
        assertThat(SpreadsheetCsv.neutralise("+5")).isEqualTo("'+5");
    }

    @Test
    void plainNumbersAndOrdinaryTextStayAsTheyAre()
    {
        for (String cell : List.of("-3.2", "-9", "0", "175.3", "-1.5e-3", "2E10", ".5", "tofacitinib", "S01", "90+", "a=b", "")) {
            assertThat(SpreadsheetCsv.neutralise(cell)).as(cell).isEqualTo(cell);
        }
        assertThat(SpreadsheetCsv.neutralise(null)).isNull();
    }

    @Test
    void aLineBreakOrCommaInAValueStaysInsideItsCell()
            throws IOException
    {
        String csv = SpreadsheetCsv.write(List.of("subject", "jaki_agent"), List.of(List.of("S01", "tofacitinib\nS77,=1+1"), List.of("S02", "-3.2")));
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize(3);
        assertThat(records.get(1).get(1)).isEqualTo("tofacitinib\nS77,=1+1");
        assertThat(records.get(2).get(1)).isEqualTo("-3.2");
        assertThat(csv).startsWith("subject,jaki_agent\n").contains("\nS02,-3.2\n");
    }
}
