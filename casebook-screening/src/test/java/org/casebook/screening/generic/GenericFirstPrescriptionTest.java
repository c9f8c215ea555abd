package org.casebook.screening.generic;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.screening.generic.Ndjson.ICD10CM;
import static org.casebook.screening.generic.Ndjson.RXNORM;
import static org.casebook.screening.generic.Ndjson.SNOMED;
import static org.casebook.screening.generic.Ndjson.coding;

/**
 * The generic engine on a protocol whose index event is a first prescription (test resource
 * {@code first-rx/protocol.yaml}): one plain eligible patient, then near misses on each side of
 * each criterion's edges, each differing from the plain patient in one record.
 */
class GenericFirstPrescriptionTest
{
    static final LocalDate DAY0 = LocalDate.of(2024, 3, 1);
    static final String UPADACITINIB = coding(RXNORM, "2196092");
    static final String MTX = coding(RXNORM, "6851");

    @TempDir
    static Path temp;
    static Map<String, List<String>> log;
    static Path out;

    static StudyProtocol protocol()
    {
        try {
            return Protocols.fromFile(Path.of(GenericFirstPrescriptionTest.class.getResource("first-rx/protocol.yaml").toURI()));
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String d(LocalDate day0, int days)
    {
        return day0.plusDays(days).toString();
    }

    /** A patient meeting every criterion, day 0 = {@code day0}, the prescription at {@code rxTime} on that day. */
    static Ndjson eligible(String p, LocalDate day0, String rxTime)
    {
        return new Ndjson()
                .add("Patient", Ndjson.patient(p, "1960-05-10", "female", null))
                .add("MedicationRequest", Ndjson.request("rx-" + p, p, UPADACITINIB, d(day0, 0) + rxTime, "active", "15", "mg"))
                .add("Condition", Ndjson.condition("ra-" + p, p, ICD10CM, "M06.9", "2020-01-01", null, "confirmed"))
                .add("MedicationStatement", Ndjson.statement("mtx-" + p, p, MTX, d(day0, -46), "completed"))
                .add("Observation", Ndjson.observation("crp-" + p, p, "1988-5", d(day0, -10) + "T09:00:00+09:00", "2.5", "mg/dL", "final"))
                .add("Observation", Ndjson.codedObservation("rf-" + p, p, "11572-5", "2023-06-01", "10828004"))
                .add("Encounter", Ndjson.encounter("v1-" + p, p, "AMB", "finished", d(day0, 9) + "T10:00:00+09:00", d(day0, 9) + "T11:00:00+09:00", "M06.9"))
                .add("Encounter", Ndjson.encounter("v2-" + p, p, "AMB", "finished", d(day0, 31) + "T10:00:00+09:00", d(day0, 31) + "T11:00:00+09:00", "M06.9"))
                .add("ImagingStudy", Ndjson.imaging("xr-" + p, p, "DX", d(day0, 0) + "T11:00:00+09:00", "available"));
    }

    static Ndjson eligible(String p)
    {
        return eligible(p, DAY0, "T10:00:00+09:00");
    }

    /** The plain patient with one record replaced (removed by id, then {@code line} added). */
    static Ndjson variant(String p, String removeId, String type, String line)
    {
        Ndjson data = eligible(p);
        if (removeId != null) {
            data.remove(removeId + "-" + p);
        }
        return type == null ? data : data.add(type, line);
    }

    /** Expected {@code status,reason} per patient. */
    static final Map<String, String> EXPECTED = new LinkedHashMap<>();
    static final Map<String, Ndjson> PATIENTS = new LinkedHashMap<>();

    static void plant(String p, String expected, UnaryOperator<String> unused, Ndjson data)
    {
        EXPECTED.put(p, expected);
        PATIENTS.put(p, data);
    }

    static void plant(String p, String expected, Ndjson data)
    {
        plant(p, expected, null, data);
    }

    @BeforeAll
    static void screen()
            throws IOException
    {
        plant("a-plain", "included,", eligible("a-plain"));
        // index: the first JAK-inhibitor request ever, a day in 2024
        plant("idx-2023", "absent", eligible("idx-2023", LocalDate.of(2023, 12, 31), "T23:00:00+09:00"));
        plant("idx-2025", "absent", eligible("idx-2025", LocalDate.of(2025, 1, 1), "T00:30:00+09:00"));
        plant("idx-jan1", "included,", eligible("idx-jan1", LocalDate.of(2024, 1, 1), "T00:30:00+09:00"));
        plant("idx-dec31", "included,", eligible("idx-dec31", LocalDate.of(2024, 12, 31), "T23:30:00-05:00"));
        plant("idx-prior", "absent", eligible("idx-prior").add("MedicationRequest", Ndjson.request("rx0-idx-prior", "idx-prior", UPADACITINIB, "2023-06-01", "active", "15", "mg")));
        plant("idx-prior-eie", "included,", eligible("idx-prior-eie").add("MedicationRequest",
                Ndjson.request("rx0-idx-prior-eie", "idx-prior-eie", UPADACITINIB, "2023-06-01", "entered-in-error", "15", "mg")));
        plant("idx-prior-month", "absent", eligible("idx-prior-month").add("MedicationRequest", Ndjson.request("rx0-idx-prior-month", "idx-prior-month", UPADACITINIB, "2024-03", "active", "15", "mg")));
        plant("idx-statement", "absent", variant("idx-statement", "rx", "MedicationStatement", Ndjson.statement("rxs-idx-statement", "idx-statement", UPADACITINIB, d(DAY0, 0), "active")));
        plant("idx-draft", "absent", variant("idx-draft", "rx", "MedicationRequest", Ndjson.request("rx-idx-draft", "idx-draft", UPADACITINIB, d(DAY0, 0), "draft", "15", "mg")));
        plant("idx-text", "included,", variant("idx-text", "rx", "MedicationRequest", Ndjson.request("rx-idx-text", "idx-text", "{\"text\":\"Tofacitinib 5 mg tablet\"}", d(DAY0, 0), "active", "5", "mg")));
        plant("idx-other-drug", "absent", variant("idx-other-drug", "rx", "MedicationRequest", Ndjson.request("rx-idx-other-drug", "idx-other-drug", coding(RXNORM, "1357536"), d(DAY0, 0), "active", "5", "mg")));
        // ra: on or before the index date
        plant("ra-after", "excluded,ra", variant("ra-after", "ra", "Condition", Ndjson.condition("ra-ra-after", "ra-after", ICD10CM, "M06.9", d(DAY0, 1), null, "confirmed")));
        plant("ra-same-day", "included,", variant("ra-same-day", "ra", "Condition", Ndjson.condition("ra-ra-same-day", "ra-same-day", ICD10CM, "M06.9", d(DAY0, 0) + "T23:59:00+09:00", null, "confirmed")));
        plant("ra-refuted", "excluded,ra", variant("ra-refuted", "ra", "Condition", Ndjson.condition("ra-ra-refuted", "ra-refuted", ICD10CM, "M06.9", "2020-01-01", null, "refuted")));
        plant("ra-eie", "excluded,ra", variant("ra-eie", "ra", "Condition", Ndjson.condition("ra-ra-eie", "ra-eie", ICD10CM, "M06.9", "2020-01-01", null, "entered-in-error")));
        plant("ra-month", "excluded,ra", variant("ra-month", "ra", "Condition", Ndjson.condition("ra-ra-month", "ra-month", ICD10CM, "M06.9", "2024-03", null, "confirmed")));
        plant("ra-month-before", "included,", variant("ra-month-before", "ra", "Condition", Ndjson.condition("ra-ra-month-before", "ra-month-before", ICD10CM, "M06.9", "2024-02", null, "confirmed")));
        plant("ra-other-code", "excluded,ra", variant("ra-other-code", "ra", "Condition", Ndjson.condition("ra-ra-other-code", "ra-other-code", ICD10CM, "J84.10", "2020-01-01", null, "confirmed")));
        plant("ra-recorded", "included,", variant("ra-recorded", "ra", "Condition", Ndjson.condition("ra-ra-recorded", "ra-recorded", ICD10CM, "M05.79", "2024-04", "2024-02-20", null)));
        // prior_mtx: window -120…-1, statuses active or completed
        for (int day : new int[] {-121, -120, -1, 0}) {
            String p = "mtx" + day;
            plant(p, day == -121 || day == 0 ? "excluded,prior_mtx" : "included,", variant(p, "mtx", "MedicationStatement", Ndjson.statement("mtx-" + p, p, MTX, d(DAY0, day), "completed")));
        }
        plant("mtx-stopped", "excluded,prior_mtx", variant("mtx-stopped", "mtx", "MedicationStatement", Ndjson.statement("mtx-mtx-stopped", "mtx-stopped", MTX, d(DAY0, -46), "stopped")));
        plant("mtx-active-request", "included,", variant("mtx-active-request", "mtx", "MedicationRequest", Ndjson.request("mtx-mtx-active-request", "mtx-active-request", MTX, d(DAY0, -46), "active", null, null)));
        // no_tb: an exclusion, window -365…0
        for (int day : new int[] {-366, -365, 0, 1}) {
            String p = "tb" + day;
            plant(p, day == -365 || day == 0 ? "excluded,no_tb" : "included,", eligible(p).add("Condition", Ndjson.condition("tb-" + p, p, ICD10CM, "A15.0", d(DAY0, day), null, "confirmed")));
        }
        plant("tb-refuted", "included,", eligible("tb-refuted").add("Condition", Ndjson.condition("tb-tb-refuted", "tb-refuted", ICD10CM, "A15.0", d(DAY0, -10), null, "refuted")));
        // crp_high: >= 1 mg/dL in -30…0
        plant("crp-low", "excluded,crp_high", variant("crp-low", "crp", "Observation", Ndjson.observation("crp-crp-low", "crp-low", "1988-5", d(DAY0, -10), "0.99", "mg/dL", "final")));
        plant("crp-equal", "included,", variant("crp-equal", "crp", "Observation", Ndjson.observation("crp-crp-equal", "crp-equal", "1988-5", d(DAY0, -10), "1", "mg/dL", "final")));
        plant("crp-mgl", "excluded,crp_high", variant("crp-mgl", "crp", "Observation", Ndjson.observation("crp-crp-mgl", "crp-mgl", "1988-5", d(DAY0, -10), "25", "mg/L", "final")));
        plant("crp-31", "excluded,crp_high", variant("crp-31", "crp", "Observation", Ndjson.observation("crp-crp-31", "crp-31", "1988-5", d(DAY0, -31), "2.5", "mg/dL", "final")));
        plant("crp-30", "included,", variant("crp-30", "crp", "Observation", Ndjson.observation("crp-crp-30", "crp-30", "1988-5", d(DAY0, -30), "2.5", "mg/dL", "final")));
        plant("crp-cancelled", "excluded,crp_high", variant("crp-cancelled", "crp", "Observation", Ndjson.observation("crp-crp-cancelled", "crp-cancelled", "1988-5", d(DAY0, -10), "2.5", "mg/dL", "cancelled")));
        // rf_positive: a positive result on or before the index date
        plant("rf-negative", "excluded,rf_positive", variant("rf-negative", "rf", "Observation", Ndjson.codedObservation("rf-rf-negative", "rf-negative", "11572-5", "2023-06-01", "260385009")));
        plant("rf-after", "excluded,rf_positive", variant("rf-after", "rf", "Observation", Ndjson.codedObservation("rf-rf-after", "rf-after", "11572-5", d(DAY0, 1), "10828004")));
        plant("rf-same-day", "included,", variant("rf-same-day", "rf", "Observation", Ndjson.codedObservation("rf-rf-same-day", "rf-same-day", "11572-5", d(DAY0, 0), "10828004")));
        // no_surgery: an exclusion of procedures in -90…0
        plant("surg-90", "excluded,no_surgery", eligible("surg-90").add("Procedure", Ndjson.procedure("op-surg-90", "surg-90", "609588000", d(DAY0, -90), "completed")));
        plant("surg-91", "included,", eligible("surg-91").add("Procedure", Ndjson.procedure("op-surg-91", "surg-91", "609588000", d(DAY0, -91), "completed")));
        plant("surg-not-done", "included,", eligible("surg-not-done").add("Procedure", Ndjson.procedure("op-surg-not-done", "surg-not-done", "609588000", d(DAY0, -10), "not-done")));
        plant("surg-other", "included,", eligible("surg-other").add("Procedure", Ndjson.procedure("op-surg-other", "surg-other", "80146002", d(DAY0, -10), "completed")));
        // followup: two AMB visits for RA 2…60 days after the index record
        plant("fu-one", "excluded,followup", variant("fu-one", "v2", null, null));
        plant("fu-day1", "excluded,followup", variant("fu-day1", "v1", "Encounter", Ndjson.encounter("v1-fu-day1", "fu-day1", "AMB", "finished", d(DAY0, 1), null, "M06.9")));
        plant("fu-day2", "included,", variant("fu-day2", "v1", "Encounter", Ndjson.encounter("v1-fu-day2", "fu-day2", "AMB", "finished", d(DAY0, 2), null, "M06.9")));
        plant("fu-day60", "included,", variant("fu-day60", "v2", "Encounter", Ndjson.encounter("v2-fu-day60", "fu-day60", "AMB", "finished", d(DAY0, 60), null, "M06.9")));
        plant("fu-day61", "excluded,followup", variant("fu-day61", "v2", "Encounter", Ndjson.encounter("v2-fu-day61", "fu-day61", "AMB", "finished", d(DAY0, 61), null, "M06.9")));
        plant("fu-inpatient", "excluded,followup", variant("fu-inpatient", "v1", "Encounter", Ndjson.encounter("v1-fu-inpatient", "fu-inpatient", "IMP", "finished", d(DAY0, 9), null, "M06.9")));
        plant("fu-cancelled", "excluded,followup", variant("fu-cancelled", "v1", "Encounter", Ndjson.encounter("v1-fu-cancelled", "fu-cancelled", "AMB", "cancelled", d(DAY0, 9), null, "M06.9")));
        plant("fu-other-reason", "excluded,followup", variant("fu-other-reason", "v1", "Encounter", Ndjson.encounter("v1-fu-other-reason", "fu-other-reason", "AMB", "finished", d(DAY0, 9), null, "J84.10")));
        // xray: a non-encounter index has no stay, so during_admission is the index date
        plant("xr-day1", "excluded,xray", variant("xr-day1", "xr", "ImagingStudy", Ndjson.imaging("xr-xr-day1", "xr-day1", "DX", d(DAY0, 1), "available")));
        plant("xr-ct", "excluded,xray", variant("xr-ct", "xr", "ImagingStudy", Ndjson.imaging("xr-xr-ct", "xr-ct", "CT", d(DAY0, 0), "available")));
        plant("xr-cancelled", "excluded,xray", variant("xr-cancelled", "xr", "ImagingStudy", Ndjson.imaging("xr-xr-cancelled", "xr-cancelled", "DX", d(DAY0, 0), "cancelled")));
        plant("xr-cr", "included,", variant("xr-cr", "xr", "ImagingStudy", Ndjson.imaging("xr-xr-cr", "xr-cr", "CR", d(DAY0, 0), "available")));
        // a background patient without any JAK inhibitor
        plant("zz-background", "absent", new Ndjson().add("Patient", Ndjson.patient("zz-background", "1970-01-01", "male", null))
                .add("Condition", Ndjson.condition("ra-zz", "zz-background", ICD10CM, "M06.9", "2020-01-01", null, "confirmed")));
        plant("x-values", "included,", values());

        Ndjson all = new Ndjson();
        PATIENTS.values().forEach(all::addAll);
        Path extract = all.write(temp.resolve("extract"));
        out = temp.resolve("out");
        new GenericScreening(protocol(), null, null, true).screen(extract, out);
        log = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve("screening.csv"), StandardCharsets.UTF_8).subList(1, Files.readAllLines(out.resolve("screening.csv")).size())) {
            log.put(line.split(",", -1)[1], List.of(line.split(",", -1)));
        }
    }

    @Test
    void everyPatientHasTheExpectedStatusAndReason()
    {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String patient : EXPECTED.keySet()) {
            List<String> row = log.get(patient);
            actual.put(patient, row == null ? "absent" : row.get(2) + "," + row.get(5));
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(EXPECTED);
    }

    @Test
    void logRowsAreExact()
            throws IOException
    {
        List<String> lines = Files.readAllLines(out.resolve("screening.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("case_no,patient_id,status,day0,encounter_id,reason,evidence,matched_by_text");
        assertThat(lines.get(1)).isEqualTo("1,idx-jan1,included,2024-01-01,rx-idx-jan1,,"
                + "index=MedicationRequest/rx-idx-jan1;ra=Condition/ra-idx-jan1;prior_mtx=MedicationStatement/mtx-idx-jan1;crp_high=Observation/crp-idx-jan1;"
                + "rf_positive=Observation/rf-idx-jan1;followup=Encounter/v1-idx-jan1;xray=ImagingStudy/xr-idx-jan1,");
        assertThat(lines).contains(
                ",tb-365,excluded,,rx-tb-365,no_tb,index=MedicationRequest/rx-tb-365;ra=Condition/ra-tb-365;prior_mtx=MedicationStatement/mtx-tb-365;no_tb=Condition/tb-tb-365,",
                ",fu-one,excluded,,rx-fu-one,followup,index=MedicationRequest/rx-fu-one;ra=Condition/ra-fu-one;prior_mtx=MedicationStatement/mtx-fu-one;crp_high=Observation/crp-fu-one;rf_positive=Observation/rf-fu-one,");
        assertThat(log.get("idx-text").get(7)).isEqualTo("index");
        assertThat(log.get("idx-dec31").get(3)).isEqualTo("2024-12-31");
        // included rows come first, numbered by day 0 then patient id; excluded rows follow by patient id
        assertThat(log.get("idx-dec31").get(0)).isEqualTo(Long.toString(EXPECTED.values().stream().filter(value -> value.startsWith("included")).count()));
    }

    @Test
    void flowCountsEachStep()
            throws IOException
    {
        String flow = Files.readString(out.resolve("flow.json"));
        long candidates = EXPECTED.values().stream().filter(value -> !value.equals("absent")).count();
        assertThat(flow).contains("\"protocol\" : \"first-jaki-rx-test\"", "\"with_index_admission\" : " + candidates,
                "\"included\" : " + EXPECTED.values().stream().filter(value -> value.startsWith("included")).count(),
                "\"xray\" : 3", "\"no_tb\" : 2", "\"followup\" : 6", "\"lines_passed_over_unparsed\" : {\n    \"Condition\" : 2,\n    \"Encounter\" : 2,\n    \"ImagingStudy\" : 1,\n    \"Observation\" : 2\n  }", "\"Procedure\" : 4");
        assertThat(out.resolve("flow.svg")).exists();
        assertThat(Files.readAllLines(out.resolve("skipped.csv"))).containsExactly("file,line,reason,detail");
    }

    /** A patient with values on each side of each extraction window's edge. */
    static Ndjson values()
    {
        String p = "x-values";
        return eligible(p)
                .remove("crp-" + p)
                .remove(p)
                .add("Patient", Ndjson.patient(p, "1960-03-02", "male", "2024-11-20T08:00:00+09:00"))
                // an older methotrexate (stopped: counts for values, not for prior_mtx) and one outside the year
                .add("MedicationStatement", Ndjson.statement("mtx-old-" + p, p, MTX, d(DAY0, -200), "stopped"))
                .add("MedicationStatement", Ndjson.statement("mtx-ancient-" + p, p, MTX, d(DAY0, -366), "completed"))
                // a third RA visit on day 90 (counted) and one on day 91 (not)
                .add("Encounter", Ndjson.encounter("v3-" + p, p, "AMB", "finished", d(DAY0, 90), null, "M06.9"))
                .add("Encounter", Ndjson.encounter("v4-" + p, p, "AMB", "finished", d(DAY0, 91), null, "M06.9"))
                // CRP baseline: nearest to day 0 is day 0 itself, in mg/L (22 mg/L = 2.2 mg/dL); day -31 is outside
                .add("Observation", Ndjson.observation("crp-b1-" + p, p, "1988-5", d(DAY0, -10), "2.5", "mg/dL", "final"))
                .add("Observation", Ndjson.observation("crp-b2-" + p, p, "1988-5", d(DAY0, 0) + "T08:00:00+09:00", "22", "mg/L", "final"))
                .add("Observation", Ndjson.observation("crp-b3-" + p, p, "1988-5", d(DAY0, -31), "9", "mg/dL", "final"))
                // month 3: nearest to day 90, days 88 and 92 tie: the earlier wins
                .add("Observation", Ndjson.observation("crp-m3a-" + p, p, "1988-5", d(DAY0, 92), "1.0", "mg/dL", "final"))
                .add("Observation", Ndjson.observation("crp-m3b-" + p, p, "1988-5", d(DAY0, 88), "1.2", "mg/dL", "final"))
                // month 6: lowest; 0.5 twice (the earlier wins); an entered-in-error 0.1 and an implausible unit are not used
                .add("Observation", Ndjson.observation("crp-m6a-" + p, p, "1988-5", d(DAY0, 160), "0.8", "mg/dL", "final"))
                .add("Observation", Ndjson.observation("crp-m6c-" + p, p, "1988-5", d(DAY0, 200), "0.5", "mg/dL", "final"))
                .add("Observation", Ndjson.observation("crp-m6b-" + p, p, "1988-5", d(DAY0, 170), "0.50", "mg/dL", "final"))
                .add("Observation", Ndjson.observation("crp-m6e-" + p, p, "1988-5", d(DAY0, 180), "0.1", "mg/dL", "entered-in-error"))
                .add("Observation", Ndjson.observation("crp-m6u-" + p, p, "1988-5", d(DAY0, 181), "0.2", "g/L", "final"))
                // month 12: highest in 330…400; 8 on day 329 and 9 on day 401 are outside
                .add("Observation", Ndjson.observation("crp-m12a-" + p, p, "1988-5", d(DAY0, 330), "3.0", "mg/dL", "final"))
                .add("Observation", Ndjson.observation("crp-m12b-" + p, p, "1988-5", d(DAY0, 400), "2.0", "mg/dL", "final"))
                .add("Observation", Ndjson.observation("crp-m12c-" + p, p, "1988-5", d(DAY0, 329), "8", "mg/dL", "final"))
                .add("Observation", Ndjson.observation("crp-m12d-" + p, p, "1988-5", d(DAY0, 401), "9", "mg/dL", "final"))
                // ESR baseline: last (two on day -5, the later time wins); month 3: first (day 59 is outside)
                .add("Observation", Ndjson.observation("esr-b1-" + p, p, "4537-7", d(DAY0, -20), "30", "mm/h", "final"))
                .add("Observation", Ndjson.observation("esr-b3-" + p, p, "4537-7", d(DAY0, -5) + "T20:00:00+09:00", "45", "mm/h", "final"))
                .add("Observation", Ndjson.observation("esr-b2-" + p, p, "4537-7", d(DAY0, -5) + "T08:00:00+09:00", "40", "mm/h", "final"))
                .add("Observation", Ndjson.observation("esr-m3a-" + p, p, "4537-7", d(DAY0, 59), "10", "mm/h", "final"))
                .add("Observation", Ndjson.observation("esr-m3c-" + p, p, "4537-7", d(DAY0, 61), "14", "mm/h", "final"))
                .add("Observation", Ndjson.observation("esr-m3b-" + p, p, "4537-7", d(DAY0, 60), "12", "mm/h", "final"));
    }

    @Test
    void extractsEveryValueWithItsSource()
            throws IOException
    {
        List<String> cases = Files.readAllLines(out.resolve("cases/cases.csv"), StandardCharsets.UTF_8);
        assertThat(cases.get(0)).isEqualTo("patient_id,index_date,age,sex,agent,dose_mg,prior_mtx,mtx_last_days,mtx_date,visits,death_date,response");
        assertThat(cases).contains(
                "x-values,2024-03-01,63,M,upadacitinib,15,yes,46,2024-01-15,3,2024-11-20,",
                "a-plain,2024-03-01,63,F,upadacitinib,15,yes,46,2024-01-15,2,,",
                "idx-text,2024-03-01,63,F,tofacitinib,5,yes,46,2024-01-15,2,,");
        List<String> measurements = Files.readAllLines(out.resolve("cases/measurements.csv"), StandardCharsets.UTF_8);
        assertThat(measurements.get(0)).isEqualTo("patient_id,timepoint,variable,value,unit,date,source");
        assertThat(measurements.stream().filter(line -> line.startsWith("x-values,")).toList()).containsExactly(
                "x-values,baseline,crp,2.2,mg/dL,2024-03-01,Observation/crp-b2-x-values",
                "x-values,month3,crp,1.2,mg/dL,2024-05-28,Observation/crp-m3b-x-values",
                "x-values,month6,crp,0.50,mg/dL,2024-08-18,Observation/crp-m6b-x-values",
                "x-values,month12,crp,3.0,mg/dL,2025-01-25,Observation/crp-m12a-x-values",
                "x-values,baseline,esr,45,mm/h,2024-02-25,Observation/esr-b3-x-values",
                "x-values,month3,esr,12,mm/h,2024-04-30,Observation/esr-m3b-x-values");
        List<String> provenance = Files.readAllLines(out.resolve("cases/provenance.csv"), StandardCharsets.UTF_8);
        assertThat(provenance).contains(
                "x-values,death_date,,2024-11-20,Patient,x-values,Patient.ndjson," + lineOf("Patient", "\"id\":\"x-values\""),
                "x-values,crp,baseline,2.2,Observation,crp-b2-x-values,Observation.ndjson," + lineOf("Observation", "\"id\":\"crp-b2-x-values\""));
        assertThat(out.resolve("cases/ct_studies.csv")).hasContent("patient_id,timepoint,date,study_id,source");
    }

    private static long lineOf(String type, String marker)
            throws IOException
    {
        List<String> lines = Files.readAllLines(temp.resolve("extract").resolve(type + ".ndjson"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker);
    }
}
