package org.casebook.workbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WorkbookImporterTest
{
    static final StudyProtocol SEED = Protocols.builtIn(Protocols.SEED);

    @TempDir
    Path temp;

    private ImportResult importCsv(CsvFixture fixture)
            throws IOException
    {
        return new WorkbookImporter(SEED).importFrom(fixture.writeFolder(temp.resolve("workbook")));
    }

    private static Measurement measurement(CaseWorkbook workbook, String patientId, String timepoint, String variable)
    {
        return workbook.findMeasurement(patientId, timepoint, variable).orElseThrow();
    }

    @Test
    void importsEveryColumnOfACase()
            throws IOException
    {
        ImportResult result = importCsv(CsvFixture.valid());

        assertThat(result.warnings()).isEmpty();
        CaseRecord p1 = result.workbook().findCase("P1").orElseThrow();
        assertThat(p1.date("admission_date")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(p1.date("ae_onset_date")).isEqualTo(LocalDate.of(2024, 2, 28));
        assertThat(p1.date("discharge_date")).isEqualTo(LocalDate.of(2024, 3, 20));
        assertThat(p1.number("age")).isEqualTo(72.0);
        assertThat(p1.text("sex")).isEqualTo("F");
        assertThat(p1.text("smoking")).isEqualTo("former");
        assertThat(p1.text("ild_pattern")).isEqualTo("UIP");
        assertThat(p1.yesNo("rf_positive")).isTrue();
        assertThat(p1.yesNo("mpsl_pulse")).isTrue();
        assertThat(p1.yesNo("home_oxygen_at_discharge")).isFalse();
        assertThat(p1.number("weight_kg")).isNull();
        assertThat(p1.source()).isEqualTo(new SourceRef("cases.csv row 1"));
    }

    @Test
    void missingOnsetDateStaysMissingAndDayZeroFallsBackToAdmission()
            throws IOException
    {
        CaseRecord p2 = importCsv(CsvFixture.valid()).workbook().findCase("P2").orElseThrow();

        assertThat(p2.date("ae_onset_date")).isNull();
        assertThat(p2.dayZero()).isEqualTo(LocalDate.of(2024, 5, 10));
        assertThat(p2.text("ild_pattern")).isEqualTo("probable UIP");
    }

    @Test
    void convertsPao2FromKilopascal()
            throws IOException
    {
        Measurement pao2 = measurement(importCsv(CsvFixture.valid()).workbook(), "P1", "after", "pao2");

        assertThat(pao2.value()).isEqualTo(78.75651);
        assertThat(pao2.unit()).isEqualTo("mmHg");
    }

    @Test
    void convertsFio2FromPercentExactly()
            throws IOException
    {
        Measurement fio2 = measurement(importCsv(CsvFixture.valid()).workbook(), "P1", "onset", "fio2");

        assertThat(fio2.value()).isEqualTo(0.4);
        assertThat(fio2.unit()).isEqualTo("fraction");
    }

    @Test
    void acceptsFio2AsFractionWithBlankOneOrFractionUnit()
            throws IOException
    {
        CaseWorkbook workbook = importCsv(CsvFixture.valid()
                .appending("measurements.csv", "P2,after,fio2,0.3,1,")
                .appending("measurements.csv", "P2,before,fio2,0.21,fraction,")).workbook();

        assertThat(measurement(workbook, "P1", "after", "fio2").value()).isEqualTo(0.21);
        assertThat(measurement(workbook, "P2", "after", "fio2").value()).isEqualTo(0.3);
        assertThat(measurement(workbook, "P2", "before", "fio2").value()).isEqualTo(0.21);
    }

    @Test
    void convertsCrpFromMilligramsPerLitreToMilligramsPerDecilitre()
            throws IOException
    {
        Measurement crp = measurement(importCsv(CsvFixture.valid()).workbook(), "P1", "onset", "crp");

        assertThat(crp.value()).isEqualTo(8.5);
        assertThat(crp.unit()).isEqualTo("mg/dL");
    }

    @Test
    void derivesPfRatioFromPao2AndFio2OfTheSameTimepoint()
            throws IOException
    {
        CaseWorkbook workbook = importCsv(CsvFixture.valid()).workbook();

        Measurement onset = measurement(workbook, "P1", "onset", "pf_ratio");
        assertThat(onset.value()).isEqualTo(150.0);
        assertThat(onset.unit()).isEqualTo("mmHg");
        assertThat(onset.date()).isEqualTo(LocalDate.of(2024, 2, 28));
        assertThat(onset.source()).isEqualTo(new SourceRef("computed from measurements.csv row 1 / measurements.csv row 2"));
        assertThat(measurement(workbook, "P1", "after", "pf_ratio").value()).isCloseTo(78.75651 / 0.21, within(1e-9));
    }

    @Test
    void keepsAGivenPfRatioAndDerivesNothingWithoutFio2()
            throws IOException
    {
        CaseWorkbook workbook = importCsv(CsvFixture.valid()
                .appending("measurements.csv", "P2,after,pao2,80,,")).workbook();

        assertThat(measurement(workbook, "P2", "onset", "pf_ratio").value()).isEqualTo(180.0);
        assertThat(workbook.findMeasurement("P2", "after", "pf_ratio")).isEmpty();
        assertThat(workbook.measurements()).hasSize(7 + 2);
    }

    @Test
    void warnsWhenAGivenPfRatioDisagreesWithPao2AndFio2ByMoreThanFivePercent()
            throws IOException
    {
        ImportResult result = importCsv(CsvFixture.valid()
                .appending("measurements.csv", "P1,onset,pf_ratio,170,,")
                .appending("measurements.csv", "P1,after,pf_ratio,370,,"));

        assertThat(result.warnings()).containsExactly(ImportIssue.warning("measurements.csv", 7, "value", "170",
                "pf_ratio differs by more than 5% from pao2 / fio2 = 150 (rows 1 and 2)"));
        assertThat(measurement(result.workbook(), "P1", "onset", "pf_ratio").value()).isEqualTo(170.0);
    }

    @Test
    void warnsAboutUnknownColumnsAndFiles()
            throws IOException
    {
        ImportResult result = importCsv(CsvFixture.valid()
                .replacing("ct_studies.csv", "study_id", "study_id,scanner")
                .with("notes.csv", "text\nhello\n")
                .with("provenance.csv", "patient_id,field,timepoint,value,resource_type,resource_id,file,line\n"));

        assertThat(result.warnings()).containsExactly(
                ImportIssue.warning("notes.csv", 0, null, null, "unknown file ignored"),
                ImportIssue.warning("ct_studies.csv", 0, "scanner", null,
                        "unknown column ignored; known columns: patient_id, timepoint, date, study_id, source"));
    }

    @Test
    void warnsAboutPercentsNotInStepsOfTen()
            throws IOException
    {
        ImportResult result = importCsv(CsvFixture.valid().replacing("ct_reads.csv", "RU,50,30,0,10,0,10", "RU,45,35,0,10,0,10"));

        assertThat(result.warnings()).containsExactly(
                ImportIssue.warning("ct_reads.csv", 1, "normal", "45", "not in steps of 10; the Ichikado score estimates each share to the nearest 10%"),
                ImportIssue.warning("ct_reads.csv", 1, "ggo", "35", "not in steps of 10; the Ichikado score estimates each share to the nearest 10%"));
        assertThat(result.workbook().ichikadoReads().get(0).zones().get(0).percent(org.casebook.ctscore.IchikadoPattern.NORMAL)).isEqualTo(45);
    }

    @Test
    void groupsZoneRowsIntoOneIchikadoReadPerPatientTimepointAndReader()
            throws IOException
    {
        CaseWorkbook workbook = importCsv(CsvFixture.valid()).workbook();

        assertThat(workbook.ichikadoReads()).hasSize(1);
        IchikadoRead read = workbook.ichikadoReads().get(0);
        assertThat(read.scan()).isEqualTo(new ScanRef("P1", "onset"));
        assertThat(read.reader()).isEqualTo("A");
        assertThat(read.zones().get(0)).isEqualTo(ZoneExtent.of(LungZone.RU, 50, 30, 0, 10, 0, 10));
        // zone scores 210, 190, 290, 160, 200, 280 (hand-computed): mean 221.67
        assertThat(read.score().total()).isCloseTo(1330.0 / 6, within(1e-9));
    }

    @Test
    void readsCtStudiesAndAdverseEvents()
            throws IOException
    {
        CaseWorkbook workbook = importCsv(CsvFixture.valid()).workbook();

        assertThat(workbook.ctStudies()).singleElement().satisfies(study -> {
            assertThat(study.date()).isEqualTo(LocalDate.of(2024, 2, 28));
            assertThat(study.studyId()).isEqualTo("ACC-100");
        });
        assertThat(workbook.adverseEvents()).singleElement().satisfies(event -> {
            assertThat(event.term()).isEqualTo("herpes zoster");
            assertThat(event.grade()).isEqualTo(2);
            assertThat(event.serious()).isFalse();
            assertThat(event.relatedTo()).isEqualTo("jaki");
            assertThat(event.action()).isEqualTo("drug interrupted");
        });
    }

    @Test
    void optionalFilesMayBeAbsent()
            throws IOException
    {
        CaseWorkbook workbook = importCsv(CsvFixture.valid().without("ct_studies.csv").without("adverse_events.csv")).workbook();

        assertThat(workbook.ctStudies()).isEmpty();
        assertThat(workbook.adverseEvents()).isEmpty();
    }

    @Test
    void usesTheSourceColumnWhenPresent()
            throws IOException
    {
        CaseWorkbook workbook = importCsv(CsvFixture.valid()
                .replacing("measurements.csv", "unit,date", "unit,date,source")
                .replacing("measurements.csv", "P1,onset,pao2,60,mmHg,2024-02-28", "P1,onset,pao2,60,mmHg,2024-02-28,Observation/obs-17")).workbook();

        assertThat(measurement(workbook, "P1", "onset", "pao2").source()).isEqualTo(new SourceRef("Observation/obs-17"));
        assertThat(measurement(workbook, "P1", "onset", "fio2").source()).isEqualTo(new SourceRef("measurements.csv row 2"));
        assertThat(measurement(workbook, "P1", "onset", "pf_ratio").source())
                .isEqualTo(new SourceRef("computed from Observation/obs-17 / measurements.csv row 2"));
    }

    @Test
    void toleratesByteOrderMarkBlankCellsEmptyRowsAndYesNoVariants()
            throws IOException
    {
        Path folder = CsvFixture.valid()
                .replacing("cases.csv", "yes,yes,no", "Y,TRUE,n")
                .replacing("cases.csv", "P2,2024-05-10,,", "P2,2024-05-10,   ,")
                .appending("cases.csv", ",,,,,,,,,,")
                .appending("cases.csv", "")
                .writeFolder(temp.resolve("bom"));
        Path cases = folder.resolve("cases.csv");
        Files.writeString(cases, "\uFEFF" + Files.readString(cases), StandardCharsets.UTF_8);

        ImportResult result = new WorkbookImporter(SEED).importFrom(folder);

        CaseRecord p1 = result.workbook().findCase("P1").orElseThrow();
        assertThat(p1.yesNo("rf_positive")).isTrue();
        assertThat(p1.yesNo("mpsl_pulse")).isTrue();
        assertThat(p1.yesNo("home_oxygen_at_discharge")).isFalse();
        assertThat(result.workbook().findCase("P2").orElseThrow().date("ae_onset_date")).isNull();
        assertThat(result.workbook().cases()).hasSize(2);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void rowNumbersCountRowsUnderTheHeaderIncludingSkippedEmptyOnes()
            throws IOException
    {
        CaseWorkbook workbook = importCsv(CsvFixture.valid()
                .replacing("adverse_events.csv", "P2,herpes", ",,,,,,\nP2,herpes")).workbook();

        assertThat(workbook.adverseEvents().get(0).source()).isEqualTo(new SourceRef("adverse_events.csv row 2"));
    }
}
