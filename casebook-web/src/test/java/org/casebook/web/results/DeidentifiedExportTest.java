package org.casebook.web.results;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.analysis.ScanResult;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.ctscore.CtScore;
import org.casebook.ctscore.ScanRef;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.workbook.WorkbookImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents leave the site only as the field's code set (or its {@code also} values) names them;
 * anything else as {@code other}. CT totals are rounded from the exact score, as the report rounds.
 */
class DeidentifiedExportTest
{
    private static final CaseSchema SEED = Protocols.builtIn(Protocols.SEED).caseSchema();

    @Test
    void agentValuesOnlyFromTheFieldsChoices()
    {
        CaseField jaki = SEED.findField("jaki_agent").orElseThrow();
        CaseField prior = SEED.findField("prior_jaki").orElseThrow();
        assertThat(DeidentifiedExport.agent(" Tofacitinib ", jaki)).isEqualTo("tofacitinib");
        assertThat(DeidentifiedExport.agent("none", jaki)).isEqualTo("other");
        assertThat(DeidentifiedExport.agent("NONE", prior)).isEqualTo("none");
        assertThat(DeidentifiedExport.agent("=cmd|' /C calc'!A0", prior)).isEqualTo("other");
        assertThat(DeidentifiedExport.agent("Dr. John Smith, MRN 00123456", jaki)).isEqualTo("other");
        assertThat(DeidentifiedExport.agent("tofacitinib", SEED.findField("prior_jaki_stop_reason").orElseThrow())).isEqualTo("other");
    }

    @Test
    void ctTotalsAreTheExactScoresRoundedHalfUpAsTheReportRoundsThem()
            throws IOException
    {
        StudyProtocol seed = Protocols.builtIn(Protocols.SEED);
        CaseWorkbook workbook = new WorkbookImporter(seed).importFrom(Path.of("../casebook-cli/src/main/resources/org/casebook/demo")).workbook();
        // 175.25 (two readers' twelfths) and 110.85 exactly: halves round up; 110.85's nearest double is 110.8499…, which a
        // rounding of the double's binary value would print 110.8; 1330/12 = 110.8333… rounds down
        List<ScanResult> scans = List.of(scan("P01", "before", Fraction.of(2103, 12)), scan("P01", "onset", Fraction.of(2217, 20)),
                scan("P02", "onset", Fraction.of(1330, 12)), scan("P03", "onset", Fraction.ZERO));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().build()
                .parse(new StringReader(DeidentifiedExport.csv(workbook, scans, seed.outcomes(), seed.caseSchema()))).getRecords();
        assertThat(rows).extracting(row -> row.get("before.ct_total")).containsOnly("175.3", "");
        assertThat(rows).extracting(row -> row.get("onset.ct_total")).containsExactlyInAnyOrder("110.9", "110.8", "0.0", "", "", "");
    }

    private static ScanResult scan(String patientId, String timepoint, Fraction total)
    {
        CtScore score = new CtScore(total, Map.of());
        return new ScanResult(new ScanRef(patientId, timepoint), Map.of("R1", score), score, Map.of());
    }

    @Test
    void dateColumnsAreNamedForTheDayNumberTheyHold()
    {
        CaseSchema schema = Protocols.builtIn(Protocols.SEED).caseSchema();
        List<String> dateFields = schema.fields().stream().filter(field -> field.kind() == org.casebook.schema.FieldKind.DATE)
                .map(DeidentifiedExport::dayColumn).toList();
        assertThat(dateFields).contains("admission_day").noneMatch(column -> column.contains("date"));
        assertThat(DeidentifiedExport.dayColumn(schema.findField("admission_date").orElseThrow())).isEqualTo("admission_day");
        assertThat(DeidentifiedExport.dayColumn(CaseField.simple("date_of_death", "Date of death", org.casebook.schema.FieldKind.DATE)))
                .isEqualTo("day_of_death");
        assertThat(DeidentifiedExport.dayColumn(CaseField.simple("last_contact", "Last contact", org.casebook.schema.FieldKind.DATE)))
                .isEqualTo("last_contact_day");
    }
}
