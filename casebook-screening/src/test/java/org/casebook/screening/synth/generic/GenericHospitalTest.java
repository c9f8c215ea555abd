package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.casebook.screening.local.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenericHospitalTest
{
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"glp1", "pneumonia"})
    void everyPlantedPatientGetsItsIntendedResult(String fixture)
            throws IOException
    {
        Path out = temp.resolve(fixture);
        GenericHospital hospital = GenericHospital.load(FixtureProtocolTest.fixture(fixture).toString(), 1, 300, false);
        GenericHospital.Summary summary = hospital.write(out, ProgressListener.NONE);
        assertThat(summary.surprises()).isEmpty();
        List<String> planted = Files.readAllLines(out.resolve("expected/planted.csv"));
        List<String> screening = Files.readAllLines(out.resolve("expected/screening.csv"));
        for (String row : planted.subList(1, planted.size())) {
            String[] cells = row.split(",", -1);
            switch (cells[2]) {
                case "included" -> assertThat(screening).as(row).anyMatch(line -> line.matches("\\d+," + cells[0] + ",included,.*"));
                case "excluded" -> assertThat(screening).as(row).anyMatch(line -> line.equals("," + cells[0] + ",excluded,," + cells[0] + "-1," + cells[3])
                        || line.startsWith("," + cells[0] + ",excluded,,") && line.endsWith("," + cells[3]));
                default -> assertThat(screening).as(row).noneMatch(line -> line.contains("," + cells[0] + ","));
            }
        }
        assertThat(summary.included()).isEqualTo(planted.stream().filter(row -> row.contains(",included,")).count());
        assertThat(summary.candidates()).isEqualTo(screening.size() - 1);
    }

    @Test
    void theSameSeedWritesTheSameFilesAndAnotherSeedOthers()
            throws IOException
    {
        String protocol = FixtureProtocolTest.fixture("pneumonia").toString();
        GenericHospital.load(protocol, 7, 200, false).write(temp.resolve("a"), ProgressListener.NONE);
        GenericHospital.load(protocol, 7, 200, false).write(temp.resolve("b"), ProgressListener.NONE);
        GenericHospital.load(protocol, 8, 200, false).write(temp.resolve("c"), ProgressListener.NONE);

        for (String file : List.of("Encounter.ndjson", "Observation.ndjson", "Patient.ndjson", "expected/screening.csv", "expected/cases/cases.csv",
                "expected/cases/measurements.csv", "expected/cases/provenance.csv", "expected/planted.csv")) {
            assertThat(Files.readString(temp.resolve("b").resolve(file))).as(file).isEqualTo(Files.readString(temp.resolve("a").resolve(file)));
        }
        assertThat(Files.readString(temp.resolve("c/Observation.ndjson"))).isNotEqualTo(Files.readString(temp.resolve("a/Observation.ndjson")));
    }

    @Test
    void theCatalogueNamesANearMissOnEachSideOfEachEdge()
    {
        GenericHospital hospital = GenericHospital.load(FixtureProtocolTest.fixture("glp1").toString(), 1, 1000, false);

        assertThat(hospital.variantNames()).contains("eligible",
                "index_day_before", "index_day_after", "index_tz_first_day", "index_tz_last_day", "index_tz_day_before", "index_tz_day_after",
                "index_code_not_in_set", "index_status_not_counted", "index_record_type_not_counted", "index_earlier_record",
                "t2dm_day_after", "t2dm_refuted", "t2dm_entered_in_error", "t2dm_tz_last_day", "t2dm_tz_day_after",
                "high_hba1c_day_before", "high_hba1c_day_after", "high_hba1c_value_fails", "high_hba1c_value_other_unit",
                "metformin_before_min_count_short", "metformin_before_status_not_counted",
                "no_type1_present", "no_type1_refuted", "no_type1_day_after", "no_bariatric_present", "no_bariatric_day_before",
                "retinal_screen_value_code_not_in_set", "monitor_day_before", "monitor_day_after",
                "followup_day_before", "followup_day_after", "followup_class_not_counted", "eye_imaging_modality_not_listed");
    }

    @Test
    void criteriaThatContradictEachOtherAreReportedAndTheExpectedFilesFollowTheRules()
            throws IOException
    {
        Path study = Files.createDirectories(temp.resolve("study"));
        Files.writeString(study.resolve("drug.yaml"), "id: drug\nentries:\n  - {system: http://www.nlm.nih.gov/research/umls/rxnorm, code: \"1\", agent: one}\n");
        Files.writeString(study.resolve("disease.yaml"), "id: disease\nentries:\n  - {system: http://snomed.info/sct, code: \"2\"}\n");
        Files.writeString(study.resolve("protocol.yaml"), """
                id: contradiction
                title: An inclusion that an exclusion always undoes
                study_window: {start: 2022-01-01, end: 2022-12-31}
                day0: {event: first_prescription, description: the first prescription, field: start_date}
                code_sets: {drug: drug.yaml, disease: disease.yaml}
                eligibility:
                  - {id: index, kind: medication, code_set: drug, timing: study_window}
                  - {id: recent_disease, kind: condition, code_set: disease, timing: window, window_days: {from: -10, to: -1}}
                  - {id: no_disease, type: exclusion, kind: condition, code_set: disease, timing: window, window_days: {from: -20, to: -1}}
                extract:
                  - {field: start_date, criterion: index, value: date}
                case_fields:
                  - {name: start_date, kind: date, required: true}
                timepoints:
                  - {name: baseline, label: Baseline, window_days: {from: -30, to: 0}}
                variables:
                  - {name: weight, label: Weight, unit: kg, range: {min: 20, max: 300}}
                ct_score: {system: kazerooni}
                outcomes:
                  followup_day: 30
                  list: [{name: alive_day30, kind: status_at_day, day: 30}]
                """);
        String protocol = study.resolve("protocol.yaml").toString();

        GenericHospital.Summary summary = GenericHospital.load(protocol, 4, 100, false).write(temp.resolve("h"), ProgressListener.NONE);

        assertThat(summary.surprises()).isNotEmpty().allMatch(surprise -> surprise.contains(": excluded at no_disease"));
        assertThat(Files.readAllLines(temp.resolve("h/expected/screening.csv"))).noneMatch(line -> line.contains(",included,"));
        GenericHospitalScreeningTest.assertSynthThenScreenAgree(protocol, 4, 100, false, temp.resolve("again"), false);
    }

    @Test
    void tooFewPatientsForOneOfEachVariantIsBadInput()
    {
        assertThatThrownBy(() -> GenericHospital.load(FixtureProtocolTest.fixture("glp1").toString(), 1, 20, false))
                .hasMessageContaining("needs at least");
    }
}
