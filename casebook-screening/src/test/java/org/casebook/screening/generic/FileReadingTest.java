package org.casebook.screening.generic;

import java.util.List;
import java.util.Map;

import org.casebook.screening.fhir.FhirDate;
import org.casebook.screening.fhir.RecordRef;
import org.casebook.screening.generic.FileReading.PatientPart;
import org.casebook.screening.generic.GenericPatient.Dated;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A patient's parts from several files merge as the local reader merges files (casebook-spark
 * merges them after grouping by patient): the first file read wins a tie of latest days and gives
 * the Patient resource; a later day replaces an earlier one whatever file it is in.
 */
class FileReadingTest
{
    private static final FhirDate MARCH_1 = FhirDate.parse("2024-03-01").orElseThrow();
    private static final FhirDate MARCH_5 = FhirDate.parse("2024-03-05").orElseThrow();
    private static final RecordRef OBSERVATION_1 = new RecordRef("Observation", "o1", "Observation-1.ndjson", 4);
    private static final RecordRef OBSERVATION_2 = new RecordRef("Observation", "o2", "Observation-2.ndjson", 1);
    private static final RecordRef PATIENT_1 = new RecordRef("Patient", "p1", "Patient-1.ndjson", 1);
    private static final RecordRef PATIENT_2 = new RecordRef("Patient", "p1", "Patient-2.ndjson", 7);

    private static final PatientPart OBSERVED_1 = new PatientPart(null, null, null, null, List.of(), Map.of("observation", new Dated(MARCH_1, OBSERVATION_1)));
    private static final PatientPart OBSERVED_2 = new PatientPart(null, null, null, null, List.of(), Map.of("observation", new Dated(MARCH_1, OBSERVATION_2)));
    private static final PatientPart FEMALE = new PatientPart(PATIENT_1, MARCH_1, "female", null, List.of(), Map.of());
    private static final PatientPart MALE_DECEASED = new PatientPart(PATIENT_2, MARCH_1, "male", MARCH_5, List.of(), Map.of("patient", new Dated(MARCH_5, PATIENT_2)));

    @Test
    void theFirstFileReadWinsATieAndGivesThePatient()
    {
        GenericPatient merged = FileReading.patient("p1", List.of(OBSERVED_1, FEMALE, OBSERVED_2, MALE_DECEASED));

        assertThat(merged.latest().get("observation").source()).isEqualTo(OBSERVATION_1);
        assertThat(merged.patientSource()).isEqualTo(PATIENT_1);
        assertThat(merged.gender()).isEqualTo("female");
        assertThat(merged.deceased()).isNull();
        assertThat(merged.latest()).doesNotContainKey("patient");
    }

    @Test
    void inTheOtherFileOrderTheOtherOnesWin()
    {
        GenericPatient merged = FileReading.patient("p1", List.of(OBSERVED_2, MALE_DECEASED, OBSERVED_1, FEMALE));

        assertThat(merged.latest().get("observation").source()).isEqualTo(OBSERVATION_2);
        assertThat(merged.patientSource()).isEqualTo(PATIENT_2);
        assertThat(merged.deceased()).isEqualTo(MARCH_5);
        assertThat(merged.latest().get("patient").source()).isEqualTo(PATIENT_2);
    }

    @Test
    void aLaterDayReplacesAnEarlierOneInAnyFile()
    {
        PatientPart later = new PatientPart(null, null, null, null, List.of(), Map.of("observation", new Dated(MARCH_5, OBSERVATION_2)));

        assertThat(FileReading.patient("p1", List.of(OBSERVED_1, later)).latest().get("observation").source()).isEqualTo(OBSERVATION_2);
        assertThat(FileReading.patient("p1", List.of(later, OBSERVED_1)).latest().get("observation").source()).isEqualTo(OBSERVATION_2);
    }
}
