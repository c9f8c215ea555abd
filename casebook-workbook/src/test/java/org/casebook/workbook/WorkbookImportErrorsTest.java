package org.casebook.workbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.casebook.error.ErrorCode;
import org.casebook.protocol.CtScoringSpec;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.casebook.workbook.ImportIssue.error;

/** Every kind of error, each located by sheet, row, column and value, and all reported together. */
class WorkbookImportErrorsTest
{
    static final StudyProtocol SEED = WorkbookImporterTest.SEED;
    static final StudyProtocol KAZEROONI = withCtScoring(SEED, new CtScoringSpec("kazerooni", 2, "mean", 1.0));

    @TempDir
    Path temp;

    static StudyProtocol withCtScoring(StudyProtocol p, CtScoringSpec ctScoring)
    {
        return new StudyProtocol(p.id(), p.title(), p.design(), p.studyWindow(), p.dayZero(), p.codeSets(), p.eligibility(),
                p.timepoints(), p.variables(), ctScoring, p.outcomes(), p.caseSchema(), p.extract(), p.sourceText());
    }

    private WorkbookImportException failure(StudyProtocol protocol, CsvFixture fixture)
            throws IOException
    {
        Path folder = fixture.writeFolder(Files.createTempDirectory(temp, "workbook"));
        try {
            new WorkbookImporter(protocol).importFrom(folder);
        }
        catch (WorkbookImportException e) {
            return e;
        }
        return fail("expected the import of " + folder + " to fail");
    }

    private List<ImportIssue> errors(CsvFixture fixture)
            throws IOException
    {
        return failure(SEED, fixture).errors();
    }

    @Nested
    class FilesAndColumns
    {
        @Test
        void requiredFileMissing()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().without("cases.csv"))).containsExactly(error("cases.csv", 0, null, null, "required file missing"));
            assertThat(errors(CsvFixture.valid().without("measurements.csv"))).containsExactly(error("measurements.csv", 0, null, null, "required file missing"));
            assertThat(errors(CsvFixture.valid().without("ct_reads.csv"))).containsExactly(error("ct_reads.csv", 0, null, null, "required file missing"));
        }

        @Test
        void kazerooniProtocolRequiresKazerooniReadsInsteadOfIchikadoReads()
                throws IOException
        {
            assertThat(failure(KAZEROONI, CsvFixture.valid()).errors())
                    .containsExactly(error("ct_reads_kazerooni.csv", 0, null, null, "required file missing"));

            Path folder = CsvFixture.valid().without("ct_reads.csv").with("ct_reads_kazerooni.csv", CsvFixture.KAZEROONI_READS).writeFolder(temp.resolve("kazerooni"));
            ImportResult result = new WorkbookImporter(KAZEROONI).importFrom(folder);
            assertThat(result.workbook().kazerooniReads()).singleElement()
                    .satisfies(read -> assertThat(read.score().total()).isEqualTo(3.0 + 2.0));
        }

        @Test
        void fileNotUtf8OrNotCsv()
                throws IOException
        {
            Path folder = CsvFixture.valid()
                    .appending("adverse_events.csv", "P1,\"unclosed,,,,,")
                    .writeFolder(temp.resolve("encoding"));
            Files.write(folder.resolve("ct_studies.csv"), "patient_id,timepoint,date\nP1,onset,2024-02-28,K\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1));

            List<ImportIssue> errors = assertThatExceptionOfType(WorkbookImportException.class)
                    .isThrownBy(() -> new WorkbookImporter(SEED).importFrom(folder))
                    .actual().errors();

            assertThat(errors).hasSize(2);
            assertThat(errors.get(0)).isEqualTo(error("adverse_events.csv", 0, null, null, errors.get(0).problem()));
            assertThat(errors.get(0).problem()).startsWith("not a valid CSV file: ");
            assertThat(errors.get(1)).isEqualTo(error("ct_studies.csv", 0, null, null, "not valid UTF-8 text; save the file as CSV UTF-8"));
        }

        @Test
        void requiredColumnMissing()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().replacing("measurements.csv", "variable,value", "variable,amount")))
                    .containsExactly(error("measurements.csv", 0, "value", null, "required column missing"));
        }

        @Test
        void columnTwiceInTheHeader()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().replacing("ct_studies.csv", "date,study_id", "date,date")))
                    .containsExactly(error("ct_studies.csv", 0, "date", "date", "column appears twice in the header"));
        }
    }

    @Nested
    class Cells
    {
        @Test
        void requiredValueMissing()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("cases.csv", "P3,,,,,,,,,,")))
                    .containsExactly(error("cases.csv", 3, "admission_date", null, "required value missing"));
        }

        @Test
        void dateNotIso()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("cases.csv", "P3,01/03/2024").appending("cases.csv", "P4,2024-02-30")))
                    .containsExactly(
                            error("cases.csv", 3, "admission_date", "01/03/2024", "expected a date yyyy-mm-dd"),
                            error("cases.csv", 4, "admission_date", "2024-02-30", "expected a date yyyy-mm-dd"));
        }

        @Test
        void notANumber()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("measurements.csv", "P2,after,ldh,\"1,5\",,")))
                    .containsExactly(error("measurements.csv", 7, "value", "1,5", "expected a number"));
        }

        @Test
        void negativeNumberInCases()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("cases.csv", "P3,2024-04-01,,,-5")))
                    .containsExactly(error("cases.csv", 3, "age", "-5", "expected a number from 0 to 120"));
        }

        @Test
        void notYesOrNo()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("cases.csv", "P3,2024-04-01,,,,,,,maybe")))
                    .containsExactly(error("cases.csv", 3, "rf_positive", "maybe", "expected yes or no"));
        }

        @Test
        void valuesOutsideTheirLists()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid()
                    .appending("cases.csv", "P3,2024-04-01,,,70,X,sometimes,RB-ILD")
                    .appending("adverse_events.csv", "P1,pneumonia,,3,yes,infection,")))
                    .containsExactly(
                            error("cases.csv", 3, "sex", "X", "expected F or M"),
                            error("cases.csv", 3, "smoking", "sometimes", "expected never, former or current"),
                            error("cases.csv", 3, "ild_pattern", "RB-ILD", "expected one of UIP, probable UIP, NSIP, OP, indeterminate, other"),
                            error("adverse_events.csv", 2, "related_to", "infection", "expected one of jaki, glucocorticoid, other, unknown"));
        }

        @Test
        void relatedToTakesTheProtocolsLevels()
                throws IOException
        {
            java.util.Map<String, String> levels = new java.util.LinkedHashMap<>();
            levels.put("tofacitinib", "tofacitinib");
            levels.put("other", "another drug");
            org.casebook.schema.CaseSchema seed = SEED.caseSchema();
            StudyProtocol own = new StudyProtocol(SEED.id(), SEED.title(), SEED.design(), SEED.studyWindow(), SEED.dayZero(), SEED.codeSets(), SEED.eligibility(),
                    SEED.timepoints(), SEED.variables(), SEED.ctScoring(), SEED.outcomes(),
                    new org.casebook.schema.CaseSchema(seed.fields(), seed.dayZeroField(), seed.dayZeroFallback(), seed.derived(),
                            new org.casebook.schema.AdverseEventSchema(levels)),
                    SEED.extract(), SEED.sourceText());
            String header = "patient_id,term,onset_date,grade,serious,related_to,action\n";
            CsvFixture fixture = CsvFixture.valid().with("adverse_events.csv", header + "P1,pneumonia,,3,yes,jaki,\n");
            assertThat(failure(own, fixture).errors())
                    .containsExactly(error("adverse_events.csv", 1, "related_to", "jaki", "expected one of tofacitinib, other"));
            Path folder = CsvFixture.valid().with("adverse_events.csv", header + "P1,pneumonia,,3,yes,Tofacitinib,\n")
                    .writeFolder(Files.createTempDirectory(temp, "workbook"));
            var events = new WorkbookImporter(own).importFrom(folder).workbook().adverseEvents();
            assertThat(events).extracting(org.casebook.casedata.AdverseEvent::relatedTo).contains("tofacitinib");
        }

        @Test
        void ctcaeVersionAndOutcomeAreOptionalAndCheckedAgainstTheProtocol()
                throws IOException
        {
            String header = "patient_id,term,onset_date,grade,ctcae_version,serious,related_to,action,outcome\n";
            CsvFixture bad = CsvFixture.valid().with("adverse_events.csv", header
                    + "P1,rash,,1,latest,,,,cured\n"
                    + "P1,nausea,,1,5.0.1,,,,\n");
            assertThat(failure(SEED, bad).errors()).containsExactly(
                    error("adverse_events.csv", 1, "ctcae_version", "latest", "expected " + org.casebook.schema.AdverseEventSchema.CTCAE_VERSION_EXPECTED),
                    error("adverse_events.csv", 1, "outcome", "cured", "expected one of recovered, recovering, not_recovered, recovered_with_sequelae, fatal, unknown"),
                    error("adverse_events.csv", 2, "ctcae_version", "5.0.1", "expected " + org.casebook.schema.AdverseEventSchema.CTCAE_VERSION_EXPECTED));

            Path folder = CsvFixture.valid().with("adverse_events.csv", header
                    + "P1,rash,,1,V4.03,,,,Not_Recovered\n"
                    + "P2,herpes zoster,2024-05-20,2, ,no,jaki,drug interrupted,\n").writeFolder(Files.createTempDirectory(temp, "workbook"));
            var events = new WorkbookImporter(SEED).importFrom(folder).workbook().adverseEvents();
            assertThat(events).extracting(org.casebook.casedata.AdverseEvent::ctcaeVersion).containsExactly("4.03", null);
            assertThat(events).extracting(org.casebook.casedata.AdverseEvent::outcome).containsExactly("not_recovered", null);
        }

        @Test
        void aWorkbookWithoutTheNewerColumnsImportsWithoutVersionOrOutcome()
                throws IOException
        {
            Path folder = CsvFixture.valid().writeFolder(Files.createTempDirectory(temp, "workbook"));
            ImportResult result = new WorkbookImporter(SEED).importFrom(folder);
            assertThat(result.warnings()).isEmpty();
            assertThat(result.workbook().adverseEvents()).singleElement().satisfies(event -> {
                assertThat(event.grade()).isEqualTo(2);
                assertThat(event.ctcaeVersion()).isNull();
                assertThat(event.outcome()).isNull();
            });
        }

        @Test
        void gradeOutsideOneToFive()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid()
                    .appending("adverse_events.csv", "P1,pneumonia,,6,,,")
                    .appending("adverse_events.csv", "P1,rash,,0,,,")
                    .appending("adverse_events.csv", "P1,nausea,,2.5,,,")))
                    .containsExactly(
                            error("adverse_events.csv", 2, "grade", "6", "expected an integer 1–5"),
                            error("adverse_events.csv", 3, "grade", "0", "expected an integer 1–5"),
                            error("adverse_events.csv", 4, "grade", "2.5", "expected an integer 1–5"));
        }
    }

    @Nested
    class Cases
    {
        @Test
        void duplicatePatientId()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("cases.csv", "P1,2024-04-01")))
                    .containsExactly(error("cases.csv", 3, "patient_id", "P1", "duplicate patient_id; first given in row 1"));
        }

        @Test
        void patientNotInCases()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid()
                    .appending("measurements.csv", "P9,onset,ldh,300,,")
                    .appending("ct_studies.csv", "P9,onset,2024-01-01,")
                    .appending("adverse_events.csv", "P9,rash,,,,,")))
                    .containsExactly(
                            error("measurements.csv", 7, "patient_id", "P9", "patient not in cases"),
                            error("ct_studies.csv", 2, "patient_id", "P9", "patient not in cases"),
                            error("adverse_events.csv", 2, "patient_id", "P9", "patient not in cases"));
        }

        @Test
        void dischargeBeforeAdmission()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("cases.csv", "P3,2024-04-10,,2024-04-01")))
                    .containsExactly(error("cases.csv", 3, "discharge_date", "2024-04-01", "discharge date is before the admission date 2024-04-10"));
        }

        /** The seed protocol's case schema (ranges, the agent code set, prior_jaki's also: [none]); the web app's edits are refused by the same check. */
        @Test
        void implausibleNumbersAndAgentsOutsideTheCodeSet()
                throws IOException
        {
            String cases = """
                    patient_id,admission_date,age,bmi,prior_jaki,jaki_agent
                    P1,2024-03-01,300,1e300,"Dr. John Smith, MRN 00123456",Tofacitinib
                    P2,2024-05-10,65,22.5,none,tofacitinib
                    """;
            assertThat(errors(CsvFixture.valid().with("cases.csv", cases)))
                    .containsExactly(
                            error("cases.csv", 1, "age", "300", "expected a number from 0 to 120"),
                            error("cases.csv", 1, "bmi", "1e300", "expected a number from 5 to 100"),
                            error("cases.csv", 1, "prior_jaki", "Dr. John Smith, MRN 00123456",
                                    "expected one of tofacitinib, baricitinib, upadacitinib, filgotinib, peficitinib, none"));
        }
    }

    @Nested
    class Measurements
    {
        @Test
        void duplicateMeasurement()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("measurements.csv", "P1,onset,pao2,61,,")))
                    .containsExactly(error("measurements.csv", 7, "variable", "pao2", "duplicate measurement of pao2 for patient P1 at onset; first given in row 1"));
        }

        @Test
        void variableNotInProtocol()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("measurements.csv", "P1,onset,wbc,9000,,")))
                    .containsExactly(error("measurements.csv", 7, "variable", "wbc",
                            "expected one of the protocol's variables: pao2, fio2, pf_ratio, fvc_percent_predicted, dlco_percent_predicted, kl6, sp_d, ldh, crp"));
        }

        @Test
        void timepointNotInProtocol()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("measurements.csv", "P1,day7,ldh,300,,")))
                    .containsExactly(error("measurements.csv", 7, "timepoint", "day7", "expected one of the protocol's time points: before, onset, after"));
        }

        @Test
        void unitNotAccepted()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid()
                    .appending("measurements.csv", "P1,before,pao2,60,Torr,")
                    .appending("measurements.csv", "P2,onset,crp,3,,")))
                    .containsExactly(
                            error("measurements.csv", 7, "unit", "Torr", "unit not accepted for pao2; expected one of: mmHg, (blank), kPa"),
                            error("measurements.csv", 8, "unit", null, "unit not accepted for crp; expected one of: mg/dL, mg/L"));
        }

        @Test
        void convertedValueOutsideThePlausibleRange()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid()
                    .appending("measurements.csv", "P2,after,fio2,40,,")
                    .appending("measurements.csv", "P2,after,pao2,100,kPa,")))
                    .containsExactly(
                            error("measurements.csv", 7, "value", "40", "fio2 40 fraction is outside the plausible range 0.21–1 fraction"),
                            error("measurements.csv", 8, "value", "100", "pao2 750.062 mmHg is outside the plausible range 20–700 mmHg"));
        }
    }

    @Nested
    class IchikadoReads
    {
        @Test
        void zoneNotSummingToHundred()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().replacing("ct_reads.csv", "RU,50,30,0,10,0,10", "RU,50,30,0,10,0,0")))
                    .containsExactly(error("ct_reads.csv", 1, null, "90", "the six pattern percents of zone RU add up to 90; they must add up to 100"));
        }

        @Test
        void negativePercent()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().replacing("ct_reads.csv", "RU,50,30,0,10,0,10", "RU,60,30,0,20,0,-10")))
                    .containsExactly(error("ct_reads.csv", 1, "honeycombing", "-10", "expected an integer 0–100"));
        }

        @Test
        void nonIntegerPercent()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().replacing("ct_reads.csv", "RU,50,30,0,10,0,10", "RU,50,30,0,5.5,4.5,10")))
                    .containsExactly(
                            error("ct_reads.csv", 1, "ggo_traction", "5.5", "expected an integer 0–100"),
                            error("ct_reads.csv", 1, "consolidation_traction", "4.5", "expected an integer 0–100"));
        }

        @Test
        void unknownZone()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("ct_reads.csv", "P1,after,A,RX,100,0,0,0,0,0")))
                    .containsExactly(
                            error("ct_reads.csv", 7, "zone", "RX", "expected one of RU, RM, RL, LU, LM, LL"),
                            error("ct_reads.csv", 7, "zone", null,
                                    "the read of patient P1, time point after, reader A lacks zone(s) RU, RM, RL, LU, LM, LL; a read needs all of RU, RM, RL, LU, LM, LL"));
        }

        @Test
        void duplicateZone()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid().appending("ct_reads.csv", "P1,onset,A,RU,100,0,0,0,0,0")))
                    .containsExactly(error("ct_reads.csv", 7, "zone", "RU", "zone RU given twice in the read of patient P1, time point onset, reader A; first in row 1"));
        }

        @Test
        void missingZones()
                throws IOException
        {
            assertThat(errors(CsvFixture.valid()
                    .replacing("ct_reads.csv", "P1,onset,A,LL,20,50,0,10,0,20\n", "")
                    .replacing("ct_reads.csv", "P1,onset,A,RM,40,40,10,10,0,0\n", "")))
                    .containsExactly(error("ct_reads.csv", 1, "zone", null,
                            "the read of patient P1, time point onset, reader A lacks zone(s) RM, LL; a read needs all of RU, RM, RL, LU, LM, LL"));
        }
    }

    @Nested
    class KazerooniReads
    {
        private List<ImportIssue> kazerooniErrors(CsvFixture fixture)
                throws IOException
        {
            return failure(KAZEROONI, fixture.without("ct_reads.csv")).errors();
        }

        private CsvFixture fixture()
        {
            return CsvFixture.valid().with("ct_reads_kazerooni.csv", CsvFixture.KAZEROONI_READS);
        }

        @Test
        void gradeOutsideZeroToFive()
                throws IOException
        {
            assertThat(kazerooniErrors(fixture().replacing("ct_reads_kazerooni.csv", "RUL,2,1", "RUL,6,-1")))
                    .containsExactly(
                            error("ct_reads_kazerooni.csv", 1, "alveolar", "6", "expected an integer 0–5"),
                            error("ct_reads_kazerooni.csv", 1, "interstitial", "-1", "expected an integer 0–5"));
        }

        @Test
        void duplicateAndMissingLobes()
                throws IOException
        {
            assertThat(kazerooniErrors(fixture()
                    .replacing("ct_reads_kazerooni.csv", "P1,onset,A,LLL,4,3\n", "")
                    .appending("ct_reads_kazerooni.csv", "P1,onset,B,RUL,1,1")
                    .appending("ct_reads_kazerooni.csv", "P1,onset,B,rul,1,1")))
                    .containsExactly(
                            error("ct_reads_kazerooni.csv", 6, "lobe", "RUL", "lobe RUL given twice in the read of patient P1, time point onset, reader B; first in row 5"),
                            error("ct_reads_kazerooni.csv", 1, "lobe", null,
                                    "the read of patient P1, time point onset, reader A lacks lobe(s) LLL; a read needs all of RUL, RML, RLL, LUL, LLL"),
                            error("ct_reads_kazerooni.csv", 5, "lobe", null,
                                    "the read of patient P1, time point onset, reader B lacks lobe(s) RML, RLL, LUL, LLL; a read needs all of RUL, RML, RLL, LUL, LLL"));
        }
    }

    @Test
    void reportsAllErrorsOfOneImportTogetherAndImportsNothing()
            throws IOException
    {
        WorkbookImportException failure = failure(SEED, CsvFixture.valid()
                .appending("cases.csv", "P3,2024-04-10,,2024-04-01,,X")
                .appending("measurements.csv", "P1,onset,ldh,abc,,")
                .replacing("ct_reads.csv", "RU,50,30,0,10,0,10", "RU,50,30,0,10,0,0")
                .appending("adverse_events.csv", "P9,rash,,7,,,"));

        assertThat(failure.errors()).containsExactly(
                error("cases.csv", 3, "discharge_date", "2024-04-01", "discharge date is before the admission date 2024-04-10"),
                error("cases.csv", 3, "sex", "X", "expected F or M"),
                error("measurements.csv", 7, "value", "abc", "expected a number"),
                error("ct_reads.csv", 1, null, "90", "the six pattern percents of zone RU add up to 90; they must add up to 100"),
                error("adverse_events.csv", 2, "patient_id", "P9", "patient not in cases"),
                error("adverse_events.csv", 2, "grade", "7", "expected an integer 1–5"));
        assertThat(failure.errorCode()).isEqualTo(ErrorCode.BAD_INPUT);
        assertThat(failure.errorCode().exitCode()).isEqualTo(1);
        assertThat(failure.getMessage())
                .startsWith("6 error(s) in case workbook " + temp)
                .contains(":\n  cases.csv row 3, column discharge_date: '2024-04-01': discharge date is before the admission date 2024-04-10\n")
                .contains("\n  cases.csv row 3, column sex: 'X': expected F or M\n")
                .contains("\n  ct_reads.csv row 1: '90': the six pattern percents of zone RU add up to 90; they must add up to 100\n");
    }

    @Test
    void missingFileIsReportedAsTheSheetAsAWhole()
    {
        assertThat(error("cases.csv", 0, null, null, "required file missing").message()).isEqualTo("cases.csv: required file missing");
        assertThat(error("measurements.csv", 0, "value", null, "required column missing").message())
                .isEqualTo("measurements.csv, column value: required column missing");
    }
}
