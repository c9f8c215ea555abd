package org.casebook.cli.screening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.cli.screening.ScreeningCommandsTest.run;

/**
 * {@code casebook screen} on any protocol file, and {@code casebook analyze} accepts its
 * {@code cases/} under that protocol.
 */
class GenericScreenCommandTest
{
    /** The generic engine's test protocol (a first JAK-inhibitor prescription), shared with casebook-screening's tests. */
    static final Path PROTOCOL = Path.of("..", "casebook-screening", "src", "test", "resources", "org", "casebook", "screening", "generic", "first-rx");

    @TempDir
    Path temp;

    static String patient(String id, String gender)
    {
        return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"birthDate\":\"1960-05-10\",\"gender\":\"" + gender + "\"}";
    }

    static String ref(String patient)
    {
        return "\"subject\":{\"reference\":\"Patient/" + patient + "\"}";
    }

    /** The records of a patient meeting every criterion of the protocol, day 0 = 2024-03-01, with a CRP at baseline and month 6. */
    static List<String[]> eligible(String p, String crpBaseline, String crpMonth6)
    {
        String jak = "{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"2196092\"}]}";
        String mtx = "{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"6851\"}]}";
        return List.of(
                new String[] {"Patient", patient(p, "female")},
                new String[] {"MedicationRequest", "{\"resourceType\":\"MedicationRequest\",\"id\":\"rx-" + p + "\",\"status\":\"active\",\"medicationCodeableConcept\":" + jak + "," + ref(p)
                        + ",\"authoredOn\":\"2024-03-01T10:00:00+09:00\",\"dosageInstruction\":[{\"doseAndRate\":[{\"doseQuantity\":{\"value\":15,\"unit\":\"mg\"}}]}]}"},
                new String[] {"Condition", "{\"resourceType\":\"Condition\",\"id\":\"ra-" + p + "\"," + ref(p)
                        + ",\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"M06.9\"}]},\"onsetDateTime\":\"2020-01-01\"}"},
                new String[] {"MedicationStatement", "{\"resourceType\":\"MedicationStatement\",\"id\":\"mtx-" + p + "\",\"status\":\"completed\",\"medicationCodeableConcept\":" + mtx + "," + ref(p)
                        + ",\"effectiveDateTime\":\"2024-01-15\"}"},
                new String[] {"Observation", crp("crp0-" + p, p, "2024-02-20", crpBaseline)},
                new String[] {"Observation", crp("crp6-" + p, p, "2024-08-20", crpMonth6)},
                new String[] {"Observation", "{\"resourceType\":\"Observation\",\"id\":\"rf-" + p + "\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"11572-5\"}]},"
                        + ref(p) + ",\"effectiveDateTime\":\"2023-06-01\",\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"10828004\"}]}}"},
                new String[] {"Encounter", visit("v1-" + p, p, "2024-03-10")},
                new String[] {"Encounter", visit("v2-" + p, p, "2024-04-01")},
                new String[] {"ImagingStudy", "{\"resourceType\":\"ImagingStudy\",\"id\":\"xr-" + p + "\",\"status\":\"available\"," + ref(p)
                        + ",\"started\":\"2024-03-01\",\"modality\":[{\"code\":\"DX\"}]}"});
    }

    static String crp(String id, String p, String date, String value)
    {
        return "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"1988-5\"}]},"
                + ref(p) + ",\"effectiveDateTime\":\"" + date + "\",\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"mg/dL\"}}";
    }

    static String visit(String id, String p, String date)
    {
        return "{\"resourceType\":\"Encounter\",\"id\":\"" + id + "\",\"status\":\"finished\",\"class\":{\"code\":\"AMB\"}," + ref(p)
                + ",\"period\":{\"start\":\"" + date + "\"},\"reasonCode\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"M06.9\"}]}]}";
    }

    @Test
    void screenRunsTheGenericEngineAndAnalyzeAcceptsItsCases()
            throws IOException
    {
        Path protocol = copyProtocol();
        Path extract = Files.createDirectories(temp.resolve("extract"));
        StringBuilder lines = new StringBuilder();
        List<String[]> records = new java.util.ArrayList<>();
        records.addAll(eligible("p1", "2.5", "1.0"));
        records.addAll(eligible("p2", "3.0", "2.8"));
        records.addAll(eligible("p3", "0.5", "0.4")); // CRP below 1 mg/dL: excluded at crp_high
        for (String[] record : records) {
            Path file = extract.resolve(record[0] + ".ndjson");
            Files.writeString(file, record[1] + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            lines.append(record[1]);
        }
        Path out = temp.resolve("screening");

        var screen = run("screen", "--protocol", protocol.toString(), "--extract", extract.toString(), "--out", out.toString(), "--quiet", "--strict");

        assertThat(screen.exitCode()).as(screen.err()).isZero();
        assertThat(screen.out()).contains("patients in extract: 3", "with an index event: 3", "excluded, not met: crp_high (", "): 1", "included: 2");
        assertThat(Files.readAllLines(out.resolve("screening.csv"))).containsExactly(
                "case_no,patient_id,status,day0,encounter_id,reason,evidence,matched_by_text",
                "1,p1,included,2024-03-01,rx-p1,,index=MedicationRequest/rx-p1;ra=Condition/ra-p1;prior_mtx=MedicationStatement/mtx-p1;crp_high=Observation/crp0-p1;"
                        + "rf_positive=Observation/rf-p1;followup=Encounter/v1-p1;xray=ImagingStudy/xr-p1,",
                "2,p2,included,2024-03-01,rx-p2,,index=MedicationRequest/rx-p2;ra=Condition/ra-p2;prior_mtx=MedicationStatement/mtx-p2;crp_high=Observation/crp0-p2;"
                        + "rf_positive=Observation/rf-p2;followup=Encounter/v1-p2;xray=ImagingStudy/xr-p2,",
                ",p3,excluded,,rx-p3,crp_high,index=MedicationRequest/rx-p3;ra=Condition/ra-p3;prior_mtx=MedicationStatement/mtx-p3,");

        var analyze = run("analyze", "--protocol", protocol.toString(), "--cases", out.resolve("cases").toString());

        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("n = 2 patients");
    }

    @Test
    void theSeedProtocolScreensItsIndexAdmissionsPassingOverOtherPatientsLines()
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        assertThat(run("synth", "--patients", "100", "--seed", "2", "--out", hospital.toString(), "--quiet").exitCode()).isZero();

        var screen = run("screen", "--extract", hospital.toString(), "--out", temp.resolve("out").toString(), "--quiet");

        assertThat(screen.exitCode()).as(screen.err()).isZero();
        assertThat(screen.out()).contains("with an index admission:");
        assertThat(Files.readString(temp.resolve("out/flow.json"))).doesNotContain("\"lines_passed_over_unparsed\" : { }");
    }

    @Test
    void theLocalEngineReadsAFileUriAndSendsAnHdfsFolderToSpark()
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        assertThat(run("synth", "--patients", "100", "--seed", "2", "--out", hospital.toString(), "--quiet").exitCode()).isZero();

        var fromUri = run("screen", "--fhir", hospital.toUri().toString(), "--out", temp.resolve("out").toString(), "--quiet");
        var fromHdfs = run("screen", "--fhir", "hdfs://namenode:8020/exports/2024/", "--out", temp.resolve("hdfs").toString(), "--quiet");

        assertThat(fromUri.exitCode()).as(fromUri.err()).isZero();
        assertThat(fromUri.out()).contains("with an index admission:");
        assertThat(fromHdfs.exitCode()).isEqualTo(1);
        assertThat(fromHdfs.err()).contains("hdfs://namenode:8020/exports/2024/: the local engine reads folders on this machine", "--engine spark");
        assertThat(temp.resolve("hdfs")).doesNotExist();
    }

    private Path copyProtocol()
            throws IOException
    {
        Path target = temp.resolve("protocol");
        try (Stream<Path> files = Files.walk(PROTOCOL)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(PROTOCOL.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                }
                else {
                    Files.copy(file, copy);
                }
            }
        }
        return target.resolve("protocol.yaml");
    }
}
