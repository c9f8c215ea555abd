package org.casebook.screening.generic;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * The generic engine on an admission-indexed protocol (test resource {@code admission/protocol.yaml}):
 * encounter classes and statuses, a reason by a linked Condition, the stay (open or closed), day 0
 * at a later criterion's record, a criterion relative to that record, several candidate admissions
 * (the furthest decides, the earliest on ties), the protocol's own never-counting statuses, and
 * extraction anchored on admission, day 0 and discharge with a P/F ratio paired in time.
 */
class GenericAdmissionTest
{
    static final String MPSL = coding(RXNORM, "6902");

    @TempDir
    static Path temp;
    static Path out;
    static Map<String, List<String>> log;
    static final Map<String, String> EXPECTED = new LinkedHashMap<>();
    static final Ndjson ALL = new Ndjson();

    static StudyProtocol protocol()
    {
        try {
            return Protocols.fromFile(Path.of(GenericAdmissionTest.class.getResource("admission/protocol.yaml").toURI()));
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Admitted 2024-05-10 09:00 to 2024-05-24 10:00, methylprednisolone on 05-11, respiratory failure on 05-12 (day 0), CT on 05-13. */
    static Ndjson eligible(String p)
    {
        return new Ndjson()
                .add("Patient", Ndjson.patient(p, "1950-06-01", "female", null))
                .add("Encounter", Ndjson.encounter("adm-" + p, p, "IMP", "finished", "2024-05-10T09:00:00+09:00", "2024-05-24T10:00:00+09:00", "J18.9"))
                .add("MedicationAdministration", Ndjson.administration("ster-" + p, p, MPSL, "2024-05-11T10:00:00+09:00", "completed", "500", "mg"))
                .add("Condition", Ndjson.condition("rf-" + p, p, ICD10CM, "J96.01", "2024-05-12T08:00:00+09:00", null, "confirmed"))
                .add("ImagingStudy", Ndjson.imaging("ct-" + p, p, "CT", "2024-05-13T11:00:00+09:00", "available"));
    }

    static Ndjson replace(String p, String id, String type, String line)
    {
        Ndjson data = eligible(p).remove(id + "-" + p);
        return line == null ? data : data.add(type, line);
    }

    static void plant(String p, String expected, Ndjson data)
    {
        EXPECTED.put(p, expected);
        ALL.addAll(data);
    }

    @BeforeAll
    static void screen()
            throws IOException
    {
        plant("a-plain", "included,,adm-a-plain", eligible("a-plain"));
        // index admission: class, status, window, reason by a linked condition
        plant("adm-2023", "absent", replace("adm-2023", "adm", "Encounter", Ndjson.encounter("adm-adm-2023", "adm-2023", "IMP", "finished", "2023-12-31T23:00:00+09:00", "2024-05-24", "J18.9")));
        plant("adm-amb", "absent", replace("adm-amb", "adm", "Encounter", Ndjson.encounter("adm-adm-amb", "adm-amb", "AMB", "finished", "2024-05-10", "2024-05-24", "J18.9")));
        plant("adm-emer", "included,,adm-adm-emer", replace("adm-emer", "adm", "Encounter", Ndjson.encounter("adm-adm-emer", "adm-emer", "EMER", "finished", "2024-05-10", "2024-05-24", "J18.9")));
        plant("adm-cancelled", "absent", replace("adm-cancelled", "adm", "Encounter", Ndjson.encounter("adm-adm-cancelled", "adm-cancelled", "IMP", "cancelled", "2024-05-10", "2024-05-24", "J18.9")));
        plant("adm-month", "absent", replace("adm-month", "adm", "Encounter", Ndjson.encounter("adm-adm-month", "adm-month", "IMP", "finished", "2024-05", "2024-05-24", "J18.9")));
        plant("adm-other-reason", "absent", replace("adm-other-reason", "adm", "Encounter", Ndjson.encounter("adm-adm-other-reason", "adm-other-reason", "IMP", "finished", "2024-05-10", "2024-05-24", "J44.1")));
        plant("adm-linked", "included,,adm-adm-linked", replace("adm-linked", "adm", "Encounter", Ndjson.encounter("adm-adm-linked", "adm-linked", "IMP", "finished", "2024-05-10", "2024-05-24", null))
                .add("Condition", linkedPneumonia("adm-linked", "confirmed")));
        plant("adm-linked-refuted", "absent", replace("adm-linked-refuted", "adm", "Encounter", Ndjson.encounter("adm-adm-linked-refuted", "adm-linked-refuted", "IMP", "finished", "2024-05-10", "2024-05-24", null))
                .add("Condition", linkedPneumonia("adm-linked-refuted", "refuted")));
        plant("adm-linked-provisional", "absent", replace("adm-linked-provisional", "adm", "Encounter",
                Ndjson.encounter("adm-adm-linked-provisional", "adm-linked-provisional", "IMP", "finished", "2024-05-10", "2024-05-24", null))
                .add("Condition", linkedPneumonia("adm-linked-provisional", "provisional")));
        // several admissions: the first meeting every criterion; else the furthest, the earliest on ties
        plant("two-first-fails", "included,,adm-two-first-fails", eligible("two-first-fails")
                .add("Encounter", Ndjson.encounter("adm0-two-first-fails", "two-first-fails", "IMP", "finished", "2024-02-01", "2024-02-10", "J18.9")));
        plant("two-furthest", "excluded,ct,adm0-two-furthest", eligible("two-furthest").remove("ster-two-furthest")
                .add("Encounter", Ndjson.encounter("adm0-two-furthest", "two-furthest", "IMP", "finished", "2024-02-01", "2024-02-10", "J18.9"))
                .add("MedicationAdministration", Ndjson.administration("ster0-two-furthest", "two-furthest", MPSL, "2024-02-02", "completed", "40", "mg"))
                .add("Condition", Ndjson.condition("rf0-two-furthest", "two-furthest", ICD10CM, "J96.00", "2024-02-03", null, "confirmed")));
        plant("two-tie", "excluded,steroid,adm0-two-tie", eligible("two-tie").remove("ster-two-tie")
                .add("Encounter", Ndjson.encounter("adm0-two-tie", "two-tie", "IMP", "finished", "2024-02-01", "2024-02-10", "J18.9")));
        // steroid: during the stay, by calendar date as written; this protocol's statuses
        plant("ster-before", "excluded,steroid,adm-ster-before", replace("ster-before", "ster", "MedicationAdministration",
                Ndjson.administration("ster-ster-before", "ster-before", MPSL, "2024-05-09T23:59:00+09:00", "completed", "500", "mg")));
        plant("ster-discharge-day", "included,,adm-ster-discharge-day", replace("ster-discharge-day", "ster", "MedicationAdministration",
                Ndjson.administration("ster-ster-discharge-day", "ster-discharge-day", MPSL, "2024-05-24T23:00:00-05:00", "completed", "500", "mg")));
        plant("ster-after", "excluded,steroid,adm-ster-after", replace("ster-after", "ster", "MedicationAdministration",
                Ndjson.administration("ster-ster-after", "ster-after", MPSL, "2024-05-25T00:10:00+09:00", "completed", "500", "mg")));
        plant("ster-draft", "included,,adm-ster-draft", replace("ster-draft", "ster", "MedicationRequest",
                Ndjson.request("ster-ster-draft", "ster-draft", MPSL, "2024-05-11", "draft", "500", "mg")));
        plant("ster-cancelled", "excluded,steroid,adm-ster-cancelled", replace("ster-cancelled", "ster", "MedicationRequest",
                Ndjson.request("ster-ster-cancelled", "ster-cancelled", MPSL, "2024-05-11", "cancelled", "500", "mg")));
        plant("ster-medref", "included,,adm-ster-medref", replace("ster-medref", "ster", "MedicationRequest", "{\"resourceType\":\"MedicationRequest\",\"id\":\"ster-ster-medref\","
                + "\"status\":\"active\",\"medicationReference\":{\"reference\":\"Medication/med-mpsl\"},\"subject\":{\"reference\":\"Patient/ster-medref\"},\"authoredOn\":\"2024-05-11\"}"));
        plant("ster-contained", "included,,adm-ster-contained", replace("ster-contained", "ster", "MedicationRequest", "{\"resourceType\":\"MedicationRequest\",\"id\":\"ster-ster-contained\","
                + "\"status\":\"active\",\"contained\":[{\"resourceType\":\"Medication\",\"id\":\"m1\",\"code\":" + coding(RXNORM, "8638") + "}],"
                + "\"medicationReference\":{\"reference\":\"#m1\"},\"subject\":{\"reference\":\"urn:uuid:ster-contained\"},\"authoredOn\":\"2024-05-11\"}"));
        plant("ster-missing", "excluded,steroid,adm-ster-missing", replace("ster-missing", "ster", "MedicationRequest", "{\"resourceType\":\"MedicationRequest\",\"id\":\"ster-ster-missing\","
                + "\"status\":\"active\",\"medicationReference\":{\"reference\":\"Medication/nope\"},\"subject\":{\"reference\":\"Patient/ster-missing\"},\"authoredOn\":\"2024-05-11\"}"));
        plant("ster-text", "included,,adm-ster-text", replace("ster-text", "ster", "MedicationAdministration",
                Ndjson.administration("ster-ster-text", "ster-text", "{\"text\":\"Hydrocortisone 100 mg IV\"}", "2024-05-11", "completed", "100", "mg")));
        plant("open-stay", "included,,adm-open-stay", replace("open-stay", "adm", "Encounter", Ndjson.encounter("adm-open-stay", "open-stay", "IMP", "in-progress", "2024-05-10T09:00:00+09:00", null, "J18.9"))
                .add("MedicationAdministration", Ndjson.administration("late-open-stay", "open-stay", MPSL, "2024-07-01", "completed", "250", "mg")));
        // failure and the CT relative to it
        plant("fail-before", "excluded,failure,adm-fail-before", replace("fail-before", "rf", "Condition", Ndjson.condition("rf-fail-before", "fail-before", ICD10CM, "J96.01", "2024-05-09", null, "confirmed")));
        plant("fail-refuted", "excluded,failure,adm-fail-refuted", replace("fail-refuted", "rf", "Condition", Ndjson.condition("rf-fail-refuted", "fail-refuted", ICD10CM, "J96.01", "2024-05-12", null, "refuted")));
        for (String started : new String[] {"2024-05-10", "2024-05-11", "2024-05-14", "2024-05-15"}) {
            String p = "ct-" + started.substring(8);
            boolean inside = started.equals("2024-05-11") || started.equals("2024-05-14");
            plant(p, inside ? "included,,adm-" + p : "excluded,ct,adm-" + p, replace(p, "ct", "ImagingStudy", Ndjson.imaging("ct-" + p, p, "CT", started, "available")));
        }
        plant("ct-eie", "excluded,ct,adm-ct-eie", replace("ct-eie", "ct", "ImagingStudy", Ndjson.imaging("ct-ct-eie", "ct-eie", "CT", "2024-05-13", "entered-in-error")));
        plant("ct-mr", "excluded,ct,adm-ct-mr", replace("ct-mr", "ct", "ImagingStudy", Ndjson.imaging("ct-ct-mr", "ct-mr", "MR", "2024-05-13", "available")));
        plant("x-values", "included,,adm-x-values", values());
        plant("shown", "included,,adm-shown", replace("shown", "rf", "Condition", "{\"resourceType\":\"Condition\",\"id\":\"rf-shown\"," + Ndjson.subject("shown")
                + ",\"code\":{\"coding\":[{\"system\":\"" + ICD10CM + "\",\"code\":\"J96.01\",\"display\":\"Acute respiratory failure with hypoxia\"}]},"
                + "\"onsetDateTime\":\"2024-05-12T08:00:00+09:00\",\"verificationStatus\":" + coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed") + "}"));
        plant("o2-late", "included,,adm-o2-late", eligible("o2-late").add("DeviceRequest", Ndjson.deviceRequest("o2-o2-late", "o2-late", "57485005", "2024-05-27", "active")));
        ALL.add("Medication", "{\"resourceType\":\"Medication\",\"id\":\"med-mpsl\",\"code\":" + MPSL + "}");
        ALL.add("Observation", "{not json");
        ALL.add("Observation", "{\"resourceType\":\"Observation\",\"id\":\"orphan\",\"status\":\"final\"}");
        ALL.add("Basic", "{\"resourceType\":\"Basic\",\"id\":\"b1\"}");

        Path extract = ALL.write(temp.resolve("extract"));
        out = temp.resolve("out");
        new GenericScreening(protocol(), Set.of("refuted", "entered-in-error", "provisional"), Set.of("entered-in-error", "cancelled"), false).screen(extract, out);
        log = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("screening.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            log.put(line.split(",", -1)[1], List.of(line.split(",", -1)));
        }
    }

    static String linkedPneumonia(String p, String verification)
    {
        return "{\"resourceType\":\"Condition\",\"id\":\"pn-" + p + "\",\"subject\":{\"reference\":\"Patient/" + p + "\"},\"code\":" + coding(ICD10CM, "J18.9")
                + ",\"encounter\":{\"reference\":\"Encounter/adm-" + p + "\"},\"recordedDate\":\"2024-05-10\",\"verificationStatus\":"
                + coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", verification) + "}";
    }

    /** The plain timeline with every extracted value planted, near misses beside each window edge. */
    static Ndjson values()
    {
        String p = "x-values";
        return eligible(p)
                .add("MedicationRequest", Ndjson.request("ster2-" + p, p, MPSL, "2024-05-13T09:00:00+09:00", "active", "1", "g"))
                .add("MedicationRequest", Ndjson.request("ster3-" + p, p, MPSL, "2024-05-25T09:00:00+09:00", "active", "2000", "mg"))
                .add("DeviceRequest", Ndjson.deviceRequest("o2-" + p, p, "57485005", "2024-05-26T18:00:00+09:00", "active"))
                .add("Encounter", Ndjson.encounter("re1-" + p, p, "IMP", "finished", "2024-06-23", "2024-06-30", "J18.9"))
                .add("Encounter", Ndjson.encounter("re2-" + p, p, "IMP", "finished", "2024-06-24", "2024-06-30", "J18.9"))
                // onset (days 0…2 from 05-12): lowest P/F; 60 / 0.40 = 150 beats 8 kPa (60.005 mmHg) / 0.40 = 150.0125, which rounds alike;
                // a PaO2 of 50 whose FiO2 is 61 minutes away makes no ratio
                .add("Observation", Ndjson.observation("pao2-1-" + p, p, "2703-7", "2024-05-12T10:00:00+09:00", "60", "mm[Hg]", "final"))
                .add("Observation", Ndjson.observation("fio2-1-" + p, p, "3150-0", "2024-05-12T10:30:00+09:00", "40", "%", "final"))
                .add("Observation", Ndjson.observation("pao2-2-" + p, p, "2703-7", "2024-05-13T09:00:00+09:00", "8", "kPa", "final"))
                .add("Observation", Ndjson.observation("fio2-2-" + p, p, "3150-0", "2024-05-13T09:50:00+09:00", "0.4", "1", "final"))
                .add("Observation", Ndjson.observation("pao2-3-" + p, p, "2703-7", "2024-05-14T09:00:00+09:00", "50", "mm[Hg]", "final"))
                .add("Observation", Ndjson.observation("fio2-3-" + p, p, "3150-0", "2024-05-14T10:01:00+09:00", "40", "%", "final"))
                // late (day 3 to discharge): last; the FiO2s 30 minutes either side tie and the earlier is taken; 05-25 is after discharge
                .add("Observation", Ndjson.observation("pao2-4-" + p, p, "2703-7", "2024-05-20T09:00:00+09:00", "80", "mm[Hg]", "final"))
                .add("Observation", Ndjson.observation("fio2-4-" + p, p, "3150-0", "2024-05-20T09:00:00+09:00", "21", "%", "final"))
                .add("Observation", Ndjson.observation("pao2-5-" + p, p, "2703-7", "2024-05-24T09:00:00+09:00", "90", "mm[Hg]", "final"))
                .add("Observation", Ndjson.observation("fio2-5b-" + p, p, "3150-0", "2024-05-24T09:30:00+09:00", "25", "%", "final"))
                .add("Observation", Ndjson.observation("fio2-5a-" + p, p, "3150-0", "2024-05-24T08:30:00+09:00", "30", "%", "final"))
                .add("Observation", Ndjson.observation("pao2-6-" + p, p, "2703-7", "2024-05-25T09:00:00+09:00", "95", "mm[Hg]", "final"))
                .add("Observation", Ndjson.observation("fio2-6-" + p, p, "3150-0", "2024-05-25T09:00:00+09:00", "21", "%", "final"));
    }

    @Test
    void everyPatientHasTheExpectedStatusReasonAndAdmission()
    {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String patient : EXPECTED.keySet()) {
            List<String> row = log.get(patient);
            actual.put(patient, row == null ? "absent" : row.get(2) + "," + row.get(5) + "," + row.get(4));
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(EXPECTED);
    }

    @Test
    void dayZeroIsTheLaterCriterionsRecordAndEvidenceNamesEachRecord()
    {
        assertThat(String.join(",", log.get("a-plain"))).endsWith(",a-plain,included,2024-05-12,adm-a-plain,,"
                + "admission=Encounter/adm-a-plain;steroid=MedicationAdministration/ster-a-plain;failure=Condition/rf-a-plain;ct=ImagingStudy/ct-a-plain,");
        assertThat(log.get("ster-text").get(7)).isEqualTo("steroid");
        // an admission whose reason is a linked Condition names that Condition
        assertThat(log.get("adm-linked").get(6)).startsWith("admission=Condition/pn-adm-linked;");
        assertThat(String.join(",", log.get("two-furthest"))).isEqualTo(",two-furthest,excluded,,adm0-two-furthest,ct,"
                + "admission=Encounter/adm0-two-furthest;steroid=MedicationAdministration/ster0-two-furthest;failure=Condition/rf0-two-furthest,");
    }

    @Test
    void evidenceSaysWhatEachRecordIsInTheLogsOrder()
            throws IOException
    {
        List<String> evidence = Files.readAllLines(out.resolve("evidence.csv"), StandardCharsets.UTF_8);
        assertThat(evidence.get(0)).isEqualTo("patient_id,criterion,resource,kind,code_system,code,display,date,value,unit");
        assertThat(evidence).containsSubsequence(
                "a-plain,admission,Encounter/adm-a-plain,encounter," + ICD10CM + ",J18.9,,2024-05-10T09:00:00+09:00,,",
                "a-plain,steroid,MedicationAdministration/ster-a-plain,medication," + RXNORM + ",6902,,2024-05-11T10:00:00+09:00,500,mg",
                "a-plain,failure,Condition/rf-a-plain,condition," + ICD10CM + ",J96.01,,2024-05-12T08:00:00+09:00,,",
                "a-plain,ct,ImagingStudy/ct-a-plain,imaging_study,,,,2024-05-13T11:00:00+09:00,,");
        // a record's own display; a text match shows the record's text; an excluded patient's records up to the failing criterion
        assertThat(evidence).contains(
                "shown,failure,Condition/rf-shown,condition," + ICD10CM + ",J96.01,Acute respiratory failure with hypoxia,2024-05-12T08:00:00+09:00,,",
                "ster-text,steroid,MedicationAdministration/ster-ster-text,medication,,,Hydrocortisone 100 mg IV,2024-05-11,100,mg",
                "two-furthest,failure,Condition/rf0-two-furthest,condition," + ICD10CM + ",J96.00,,2024-02-03,,");
        // an admission met by its linked Condition's code names that Condition: it is described
        assertThat(evidence).contains("adm-linked,admission,Condition/pn-adm-linked,condition," + ICD10CM + ",J18.9,,2024-05-10,,");
        long rows = log.values().stream().mapToLong(row -> row.get(6).isEmpty() ? 0 : row.get(6).split(";").length).sum();
        assertThat(evidence).hasSize((int) rows + 1);
    }

    @Test
    void extractsValuesAnchoredOnAdmissionDayZeroAndDischarge()
            throws IOException
    {
        List<String> cases = Files.readAllLines(out.resolve("cases/cases.csv"), StandardCharsets.UTF_8);
        assertThat(cases.get(0)).isEqualTo("patient_id,admission_date,onset_date,discharge_date,stay_days,steroid_agent,max_dose_mg,home_oxygen,readmissions,age,sex");
        assertThat(cases).contains(
                "x-values,2024-05-10,2024-05-12,2024-05-24,14,methylprednisolone,1000,yes,1,73,female",
                "o2-late,2024-05-10,2024-05-12,2024-05-24,14,methylprednisolone,500,no,0,73,female",
                "open-stay,2024-05-10,2024-05-12,,,methylprednisolone,500,,,73,female",
                "ster-contained,2024-05-10,2024-05-12,2024-05-24,14,prednisolone,,no,0,73,female",
                "ster-text,2024-05-10,2024-05-12,2024-05-24,14,hydrocortisone,100,no,0,73,female");
        List<String> measurements = Files.readAllLines(out.resolve("cases/measurements.csv"), StandardCharsets.UTF_8);
        assertThat(measurements.stream().filter(line -> line.startsWith("x-values,")).toList()).containsExactly(
                "x-values,onset,pf_ratio,150.0,mmHg,2024-05-12,Observation/pao2-1-x-values;Observation/fio2-1-x-values",
                "x-values,late,pf_ratio,300.0,mmHg,2024-05-24,Observation/pao2-5-x-values;Observation/fio2-5a-x-values");
        assertThat(Files.readAllLines(out.resolve("cases/provenance.csv"))).contains(
                "x-values,readmissions,,1,Encounter,re1-x-values,Encounter.ndjson," + lineOf("Encounter", "re1-x-values"));
    }

    @Test
    void countsLinesAndReferences()
            throws IOException
    {
        String flow = Files.readString(out.resolve("flow.json"));
        assertThat(flow).contains("\"references_missing\" : {\n    \"Medication\" : 1\n  }", "\"resources_ignored\" : {\n    \"Basic\" : 1\n  }",
                "\"malformed_json\" : 1", "\"no_subject\" : 1");
        assertThat(Files.readAllLines(out.resolve("skipped.csv"))).hasSize(3).first().isEqualTo("file,line,reason,detail");
    }

    private static long lineOf(String type, String id)
            throws IOException
    {
        List<String> lines = Files.readAllLines(temp.resolve("extract").resolve(type + ".ndjson"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"id\":\"" + id + "\"")) {
                return i + 1;
            }
        }
        throw new AssertionError(id);
    }
}
