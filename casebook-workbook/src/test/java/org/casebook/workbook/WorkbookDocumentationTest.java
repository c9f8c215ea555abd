package org.casebook.workbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.casebook.casedata.CaseWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The example of docs/workbook.md, imported as written there. */
class WorkbookDocumentationTest
{
    private static final Path DOC = Path.of("..", "docs", "workbook.md");
    private static final Pattern FILE_BLOCK = Pattern.compile("\\*\\*(\\w+\\.csv)\\*\\*\\s*```csv\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path temp;

    @Test
    void documentedExampleImportsWithoutErrorsOrWarnings()
            throws IOException
    {
        Matcher blocks = FILE_BLOCK.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        int files = 0;
        while (blocks.find()) {
            Files.writeString(temp.resolve(blocks.group(1)), blocks.group(2), StandardCharsets.UTF_8);
            files++;
        }

        ImportResult result = new WorkbookImporter(WorkbookImporterTest.SEED).importFrom(temp);

        assertThat(files).isEqualTo(4);
        assertThat(result.warnings()).isEmpty();
        CaseWorkbook workbook = result.workbook();
        assertThat(workbook.cases()).hasSize(2);
        assertThat(workbook.findCase("P2").orElseThrow().dayZero()).isEqualTo(LocalDate.of(2024, 5, 10));
        assertThat(workbook.findMeasurement("P1", "onset", "pf_ratio").orElseThrow().value()).isEqualTo(150.0);
        assertThat(workbook.findMeasurement("P1", "onset", "crp").orElseThrow().value()).isEqualTo(8.5);
        assertThat(workbook.ichikadoReads()).hasSize(1);
        assertThat(workbook.adverseEvents()).hasSize(1);
    }
}
