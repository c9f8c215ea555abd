package org.casebook.screening.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.casebook.protocol.Protocols;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.local.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each planted variant of the synthetic hospital, by name, gets the screening result it was planted for. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlantedVariantTest
{
    @TempDir
    static Path temp;

    private final Map<String, Variant> plantedVariant = new HashMap<>();
    private final Map<String, String[]> screened = new HashMap<>();
    private final Map<String, String[]> cases = new HashMap<>();

    @BeforeAll
    void screenASyntheticHospital()
            throws IOException
    {
        Path extract = temp.resolve("extract");
        new SyntheticHospital(11, 1500, false).write(extract, ProgressListener.NONE);
        Path out = temp.resolve("out");
        GenericScreening.forProtocol(Protocols.SEED, true).screen(extract, out);
        for (String line : Files.readAllLines(extract.resolve("expected/planted.csv")).subList(1, Files.readAllLines(extract.resolve("expected/planted.csv")).size())) {
            String[] fields = line.split(",", -1);
            plantedVariant.put(fields[0], Variant.valueOf(fields[1].toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
        }
        for (String line : Files.readAllLines(out.resolve("screening.csv")).subList(1, Files.readAllLines(out.resolve("screening.csv")).size())) {
            String[] fields = line.split(",", -1);
            screened.put(fields[1], fields);
        }
        List<String> caseLines = Files.readAllLines(out.resolve("cases/cases.csv"));
        for (String line : caseLines.subList(1, caseLines.size())) {
            String[] fields = line.split(",", -1);
            cases.put(fields[0], fields);
        }
    }

    private List<String> patientsOf(Variant variant)
    {
        List<String> patients = plantedVariant.entrySet().stream().filter(entry -> entry.getValue() == variant).map(Map.Entry::getKey).sorted().toList();
        assertThat(patients).as("patients planted as " + variant.slug()).isNotEmpty();
        return patients;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void plantedPatientGetsItsPlannedResult(Variant variant)
    {
        for (String patient : patientsOf(variant)) {
            String[] row = screened.get(patient);
            switch (variant.outcome()) {
                case INCLUDED -> {
                    assertThat(row).as(patient).isNotNull();
                    assertThat(row[2]).as(patient).isEqualTo("included");
                    assertThat(row[5]).isEmpty();
                }
                case EXCLUDED -> {
                    assertThat(row).as(patient).isNotNull();
                    assertThat(row[2]).as(patient).isEqualTo("excluded");
                    assertThat(row[5]).as(patient).isEqualTo(variant.reason());
                }
                case NOT_A_CANDIDATE -> assertThat(row).as(patient + " must not be in the screening log").isNull();
            }
        }
    }

    @Test
    void jakInhibitorNamedOnlyByTextIsFlaggedInTheLog()
    {
        for (String patient : patientsOf(Variant.JAKI_BY_TEXT_ONLY)) {
            assertThat(screened.get(patient)[7]).isEqualTo("jak_inhibitor");
            assertThat(cases.get(patient)[18]).isEqualTo("baricitinib");
        }
        for (String patient : patientsOf(Variant.JAKI_BY_REFERENCE)) {
            assertThat(screened.get(patient)[7]).isEmpty();
        }
    }

    @Test
    void admissionDatesAreTheDatesAsWrittenWithTheirOwnOffsets()
    {
        patientsOf(Variant.ADMISSION_OFFSET_NEW_YEAR).forEach(patient -> assertThat(screened.get(patient)[3]).isEqualTo("2024-01-01"));
        patientsOf(Variant.ADMISSION_OFFSET_NEW_YEARS_EVE).forEach(patient -> assertThat(screened.get(patient)[3]).isEqualTo("2024-12-31"));
    }

    @Test
    void anOpenAdmissionHasNoDischargeNoHomeOxygenAndNoPfAfter()
    {
        for (String patient : patientsOf(Variant.ADMISSION_OPEN)) {
            String[] row = cases.get(patient);
            assertThat(row[3]).as("discharge_date").isEmpty();
            assertThat(row[24]).as("home_oxygen_at_discharge").isEmpty();
        }
    }

    @Test
    void includedPatientsAreNumberedOneToNInOrderOfDayZero()
    {
        List<String[]> included = screened.values().stream().filter(row -> row[2].equals("included"))
                .sorted(java.util.Comparator.comparing((String[] row) -> Integer.parseInt(row[0]))).toList();
        assertThat(included).isNotEmpty();
        for (int index = 0; index < included.size(); index++) {
            assertThat(included.get(index)[0]).isEqualTo(Integer.toString(index + 1));
            if (index > 0) {
                String previous = included.get(index - 1)[3] + included.get(index - 1)[1];
                assertThat(included.get(index)[3] + included.get(index)[1]).isGreaterThan(previous);
            }
        }
    }
}
