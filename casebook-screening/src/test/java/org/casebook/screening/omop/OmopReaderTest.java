package org.casebook.screening.omop;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.casebook.error.CasebookException;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericPatient;
import org.casebook.screening.generic.GenericRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OMOP tables → the generic engine's records: the conventions of docs/screening.md, "OMOP CDM input", and bad rows. */
class OmopReaderTest
{
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    @TempDir
    Path folder;

    /** Athena's tab-separated CONCEPT (YYYYMMDD dates), a product with one ingredient, its strength, a local vocabulary. */
    private void vocabulary()
            throws IOException
    {
        write("CONCEPT.csv", """
                concept_id\tconcept_name\tdomain_id\tvocabulary_id\tconcept_class_id\tstandard_concept\tconcept_code\tvalid_start_date\tvalid_end_date\tinvalid_reason
                1\ttofacitinib 5 MG Oral Tablet\tDrug\tRxNorm\tClinical Drug\tS\t1357540\t20120101\t20991231\t
                2\ttofacitinib\tDrug\tRxNorm\tIngredient\tS\t1357536\t20120101\t20991231\t
                3\tmilligram\tUnit\tUCUM\tUnit\tS\tmg\t19700101\t20991231\t
                4\tInterstitial lung disease\tCondition\tSNOMED\tClinical Finding\tS\t233703007\t19700101\t20991231\t
                5\tAnti-MDA5 "antibody"\tMeasurement\tLab 7\tLab Test\t\tMDA5-AB\t19700101\t20991231\t
                """);
        write("concept_ancestor.csv", "ancestor_concept_id,descendant_concept_id,min_levels_of_separation,max_levels_of_separation\n2,1,1,1\n1,1,0,0\n");
        write("DRUG_STRENGTH.csv", "drug_concept_id,ingredient_concept_id,amount_value,amount_unit_concept_id,numerator_value\n1,2,5,3,\n");
        write("VOCABULARY.csv", "vocabulary_id,vocabulary_name,vocabulary_reference,vocabulary_version,vocabulary_concept_id\nLab 7,Site lab,http://example.org/casebook/local-lab,,0\n");
        write("CDM_SOURCE.csv", "cdm_source_name,source_release_date\nhere,2024-06-30\n");
        write("person.csv", "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime\n7,8532,1970,5,,\n8,8507,1960,1,2,1960-01-02 00:00:00\n");
    }

    @Test
    void drugProductsCarryTheirIngredientsAndDosesComeFromQuantityTimesStrength()
            throws IOException
    {
        vocabulary();
        write("DRUG_EXPOSURE.csv", """
                drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,drug_exposure_start_datetime,drug_type_concept_id,quantity,drug_source_value,drug_source_concept_id,dose_unit_source_value
                11,7,1,2024-02-01,2024-02-01 08:30:00,38000177,2,Xeljanz,0,
                12,7,0,2024-02-02,2024-02-02 00:00:00,32865,10,tofacitinib tablets,0,mg
                """);
        Map<String, GenericPatient> patients = read();
        GenericRecord request = patients.get("7").records("medication").get(0);
        assertThat(request.concepts().get(0).codings()).extracting(Coding::system, Coding::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RXNORM, "1357540"), org.assertj.core.groups.Tuple.tuple(RXNORM, "1357536"));
        assertThat(request.concepts().get(0).text()).isEqualTo("Xeljanz");
        assertThat(request.recordType()).isEqualTo("request");
        assertThat(request.doses().get(0).value()).isEqualByComparingTo("10");
        assertThat(request.doses().get(0).unitKey()).isEqualTo("mg");
        assertThat(request.date().precision()).isEqualTo(FhirDate.Precision.TIME);
        GenericRecord statement = patients.get("7").records("medication").get(1);
        assertThat(statement.recordType()).isEqualTo("statement");
        assertThat(statement.concepts().get(0).codings()).isEmpty();
        assertThat(statement.doses().get(0).value()).isEqualByComparingTo("10");
        assertThat(statement.date().precision()).as("midnight is no time").isEqualTo(FhirDate.Precision.DAY);
    }

    @Test
    void withTheProtocolsCodingsOnlyMatchableConceptsAreKeptWholeAndTheRestStayKnownByTheirIds()
            throws IOException
    {
        vocabulary();
        write("DRUG_EXPOSURE.csv", """
                drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,drug_exposure_start_datetime,drug_type_concept_id,quantity,drug_source_value,drug_source_concept_id,dose_unit_source_value
                11,7,1,2024-02-01,2024-02-01 08:30:00,38000177,2,Xeljanz,0,
                13,7,999,2024-02-03,,38000177,1,,0,
                """);
        write("CONDITION_OCCURRENCE.csv", "condition_occurrence_id,person_id,condition_concept_id,condition_start_date\n21,8,4,2024-03-01\n");
        // only the ingredient is in a code set: the product (1) and the condition (4) are known by id alone
        java.util.function.Predicate<Coding> wanted = coding -> coding.code().equals("1357536");
        StringWriter skipped = new StringWriter();
        Map<String, GenericPatient> patients = new OmopReader(OmopConventions.standard(), false, skipped, new GenericFlow(), record -> true, wanted)
                .read(tables());
        GenericRecord request = patients.get("7").records("medication").get(0);
        assertThat(request.concepts().get(0).codings()).extracting(Coding::code).containsExactly("1357536");
        assertThat(request.doses().get(0).value()).as("the product's strength is kept: it leads to a wanted ingredient").isEqualByComparingTo("10");
        assertThat(patients.get("8").records("condition")).hasSize(1);
        assertThat(patients.get("8").records("condition").get(0).concepts().get(0).codings()).isEmpty();
        assertThat(skipped.toString()).isEqualTo("file,line,reason,detail\nDRUG_EXPOSURE.csv,3,unknown_concept,drug_concept_id 999 is not in CONCEPT\n");
    }

    /** The last follow-up ({@code last_record_date}): the latest day of each kind on every row, kept or not, ends included, and the death. */
    @Test
    void theLatestDayOfEachKindIsKeptForTheLastFollowUpFromEveryRowAndTheDeath()
            throws IOException
    {
        vocabulary();
        write("VISIT_OCCURRENCE.csv", """
                visit_occurrence_id,person_id,visit_concept_id,visit_start_date,visit_start_datetime,visit_end_date,visit_end_datetime
                21,7,9201,2023-12-30,,2024-01-06,
                """);
        write("DRUG_EXPOSURE.csv", """
                drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,drug_exposure_start_datetime,drug_exposure_end_date,drug_type_concept_id,quantity
                11,7,1,2024-01-01,,2024-01-09,38000180,1
                """);
        write("MEASUREMENT.csv", "measurement_id,person_id,measurement_concept_id,measurement_date,measurement_datetime\n41,7,0,2024-01-04,2024-01-04 07:00:00\n");
        write("DEATH.csv", "person_id,death_date\n7,2024-01-20\n");
        // no record is kept (as for a patient whose rows match no code set): the days still count
        StringWriter skipped = new StringWriter();
        Map<String, GenericPatient> patients = new OmopReader(OmopConventions.standard(), false, skipped, new GenericFlow(), record -> false).read(tables());
        assertThat(skipped.toString()).isEqualTo("file,line,reason,detail\n");
        GenericPatient patient = patients.get("7");
        assertThat(patient.latestDay(java.util.List.of("encounter")).orElseThrow().date().text()).isEqualTo("2024-01-06");
        assertThat(patient.latestDay(java.util.List.of("medication")).orElseThrow().date().text()).as("the drug's end").isEqualTo("2024-01-09");
        assertThat(patient.latestDay(java.util.List.of("observation")).orElseThrow().source().reference()).isEqualTo("measurement/41");
        GenericPatient.Dated death = patient.latestDay(java.util.List.of()).orElseThrow();
        assertThat(death.date().text()).isEqualTo("2024-01-20");
        assertThat(death.source().reference()).as("a fact of the PERSON row").isEqualTo("person/7");

        // read in parts (as Spark reads a table in ranges), the patient is the same
        OmopTableReading.Facts first = new OmopTableReading.Facts(null, null, java.util.List.of(),
                Map.of("observation", patient.latestDay(java.util.List.of("observation")).orElseThrow()));
        OmopTableReading.Facts second = new OmopTableReading.Facts(
                new OmopTableReading.PersonRow(patient.patientSource(), patient.birthDate(), patient.gender()), patient.deceased(), java.util.List.of(),
                Map.of("encounter", patient.latestDay(java.util.List.of("encounter")).orElseThrow(),
                        "medication", patient.latestDay(java.util.List.of("medication")).orElseThrow()));
        GenericPatient merged = OmopTableReading.patient("7", java.util.List.of(second, first));
        for (String kind : java.util.List.of("encounter", "medication", "observation", "patient")) {
            assertThat(merged.latestDay(java.util.List.of(kind))).as(kind).isEqualTo(patient.latestDay(java.util.List.of(kind)));
        }
    }

    private Map<String, OmopTable> tables()
            throws IOException
    {
        Map<String, OmopTable> tables = new java.util.TreeMap<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().replace(".csv", "").toLowerCase(java.util.Locale.ROOT);
                tables.put(name, CsvTable.open(file, name));
            }
        }
        return tables;
    }

    @Test
    void visitsMapToClassesAndAVisitEndingOnTheReleaseDateWithoutDischargeIsOpen()
            throws IOException
    {
        vocabulary();
        write("VISIT_OCCURRENCE.csv", """
                visit_occurrence_id,person_id,visit_concept_id,visit_start_date,visit_start_datetime,visit_end_date,visit_end_datetime,discharged_to_concept_id
                21,7,262,2024-06-01,,2024-06-30,,0
                22,7,9203,2024-05-01,,2024-05-01,,8536
                23,8,9201,2024-06-10,,2024-06-30,,8536
                """);
        Map<String, GenericPatient> patients = read();
        GenericRecord stillIn = patients.get("7").records("encounter").get(1);
        assertThat(stillIn.source().reference()).isEqualTo("visit_occurrence/21");
        assertThat(stillIn.encounterClass()).isEqualTo("IMP");
        assertThat(stillIn.end()).isNull();
        assertThat(stillIn.status()).isEqualTo("in-progress");
        assertThat(patients.get("7").records("encounter").get(0).encounterClass()).isEqualTo("EMER");
        GenericRecord discharged = patients.get("8").records("encounter").get(0);
        assertThat(discharged.end().date()).hasToString("2024-06-30");
        assertThat(patients.get("7").birthDate().precision()).isEqualTo(FhirDate.Precision.MONTH);
        assertThat(patients.get("7").gender()).isEqualTo("female");
        assertThat(patients.get("8").birthDate().text()).isEqualTo("1960-01-02");
    }

    @Test
    void aLocalVocabularyIsNamedByItsReferenceAndConditionsLinkToTheirVisit()
            throws IOException
    {
        vocabulary();
        write("MEASUREMENT.csv", "measurement_id,person_id,measurement_concept_id,measurement_date,value_as_number,unit_concept_id,unit_source_value\n31,8,5,2024-03-01,12.5,3,milligrams\n");
        write("CONDITION_OCCURRENCE.csv", "condition_occurrence_id,person_id,condition_concept_id,condition_start_date,visit_occurrence_id,condition_source_value\n41,8,4,2024-03-02,23,J84.10\n");
        Map<String, GenericPatient> patients = read();
        GenericRecord lab = patients.get("8").records("observation").get(0);
        assertThat(lab.concepts().get(0).codings().get(0)).isEqualTo(new Coding("http://example.org/casebook/local-lab", "MDA5-AB", "Anti-MDA5 \"antibody\""));
        assertThat(lab.value().unitKey()).isEqualTo("mg");
        GenericRecord condition = patients.get("8").records("condition").get(0);
        assertThat(condition.encounterId()).isEqualTo("23");
        assertThat(condition.concepts().get(0).hasCode("http://snomed.info/sct", "233703007")).isTrue();
    }

    @Nested
    class BadRows
    {
        @Test
        void eachBadRowIsListedWithItsFileLineAndReasonAndTheRestIsRead()
                throws IOException
        {
            vocabulary();
            write("CONDITION_OCCURRENCE.csv", """
                    condition_occurrence_id,person_id,condition_concept_id,condition_start_date
                    41,8,4,2024-03-02
                    42,8,999,2024-03-02
                    43,8,4,2024-13-40
                    44,x,4,2024-03-02
                    45,8,4
                    46,8,,2024-03-02
                    "47
                    ",8,4,2024-03-03
                    48,8,4,20240304
                    """);
            write("VISIT_OCCURRENCE.csv", "visit_occurrence_id,person_id,visit_concept_id,visit_start_date,visit_end_date\n21,7,9201,2024-06-02,2024-06-01\n");
            write("DEATH.csv", "person_id,death_datetime\n7,2024-01-01\n");
            StringWriter skipped = new StringWriter();
            GenericFlow flow = new GenericFlow();
            Map<String, GenericPatient> patients = OmopSource.of(folder).read(false, skipped, flow, record -> true);
            assertThat(skipped.toString().lines()).containsExactly(
                    "file,line,reason,detail",
                    "DEATH.csv,1,missing_column,death has no column death_date; its rows are not read",
                    "VISIT_OCCURRENCE.csv,2,end_before_start,visit_end_date 2024-06-01 is before visit_start_date 2024-06-02",
                    "CONDITION_OCCURRENCE.csv,3,unknown_concept,condition_concept_id 999 is not in CONCEPT",
                    "CONDITION_OCCURRENCE.csv,4,bad_date,condition_start_date '2024-13-40' is not a date (YYYY-MM-DD or YYYYMMDD)",
                    "CONDITION_OCCURRENCE.csv,5,bad_number,person_id 'x' is not a whole number",
                    "CONDITION_OCCURRENCE.csv,6,wrong_width,\"expected 4 values (the header's), found 3\"",
                    "CONDITION_OCCURRENCE.csv,7,missing_value,condition_concept_id is empty");
            // a quoted id spanning two lines is read (values are stripped); the row after it starts on line 10
            assertThat(patients.get("8").records("condition")).extracting(record -> record.source().id()).containsExactly("41", "47", "48");
            assertThat(patients.get("8").records("condition")).extracting(record -> record.source().line()).containsExactly(2L, 8L, 10L);
            assertThat(flow.linesSkipped()).containsEntry("bad_number", 1L).containsEntry("missing_column", 1L).containsEntry("missing_value", 1L);
        }

        @Test
        void strictStopsAtTheFirstBadRowNamingFileAndLine()
                throws IOException
        {
            vocabulary();
            write("MEASUREMENT.csv", "measurement_id,person_id,measurement_concept_id,measurement_date\n31,8,5,2024-03-01\n32,8,5,01/03/2024\n");
            assertThatThrownBy(() -> OmopSource.of(folder).read(true, new StringWriter(), new GenericFlow(), record -> true))
                    .isInstanceOf(CasebookException.class)
                    .hasMessage("MEASUREMENT.csv line 3: bad date (measurement_date '01/03/2024' is not a date (YYYY-MM-DD or YYYYMMDD)); "
                            + "without --strict such rows are skipped and listed in skipped.csv");
        }

        @Test
        void aSourceWithoutPersonOrWithTwoFilesForATableIsOneClearMessage()
                throws IOException
        {
            write("concept.csv", "concept_id,vocabulary_id,concept_code\n");
            assertThatThrownBy(() -> OmopSource.of(folder).read(false, new StringWriter(), new GenericFlow(), record -> true))
                    .hasMessageContaining("has no PERSON table").hasMessageContaining("concept.csv");
            write("person.csv", "person_id,gender_concept_id,year_of_birth\n");
            write("PERSON.tsv", "person_id\tgender_concept_id\tyear_of_birth\n");
            assertThatThrownBy(() -> OmopSource.of(folder).read(false, new StringWriter(), new GenericFlow(), record -> true))
                    .hasMessageContaining("two files for table person");
            assertThatThrownBy(() -> OmopSource.of(folder.resolve("nowhere")).read(false, new StringWriter(), new GenericFlow(), record -> true))
                    .hasMessageContaining("is not a folder or a .zip");
        }

        @Test
        void unbalancedQuotesEndTheReadingWithTheFileAndLine()
                throws IOException
        {
            vocabulary();
            write("PROCEDURE_OCCURRENCE.csv", "procedure_occurrence_id,person_id,procedure_concept_id,procedure_date\n1,8,4,2024-01-01\n2,8,\"4,2024-01-02\n");
            assertThatThrownBy(() -> OmopSource.of(folder).read(false, new StringWriter(), new GenericFlow(), record -> true))
                    .isInstanceOf(CasebookException.class)
                    .hasMessageStartingWith("PROCEDURE_OCCURRENCE.csv after line 3: unreadable CSV");
        }
    }

    private Map<String, GenericPatient> read()
            throws IOException
    {
        StringWriter skipped = new StringWriter();
        Map<String, GenericPatient> patients = OmopSource.of(folder).read(true, skipped, new GenericFlow(), record -> true);
        assertThat(skipped.toString()).isEqualTo("file,line,reason,detail\n");
        return patients;
    }

    private void write(String name, String text)
            throws IOException
    {
        Files.writeString(folder.resolve(name), text);
    }
}
