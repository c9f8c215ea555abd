package org.casebook.screening.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.screening.generic.Ndjson.ICD10CM;
import static org.casebook.screening.generic.Ndjson.LOINC;
import static org.casebook.screening.generic.Ndjson.RXNORM;
import static org.casebook.screening.generic.Ndjson.coding;
import static org.casebook.screening.generic.Ndjson.subject;

/**
 * The extract rules the seed study is written in, on the generic engine, with hand-made records at
 * their edges: CT studies tied in distance and one study wanted by two time points, doses in
 * another unit and records that do not count, the latest stop of a prior drug and its reasons,
 * oxygen recorded around discharge, an open stay, the last record date, P/F pairs in minutes. Each
 * value is stated here.
 */
class SeedRulesTest
{
    static final String MPSL = coding(RXNORM, "6902");
    static final String UPADACITINIB = coding(RXNORM, "2196092");
    static final String BARICITINIB = coding(RXNORM, "2047232");
    static final String TOFACITINIB = coding(RXNORM, "1357536");

    @TempDir
    static Path temp;
    static Path generic;
    static Map<String, Map<String, String>> cases;

    /** Admitted 2024-05-10 (day 0) to 2024-05-24 (end null: open) for ILD, RA since 2015, methylprednisolone 250 mg on day 1, upadacitinib 15 mg on day 2. */
    static Ndjson eligible(String p, String end)
    {
        return new Ndjson()
                .add("Patient", Ndjson.patient(p, "1950-06-01", "female", null))
                .add("Encounter", Ndjson.encounter("adm-" + p, p, "IMP", "finished", "2024-05-10T09:00:00+09:00", end, "J84.10"))
                .add("Condition", Ndjson.condition("ra-" + p, p, ICD10CM, "M05.79", "2015-01-01", null, "confirmed"))
                .add("MedicationAdministration", Ndjson.administration("mpsl-" + p, p, MPSL, "2024-05-11T10:00:00+09:00", "completed", "250", "mg"))
                .add("MedicationRequest", Ndjson.request("jak-" + p, p, UPADACITINIB, "2024-05-12T14:00:00+09:00", "active", "15", "mg"));
    }

    static Ndjson eligible(String p)
    {
        return eligible(p, "2024-05-24T10:00:00+09:00");
    }

    /** A MedicationStatement of a drug with an effective period, a status and statusReason concepts (JSON). */
    static String stopped(String id, String p, String drug, String start, String end, String status, String... reasons)
    {
        return "{\"resourceType\":\"MedicationStatement\",\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"medicationCodeableConcept\":" + drug + ","
                + subject(p) + ",\"effectivePeriod\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}"
                + (reasons.length == 0 ? "" : ",\"statusReason\":[" + String.join(",", reasons) + "]") + "}";
    }

    /** A MedicationRequest with several single doses. */
    static String doses(String id, String p, String drug, String authoredOn, String status, String... quantities)
    {
        StringBuilder rates = new StringBuilder();
        for (int i = 0; i < quantities.length; i += 2) {
            rates.append(i == 0 ? "" : ",").append("{\"doseQuantity\":{\"value\":").append(quantities[i]).append(",\"unit\":\"").append(quantities[i + 1]).append("\"}}");
        }
        return "{\"resourceType\":\"MedicationRequest\",\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"intent\":\"order\",\"medicationCodeableConcept\":"
                + drug + "," + subject(p) + ",\"authoredOn\":\"" + authoredOn + "\",\"dosageInstruction\":[{\"doseAndRate\":[" + rates + "]}]}";
    }

    @BeforeAll
    static void screen()
            throws IOException
    {
        Ndjson all = new Ndjson()
                // CT: day -1 and day +1 tie for onset (the earlier wins); the day -1 study is then not the before study
                .addAll(eligible("ct").add("ImagingStudy", Ndjson.imaging("ct-a", "ct", "CT", "2024-01-10T10:00:00+09:00", "available"))
                        .add("ImagingStudy", Ndjson.imaging("ct-b", "ct", "CT", "2024-05-09T10:00:00+09:00", "available"))
                        .add("ImagingStudy", Ndjson.imaging("ct-c", "ct", "CT", "2024-05-11T10:00:00+09:00", "available"))
                        .add("ImagingStudy", Ndjson.imaging("cr-d", "ct", "CR", "2024-05-10T12:00:00+09:00", "available"))
                        .add("ImagingStudy", Ndjson.imaging("ct-e", "ct", "CT", "2024-05-20T10:00:00+09:00", "cancelled"))
                        .add("ImagingStudy", Ndjson.imaging("ct-f", "ct", "CT", "2024-06-01T10:00:00+09:00", "available"))
                        .add("ImagingStudy", Ndjson.imaging("ct-g", "ct", "CT", "2024-08-20T10:00:00+09:00", "available")))
                // a pulse written in grams, after a 500 mg record entered in error
                .addAll(eligible("pulse").add("MedicationRequest", doses("mp-err-pulse", "pulse", MPSL, "2024-05-12T08:00:00+09:00", "entered-in-error", "500", "mg"))
                        .add("MedicationRequest", doses("mp-g-pulse", "pulse", MPSL, "2024-05-13T08:00:00+09:00", "active", "250", "mg", "0.5", "g")))
                // 499 mg is no pulse
                .addAll(eligible("no-pulse").add("MedicationRequest", doses("mp-499", "no-pulse", MPSL, "2024-05-13T08:00:00+09:00", "active", "499", "mg")))
                // the prior drug stopped last (by its end) within 180 days; an active one and one stopped too early do not count
                .addAll(eligible("prior").add("MedicationStatement", stopped("tofa-prior", "prior", TOFACITINIB, "2023-01-01", "2024-03-01", "stopped",
                                coding("http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason", "sintol")))
                        .add("MedicationStatement", stopped("bari-prior", "prior", BARICITINIB, "2023-06-01", "2024-04-20", "completed", "{\"text\":\"patient preference\"}"))
                        .add("MedicationStatement", stopped("upa-active", "prior", UPADACITINIB, "2023-06-01", "2024-05-01", "active"))
                        .add("MedicationStatement", stopped("upa-old", "prior", UPADACITINIB, "2022-06-01", "2023-10-01", "stopped")))
                // any reason meaning an adverse event names it so
                .addAll(eligible("prior-ae").add("MedicationStatement", stopped("tofa-ae", "prior-ae", TOFACITINIB, "2023-01-01", "2024-04-01", "stopped",
                        "{\"text\":\"moved away\"}", "{\"text\":\"adverse reaction: rash\"}")))
                // oxygen dependence recorded 2 days after discharge (onset long before) counts; 3 days after does not
                .addAll(eligible("o2").add("Condition", Ndjson.condition("o2dep", "o2", ICD10CM, "Z99.81", "2020-01-01", "2024-05-26", "confirmed")))
                .addAll(eligible("o2-late").add("Condition", Ndjson.condition("o2dep-late", "o2-late", ICD10CM, "Z99.81", null, "2024-05-27", "confirmed")))
                // an open stay: no discharge, no home oxygen, no P/F "after" (to discharge)
                .addAll(eligible("open", null).add("Observation", Ndjson.observation("pf-open", "open", "50984-4", "2024-05-20T10:00:00+09:00", "250", "mm[Hg]", "final")))
                // the latest day on any record read: the death, later than the last visit; a later Procedure does not count
                .addAll(eligible("last").remove("last")
                        .add("Patient", Ndjson.patient("last", "1950-06-01", "female", "2024-09-01"))
                        .add("Observation", Ndjson.observation("fvc-last", "last", "19872-1", "2024-08-01T10:00:00+09:00", "81.0", "%", "final"))
                        .add("Procedure", Ndjson.procedure("proc-last", "last", "71651007", "2024-10-01T10:00:00+09:00", "completed")))
                // P/F: PaO2 in kPa over FiO2 in %; PaO2 in mm[Hg] over the FiO2 within 60 minutes (one 65 minutes off); a reported ratio
                .addAll(eligible("pf")
                        .add("Observation", Ndjson.observation("pao2-1", "pf", "2703-7", "2024-05-10T10:00:00+09:00", "10", "kPa", "final"))
                        .add("Observation", Ndjson.observation("fio2-1", "pf", "3150-0", "2024-05-10T10:30:00+09:00", "40", "%", "final"))
                        .add("Observation", Ndjson.observation("pao2-2", "pf", "2703-7", "2024-05-11T09:00:00+09:00", "60", "mm[Hg]", "final"))
                        .add("Observation", Ndjson.observation("fio2-2", "pf", "3150-0", "2024-05-11T09:50:00+09:00", "0.50", "1", "final"))
                        .add("Observation", Ndjson.observation("fio2-3", "pf", "3150-0", "2024-05-11T08:00:00+09:00", "0.21", "1", "final"))
                        .add("Observation", Ndjson.observation("pf-rep", "pf", "50984-4", "2024-05-12T12:00:00+09:00", "300", "mm[Hg]", "final"))
                        .add("Observation", Ndjson.observation("pf-after-1", "pf", "50984-4", "2024-05-18T12:00:00+09:00", "280", "mm[Hg]", "final"))
                        .add("Observation", Ndjson.observation("pf-after-2", "pf", "50984-4", "2024-05-24T08:00:00+09:00", "310.0", "mm[Hg]", "final"))
                        .add("Observation", Ndjson.observation("pf-after-3", "pf", "50984-4", "2024-05-25T08:00:00+09:00", "330", "mm[Hg]", "final")));
        Path extract = all.write(temp.resolve("extract"));
        generic = temp.resolve("generic");
        new GenericScreening(Protocols.builtIn(Protocols.SEED), null, null, true).screen(extract, generic);
        cases = new HashMap<>();
        List<String> lines = Files.readAllLines(generic.resolve("cases/cases.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = List.of(line.split(",", -1));
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            cases.put(row.get("patient_id"), row);
        }
    }

    @Test
    void everyPatientIsIncluded()
    {
        assertThat(cases.keySet()).containsExactlyInAnyOrder("ct", "pulse", "no-pulse", "prior", "prior-ae", "o2", "o2-late", "open", "last", "pf");
    }

    @Test
    void ctStudiesTieToTheEarlierAndAStudyFillsOneTimePoint()
            throws IOException
    {
        assertThat(Files.readAllLines(generic.resolve("cases/ct_studies.csv")).stream().filter(line -> line.startsWith("ct,")).toList()).containsExactly(
                "ct,before,2024-01-10,ct-a,ImagingStudy/ct-a",
                "ct,onset,2024-05-09,ct-b,ImagingStudy/ct-b",
                "ct,after,2024-06-01,ct-f,ImagingStudy/ct-f");
        assertThat(Files.readAllLines(generic.resolve("cases/provenance.csv"))).contains("ct,ct_study,onset,2024-05-09,ImagingStudy,ct-b,ImagingStudy.ndjson,2");
    }

    @Test
    void aPulseIsAnySingleDoseFrom500MgInAnyMassUnitOfACountingRecord()
    {
        assertThat(cases.get("pulse")).containsEntry("mpsl_pulse", "yes").containsEntry("mpsl_pulse_start_date", "2024-05-13");
        assertThat(cases.get("no-pulse")).containsEntry("mpsl_pulse", "no").containsEntry("mpsl_pulse_start_date", "");
        assertThat(cases.get("ct")).containsEntry("mpsl_pulse", "no");
    }

    @Test
    void thePriorDrugIsTheOneStoppedLastWithItsReason()
    {
        assertThat(cases.get("prior")).containsEntry("prior_jaki", "baricitinib").containsEntry("prior_jaki_stop_date", "2024-04-20")
                .containsEntry("prior_jaki_stop_reason", "patient preference");
        assertThat(cases.get("prior-ae")).containsEntry("prior_jaki", "tofacitinib").containsEntry("prior_jaki_stop_date", "2024-04-01")
                .containsEntry("prior_jaki_stop_reason", "adverse event");
        assertThat(cases.get("ct")).containsEntry("prior_jaki", "").containsEntry("prior_jaki_stop_reason", "");
    }

    @Test
    void treatmentHomeOxygenAndTheStay()
    {
        assertThat(cases.get("ct")).containsEntry("jaki_agent", "upadacitinib").containsEntry("jaki_dose_mg", "15").containsEntry("jaki_start_date", "2024-05-12")
                .containsEntry("admission_date", "2024-05-10").containsEntry("ae_onset_date", "").containsEntry("discharge_date", "2024-05-24")
                .containsEntry("home_oxygen_at_discharge", "no").containsEntry("age", "73").containsEntry("sex", "F");
        assertThat(cases.get("o2")).containsEntry("home_oxygen_at_discharge", "yes");
        assertThat(cases.get("o2-late")).containsEntry("home_oxygen_at_discharge", "no");
        assertThat(cases.get("open")).containsEntry("discharge_date", "").containsEntry("home_oxygen_at_discharge", "");
    }

    @Test
    void theLastFollowUpIsTheLatestDayOfTheKindsNamed()
            throws IOException
    {
        assertThat(cases.get("last")).containsEntry("death_date", "2024-09-01").containsEntry("last_followup_date", "2024-09-01");
        assertThat(Files.readAllLines(generic.resolve("cases/provenance.csv"))).anyMatch(line -> line.startsWith("last,last_followup_date,,2024-09-01,Patient,last,"));
        // the discharge is the latest day written for a patient seen no later
        assertThat(cases.get("ct")).containsEntry("last_followup_date", "2024-08-20");
    }

    @Test
    void pfPairsWithinTheMinutesTakesTheLowestAtOnsetAndTheLastToDischarge()
            throws IOException
    {
        assertThat(Files.readAllLines(generic.resolve("cases/measurements.csv")).stream().filter(line -> line.startsWith("pf,")).toList()).containsExactly(
                "pf,onset,pf_ratio,120.0,mmHg,2024-05-11,Observation/pao2-2;Observation/fio2-2",
                "pf,after,pf_ratio,310.0,mmHg,2024-05-24,Observation/pf-after-2");
        assertThat(Files.readAllLines(generic.resolve("cases/measurements.csv"))).noneMatch(line -> line.startsWith("open,"));
    }
}
