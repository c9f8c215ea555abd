package org.casebook.screening.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.screening.generic.GenericCase;
import org.casebook.screening.generic.GenericDecision;
import org.casebook.screening.generic.GenericScreening;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Messy extracts: never a crash; unusable lines are skipped, counted and listed, or stop a strict run. */
class BadInputTest
{
    private static final String SUBJECT = "\"subject\":{\"reference\":\"Patient/p1\"}";
    private static final String PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\",\"birthDate\":\"1950\"}";
    private static final String ADMISSION = "{\"resourceType\":\"Encounter\",\"id\":\"e1\",\"status\":\"finished\",\"class\":{\"code\":\"IMP\"}," + SUBJECT
            + ",\"period\":{\"start\":\"2024-03-10T10:00:00+09:00\",\"end\":\"2024-03-20\"},\"reasonCode\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"J84.10\"}]}]}";
    private static final String RA = "{\"resourceType\":\"Condition\",\"id\":\"c1\"," + SUBJECT
            + ",\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"69896004\"}]},\"onsetDateTime\":\"2016\"}";
    private static final String MPSL = "{\"resourceType\":\"MedicationAdministration\",\"id\":\"m1\",\"status\":\"completed\"," + SUBJECT
            + ",\"medicationCodeableConcept\":{\"text\":\"Methylprednisolone sodium succinate 1 g\"},\"effectiveDateTime\":\"2024-03-10\",\"dosage\":{\"dose\":{\"value\":1,\"unit\":\"g\"}}}";
    private static final String JAK_BY_REFERENCE = "{\"resourceType\":\"MedicationRequest\",\"id\":\"r1\",\"status\":\"active\",\"intent\":\"order\"," + SUBJECT
            + ",\"medicationReference\":{\"reference\":\"Medication/upa\"},\"authoredOn\":\"2024-03-12\"}";
    private static final String UPADACITINIB = "{\"resourceType\":\"Medication\",\"id\":\"upa\",\"code\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"2196092\"}]}}";

    @TempDir
    Path temp;

    private Path extract(String file, String... lines)
            throws IOException
    {
        Path folder = Files.createDirectories(temp.resolve("extract"));
        Files.writeString(folder.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return folder;
    }

    private Path eligiblePatient()
            throws IOException
    {
        extract("Patient.ndjson", PATIENT);
        extract("Encounter.ndjson", ADMISSION);
        extract("Condition.ndjson", RA);
        extract("MedicationAdministration.ndjson", MPSL);
        extract("Medication.ndjson", UPADACITINIB);
        return extract("MedicationRequest.ndjson", JAK_BY_REFERENCE);
    }

    private GenericScreening.Result screen(Path folder, boolean strict)
            throws IOException
    {
        GenericScreening screening = GenericScreening.forProtocol(Protocols.SEED, strict);
        java.util.List<org.casebook.screening.generic.GenericDecision> decisions = new java.util.ArrayList<>();
        java.util.Map<String, GenericCase> cases = new java.util.HashMap<>();
        GenericScreening.Screened screened = screening.screen(org.casebook.screening.generic.RecordSource.fhir(folder), temp.resolve("out"), (decision, extracted) -> {
            decisions.add(decision);
            if (extracted != null) {
                cases.put(decision.patientId(), extracted);
            }
        });
        return screening.result(decisions, cases, screened.flow());
    }

    private static java.util.Optional<String> field(GenericCase extracted, String name)
    {
        return java.util.Optional.ofNullable(extracted.fields().get(name)).map(GenericCase.Value::text);
    }

    @Test
    void minimalExtractWithMedicationByReferenceAndPulseInGramsIsIncluded()
            throws IOException
    {
        GenericScreening.Result result = screen(eligiblePatient(), true);

        assertThat(result.cases()).singleElement().satisfies(extracted -> {
            assertThat(field(extracted, "jaki_agent")).contains("upadacitinib");
            assertThat(field(extracted, "mpsl_pulse")).contains("yes");
        });
        assertThat(result.candidates().stream().filter(GenericDecision::isIncluded).findFirst().orElseThrow().matchedByText()).containsExactly("glucocorticoid");
        assertThat(Files.readAllLines(temp.resolve("out/screening.csv")).get(1)).isEqualTo("1,p1,included,2024-03-10,e1,,"
                + "index_admission=Encounter/e1;ra=Condition/c1;glucocorticoid=MedicationAdministration/m1;jak_inhibitor=MedicationRequest/r1,glucocorticoid");
    }

    @Test
    void malformedLinesAreSkippedCountedAndListedWithFileAndLine()
            throws IOException
    {
        Path folder = eligiblePatient();
        extract("Condition-2.ndjson",
                "{\"resourceType\":\"Condition\"," + SUBJECT + ",\"id\":",
                RA.replace("\"c1\"", "\"c2\""),
                "[1,2,\"Patient/p1\"]",
                "{\"resourceType\":\"Condition\",\"id\":\"c3\"," + SUBJECT + "} {}",
                "{\"resourceType\":\"Condition\",\"id\":");

        GenericScreening.Result result = screen(folder, false);

        // An object with more after it is not one resource; a line naming no patient at all is parsed, so its mistake is listed too.
        assertThat(result.flow().linesSkipped()).containsEntry("malformed_json", 4L);
        assertThat(result.flow().linesPassedOver()).isEmpty();
        List<String> skipped = Files.readAllLines(temp.resolve("out/skipped.csv"));
        assertThat(skipped).hasSize(5);
        assertThat(skipped.get(1)).startsWith("Condition-2.ndjson,1,malformed_json,");
        assertThat(skipped.get(2)).startsWith("Condition-2.ndjson,3,malformed_json,");
        assertThat(skipped.get(3)).startsWith("Condition-2.ndjson,4,malformed_json,");
        assertThat(skipped.get(4)).startsWith("Condition-2.ndjson,5,malformed_json,");
        assertThat(result.cases()).hasSize(1);
    }

    @Test
    void resourcesWithoutSubjectOrIdOrOfAnotherTypeAreSkipped()
            throws IOException
    {
        Path folder = eligiblePatient();
        extract("Condition-2.ndjson",
                "{\"resourceType\":\"Condition\",\"id\":\"c9\",\"asserter\":{\"reference\":\"Patient/p1\"}}",
                "{\"resourceType\":\"Condition\",\"id\":\"c8\",\"subject\":{\"reference\":\"Group/g1\"},\"note\":[{\"text\":\"see Patient/p1\"}]}",
                "{\"resourceType\":\"Condition\"," + SUBJECT + "}",
                "{\"resourceType\":\"Observation\",\"id\":\"o1\"," + SUBJECT + "}");
        extract("Encounter-2.ndjson", "{\"resourceType\":\"Encounter\",\"id\":\"e9\",\"class\":{\"code\":\"IMP\"}}");

        GenericScreening.Result result = screen(folder, false);

        assertThat(result.flow().linesSkipped()).containsEntry("no_subject", 3L).containsEntry("no_id", 1L).containsEntry("wrong_resource_type", 1L);
    }

    @Test
    void aReferenceToAMissingResourceIsCountedAndNeverCrashes()
            throws IOException
    {
        Path folder = eligiblePatient();
        extract("Medication.ndjson", "{\"resourceType\":\"Medication\",\"id\":\"other\"}");

        GenericScreening.Result result = screen(folder, false);

        assertThat(result.flow().referencesMissing()).containsEntry("Medication", 1L);
        assertThat(result.cases()).isEmpty();
        assertThat(result.candidates()).singleElement().satisfies(decision -> assertThat(decision.failedCriterion()).contains("jak_inhibitor"));
    }

    @Test
    void unknownCodeSystemsAndOddDatesAreJustNotMatches()
            throws IOException
    {
        Path folder = eligiblePatient();
        extract("Condition-2.ndjson",
                "{\"resourceType\":\"Condition\",\"id\":\"c5\"," + SUBJECT + ",\"code\":{\"coding\":[{\"system\":\"urn:local\",\"code\":\"RA\"}]},\"onsetDateTime\":\"yesterday\"}",
                "{\"resourceType\":\"Condition\",\"id\":\"c6\"," + SUBJECT + ",\"code\":\"M05.9\",\"onsetDateTime\":2016}");

        GenericScreening.Result result = screen(folder, true);

        assertThat(result.flow().linesSkipped()).isEmpty();
        assertThat(result.cases()).hasSize(1);
    }

    @Test
    void typesTheProtocolDoesNotReadAreIgnoredAndCounted()
            throws IOException
    {
        Path folder = eligiblePatient();
        extract("DiagnosticReport.ndjson", "{\"resourceType\":\"DiagnosticReport\"}", "not even json");
        extract("Practitioner-1.ndjson.gz.txt", "ignored: not part of the export");

        GenericScreening.Result result = screen(folder, true);

        assertThat(result.flow().resourcesIgnored()).containsExactly(java.util.Map.entry("DiagnosticReport", 2L));
        assertThat(result.flow().linesSkipped()).isEmpty();
    }

    @Test
    void strictModeStopsAtTheFirstUnusableLineAndWritesNothing()
            throws IOException
    {
        Path folder = eligiblePatient();
        extract("Condition-2.ndjson", RA.replace("\"c1\"", "\"c2\""), "{oops " + SUBJECT);

        assertThatThrownBy(() -> screen(folder, true))
                .isInstanceOf(CasebookException.class)
                .hasMessageContaining("Condition-2.ndjson line 2: malformed json");
        assertThat(temp.resolve("out")).doesNotExist();
        try (var leftovers = Files.list(temp)) {
            assertThat(leftovers.map(path -> path.getFileName().toString())).containsExactly("extract");
        }
    }

    @Test
    void aTruncatedGzipFileIsAnErrorNamingTheFile()
            throws IOException
    {
        Path folder = eligiblePatient();
        byte[] gzip;
        try (var bytes = new java.io.ByteArrayOutputStream(); OutputStream out = new GZIPOutputStream(bytes)) {
            for (int index = 0; index < 2000; index++) {
                out.write((RA.replace("\"c1\"", "\"c" + (index + 10) + "\"") + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.close();
            gzip = bytes.toByteArray();
        }
        Files.write(folder.resolve("Condition-3.ndjson.gz"), Arrays.copyOf(gzip, gzip.length / 2));

        assertThatThrownBy(() -> screen(folder, false))
                .isInstanceOf(CasebookException.class)
                .hasMessageContaining("Condition-3.ndjson.gz: truncated or corrupt gzip file");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void completeGzipFilesAreReadLikePlainOnes()
            throws IOException
    {
        Path folder = eligiblePatient();
        Path plain = folder.resolve("Condition.ndjson");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("Condition.ndjson.gz")))) {
            out.write(Files.readAllBytes(plain));
        }
        Files.delete(plain);

        assertThat(screen(folder, true).cases()).hasSize(1);
    }

    @Test
    void encountersOfClassesThatCannotBeIndexAdmissionsArePassedOverUnparsed()
            throws IOException
    {
        Path folder = eligiblePatient();
        extract("Encounter-2.ndjson",
                "{\"resourceType\":\"Encounter\",\"id\":\"e2\",\"class\":{\"code\":\"AMB\"}," + SUBJECT + ",\"period\":{\"start\":\"2025-02-01\"}}",
                "{\"resourceType\":\"Encounter\",\"id\":\"e3\",\"class\":{\"code\":\"AMB\"},\"subject\":{\"reference\":\"Patient/p2\"}, broken");

        GenericScreening.Result result = screen(folder, true);

        // The other patient's broken line is neither parsed nor validated (a strict run passes); the included patient's visit is read.
        assertThat(result.flow().linesPassedOver()).containsEntry("Encounter", 1L);
        assertThat(result.flow().resourcesRead()).containsEntry("Encounter", 2L);
        // The included patient's outpatient visit is still read for the last follow-up.
        assertThat(field(result.cases().get(0), "last_followup_date")).contains("2025-02-01");
    }

    @Test
    void observationsOfOtherPatientsArePassedOverUnparsedAndCounted()
            throws IOException
    {
        Path folder = eligiblePatient();
        extract("Observation.ndjson",
                "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"subject\":{\"reference\":\"Patient/p2\"}, broken",
                "{\"resourceType\":\"Observation\",\"id\":\"o2\"," + SUBJECT + ",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"19872-1\"}]},"
                        + "\"effectiveDateTime\":\"2024-05-01\",\"valueQuantity\":{\"value\":71.5,\"unit\":\"%\"}}");

        GenericScreening.Result result = screen(folder, true);

        assertThat(result.flow().linesPassedOver()).containsEntry("Observation", 1L);
        assertThat(result.cases().get(0).measurements().stream().filter(m -> m.timepoint().equals("after") && m.variable().equals("fvc_percent_predicted")).findFirst().orElseThrow().value()).isEqualByComparingTo("71.5");
        assertThat(Files.readAllLines(temp.resolve("out/cases/provenance.csv"))).contains("p1,fvc_percent_predicted,after,71.5,Observation,o2,Observation.ndjson,2");
    }
}
