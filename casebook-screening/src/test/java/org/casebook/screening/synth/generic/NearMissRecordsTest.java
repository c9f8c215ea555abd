package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.screening.local.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What the named near misses of the glp1 fixture hold in the export, read back from the NDJSON. */
class NearMissRecordsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path hospital;

    @BeforeAll
    static void writeTheHospital()
    {
        GenericHospital.load(FixtureProtocolTest.fixture("glp1").toString(), 3, 400, false).write(hospital, ProgressListener.NONE);
    }

    private static String patientOf(String variant)
            throws IOException
    {
        return Files.readAllLines(hospital.resolve("expected/planted.csv")).stream()
                .filter(line -> line.split(",")[1].equals(variant))
                .map(line -> line.split(",")[0])
                .findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> records(String type, String patient)
            throws IOException
    {
        return Files.readAllLines(hospital.resolve(type + ".ndjson")).stream()
                .filter(line -> line.contains("\"Patient/" + patient + "\""))
                .map(NearMissRecordsTest::parse)
                .toList();
    }

    private static JsonNode parse(String line)
    {
        try {
            return JSON.readTree(line);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> coded(List<JsonNode> records, String field, String code)
    {
        return records.stream().filter(record -> record.path(field).path("coding").path(0).path("code").asText().equals(code)).toList();
    }

    private static JsonNode index(String patient)
            throws IOException
    {
        return records("MedicationRequest", patient).stream().filter(record -> record.path("id").asText().equals(patient + "-1")).findFirst().orElseThrow();
    }

    @Test
    void theIndexTimeZoneEdgesAreWrittenWithTheirOffsetsOnTheStudyWindowsEdgeDays()
            throws IOException
    {
        assertThat(index(patientOf("index_tz_last_day")).path("authoredOn").asText()).isEqualTo("2023-12-31T23:30:00-05:00");
        assertThat(index(patientOf("index_tz_first_day")).path("authoredOn").asText()).isEqualTo("2023-01-01T00:30:00+09:00");
        assertThat(index(patientOf("index_tz_day_after")).path("authoredOn").asText()).isEqualTo("2024-01-01T00:30:00+09:00");
        assertThat(index(patientOf("index_tz_day_before")).path("authoredOn").asText()).isEqualTo("2022-12-31T23:30:00-05:00");
        assertThat(index(patientOf("index_day_before")).path("authoredOn").asText()).startsWith("2022-12-31T");
        assertThat(index(patientOf("index_day_after")).path("authoredOn").asText()).startsWith("2024-01-01T");
    }

    @Test
    void aConditionOnOrBeforeTheIndexMissesByOneDayWrittenEarlyInAnEasternZone()
            throws IOException
    {
        String patient = patientOf("t2dm_tz_day_after");
        LocalDate indexDay = LocalDate.parse(index(patient).path("authoredOn").asText().substring(0, 10));
        List<JsonNode> conditions = records("Condition", patient).stream()
                .filter(record -> record.path("code").path("coding").path(0).path("code").asText().startsWith("E11")
                        || record.path("code").path("coding").path(0).path("code").asText().equals("44054006"))
                .toList();
        assertThat(conditions).singleElement().satisfies(condition -> assertThat(condition.path("onsetDateTime").asText()).isEqualTo(indexDay.plusDays(1) + "T00:30:00+09:00"));
    }

    @Test
    void theValueAndCountNearMissesHoldOneStepTooFew()
            throws IOException
    {
        List<JsonNode> hba1c = coded(records("Observation", patientOf("high_hba1c_value_fails")), "code", "4548-4");
        assertThat(hba1c).anySatisfy(observation -> {
            assertThat(observation.path("valueQuantity").path("value").decimalValue()).isEqualByComparingTo("7.4");
            assertThat(observation.path("valueQuantity").path("code").asText()).isEqualTo("%");
        });
        String shortPatient = patientOf("metformin_before_min_count_short");
        List<JsonNode> metformin = new java.util.ArrayList<>();
        for (String type : List.of("MedicationRequest", "MedicationAdministration", "MedicationStatement")) {
            metformin.addAll(coded(records(type, shortPatient), "medicationCodeableConcept", "6809"));
        }
        assertThat(metformin).hasSize(1);
    }

    @Test
    void aFirstRecordMissHasAnEarlierPrescriptionBeforeTheStudyWindow()
            throws IOException
    {
        String patient = patientOf("index_earlier_record");
        List<JsonNode> prescriptions = records("MedicationRequest", patient).stream()
                .filter(record -> List.of("1991302", "475968").contains(record.path("medicationCodeableConcept").path("coding").path(0).path("code").asText())
                        || record.path("medicationCodeableConcept").path("coding").path(0).path("code").asText().startsWith("A10BJ"))
                .toList();
        assertThat(prescriptions).hasSize(2);
        assertThat(prescriptions).anySatisfy(record -> assertThat(record.path("authoredOn").asText()).startsWith("2022-"));
        assertThat(Files.readString(hospital.resolve("expected/screening.csv"))).doesNotContain("," + patient + ",");
    }
}
