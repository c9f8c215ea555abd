package org.casebook.report.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.casebook.report.table.ReportTable;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;

import static org.assertj.core.api.Assertions.assertThat;

/** tables.docx read back with POI: Word tables with their titles, header rows and footnotes, a section each. */
class DocxTablesTest
{
    @Test
    void everyTableIsAWordTableWithTitleAboveAndNotesBelowInItsOwnSection()
            throws Exception
    {
        List<ReportTable> tables = ReportWriterTest.fixtureReport(ReportWriterTest.GENERATED).allTables();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DocxTables.write(tables, out);
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(document.getTables()).hasSize(tables.size());
            // cells take the document's default: 9 pt
            assertThat(document.getStyles().getDefaultRunStyle().getFontSizeAsDouble()).isEqualTo(9.0);
            List<IBodyElement> body = document.getBodyElements();
            for (int i = 0; i < tables.size(); i++) {
                ReportTable table = tables.get(i);
                XWPFTable word = document.getTables().get(i);
                int at = body.indexOf(word);
                assertThat(((XWPFParagraph) body.get(at - 1)).getText()).isEqualTo(table.title());
                assertThat(word.getNumberOfRows()).isEqualTo(table.rows().size() + 1);
                assertThat(word.getRow(0).isRepeatHeader()).isTrue();
                for (int column = 0; column < table.columns().size(); column++) {
                    assertThat(word.getRow(0).getCell(column).getText()).isEqualTo(table.columns().get(column));
                }
                List<String> last = table.rows().get(table.rows().size() - 1);
                assertThat(word.getRow(table.rows().size()).getCell(last.size() - 1).getText()).isEqualTo(last.get(last.size() - 1));
                for (int n = 0; n < table.notes().size(); n++) {
                    assertThat(((XWPFParagraph) body.get(at + 1 + n)).getText()).isEqualTo(table.notes().get(n));
                }
            }
            // a section per table: the paragraph after each table's notes ends its section, the body's the last one
            long sectionBreaks = document.getParagraphs().stream().filter(p -> p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetSectPr()).count();
            assertThat(sectionBreaks).isEqualTo(tables.size() - 1);
            // Table 2 (one row per patient, many columns) is on a landscape page, Table 1 on a portrait one
            assertThat(orientation(document, 0)).isEqualTo(STPageOrientation.PORTRAIT);
            assertThat(orientation(document, 1)).isEqualTo(STPageOrientation.LANDSCAPE);
        }
    }

    @Test
    void groupedTablesPrintTheGroupOnceAsOnThePage()
            throws Exception
    {
        ReportTable table = new ReportTable.Builder("t", "Table 9. Grouped", List.of("Variable", "Statistic", "Value"))
                .grouped().row("Age", "Mean", "60").row("Age", "Median", "61").row("Sex", "F", "3/6 (50%)").note("Age in years.").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DocxTables.write(List.of(table), out);
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(out.toByteArray()))) {
            XWPFTable word = document.getTables().get(0);
            assertThat(word.getRow(1).getCell(0).getText()).isEqualTo("Age");
            assertThat(word.getRow(2).getCell(0).getText()).isEmpty();
            assertThat(word.getRow(2).getCell(1).getText()).isEqualTo("Median");
            assertThat(word.getRow(3).getCell(0).getText()).isEqualTo("Sex");
        }
    }

    private static STPageOrientation.Enum orientation(XWPFDocument document, int section)
    {
        List<CTSectPr> sections = new java.util.ArrayList<>();
        document.getParagraphs().stream().filter(p -> p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetSectPr())
                .forEach(p -> sections.add(p.getCTP().getPPr().getSectPr()));
        sections.add(document.getDocument().getBody().getSectPr());
        return sections.get(section).getPgSz().getOrient();
    }
}
