package org.casebook.screening.seed;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.screening.seed.Export.ICD10;
import static org.casebook.screening.seed.Export.LOINC;
import static org.casebook.screening.seed.Export.RXNORM;
import static org.casebook.screening.seed.Export.SNOMED;
import static org.casebook.screening.seed.Export.coding;
import static org.casebook.screening.seed.Export.subject;

/**
 * The extracted values ("Output", OUT/cases), clause by clause, through the real local
 * engine. The patient is admitted 2024-03-10T10:00+09:00 (day 0) and discharged 2024-03-30 (day 20).
 */
class ExtractionClauseTest
{
    private static final String DAY0 = "2024-03-10T10:00:00+09:00";
    private static final String DISCHARGE = "2024-03-30";

    @TempDir
    Path temp;

    private Export patient()
    {
        return new Export(temp).eligible("p1", DAY0, DISCHARGE);
    }

    private Export openPatient()
    {
        return new Export(temp).eligible("p1", DAY0, null);
    }

    private static String observation(String id, String loinc, String time, String value, String unitCode)
    {
        String quantity = "{'value':" + value + (unitCode == null ? "" : ",'unit':'" + unitCode + "','system':'http://unitsofmeasure.org','code':'" + unitCode + "'") + "}";
        return "{'resourceType':'Observation','id':'" + id + "','status':'final'," + subject("p1") + ",'code':" + coding(LOINC, loinc)
                + ",'effectiveDateTime':'" + time + "','valueQuantity':" + quantity + "}";
    }

    private static String study(String id, String started, String modalityJson)
    {
        return "{'resourceType':'ImagingStudy','id':'" + id + "','status':'available'," + subject("p1") + "," + modalityJson + ",'started':'" + started + "'}";
    }

    private static String ct(String id, String started)
    {
        return study(id, started, "'modality':[{'system':'http://dicom.nema.org/resources/ontology/DCM','code':'CT'}]");
    }

    // --- P/F ratio --------------------------------------------------------------------------------

    @Test
    void aReportedRatioIsTakenAsGivenAndRoundedHalfUpToOneDecimal()
            throws IOException
    {
        Export.Run run = patient().add("Observation.ndjson", observation("pf1", "50984-4", "2024-03-11T09:00:00+09:00", "180.25", "mm[Hg]")).screen(true);

        assertThat(run.pf("p1", "onset")).contains("180.3@2024-03-11");
        assertThat(run.lines("cases/measurements.csv")).contains("p1,onset,pf_ratio,180.3,mmHg,2024-03-11,Observation/pf1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // PaO2 value, unit | FiO2 value, unit (- for none) | minutes from PaO2 to FiO2 as written | expected onset P/F
            "60|mm[Hg]|40|%|30|150.0",
            "8|kPa|50|%|-30|120.0",
            "70|mm[Hg]|0.3|1|0|233.3",
            "70|mmHg|0.3|-|5|233.3",
            "70|mm[Hg]|0.3|-|60|233.3",
            "70|mm[Hg]|0.3|-|-60|233.3",
            "70|mm[Hg]|0.3|-|61|",
            "70|mm[Hg]|0.3|L/min|5|",
            "70|mg|0.3|-|5|"})
    void aRatioIsComputedFromPao2AndTheFio2Within60Minutes(String pao2, String pao2Unit, String fio2, String fio2Unit, int minutes, String expected)
            throws IOException
    {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2024-03-11T10:00:00+09:00");
        Export.Run run = patient().add("Observation.ndjson",
                observation("pa", "2703-7", at.toString(), pao2, pao2Unit),
                observation("fi", "3150-0", at.plusMinutes(minutes).toString(), fio2, fio2Unit.equals("-") ? null : fio2Unit)).screen(true);

        assertThat(run.pf("p1", "onset")).isEqualTo(java.util.Optional.ofNullable(expected).map(value -> value + "@2024-03-11"));
        if (expected != null) {
            assertThat(run.lines("cases/measurements.csv")).contains("p1,onset,pf_ratio," + expected + ",mmHg,2024-03-11,Observation/pa;Observation/fi");
            assertThat(run.lines("cases/provenance.csv")).contains("p1,pf_ratio,onset," + expected + ",Observation,pa,Observation.ndjson,1",
                    "p1,pf_ratio,onset," + expected + ",Observation,fi,Observation.ndjson,2");
        }
    }

    @Test
    void theNearestFio2IsUsedAcrossOffsetsAndADateOnlyFio2NeverIs()
            throws IOException
    {
        Export.Run run = patient().add("Observation.ndjson",
                observation("pa", "2703-7", "2024-03-11T10:00:00+09:00", "60", "mm[Hg]"),
                observation("fi-date", "3150-0", "2024-03-11", "100", "%"),
                observation("fi-20", "3150-0", "2024-03-11T09:40:00+09:00", "60", "%"),
                // 01:10Z is 10:10+09:00: ten minutes after the PaO2, the nearest.
                observation("fi-10", "3150-0", "2024-03-11T01:10:00Z", "40", "%")).screen(true);

        assertThat(run.pf("p1", "onset")).contains("150.0@2024-03-11");
    }

    @Test
    void aPao2WithoutATimeGivesNoRatio()
            throws IOException
    {
        Export.Run run = patient().add("Observation.ndjson",
                observation("pa", "2703-7", "2024-03-11", "60", "mm[Hg]"),
                observation("fi", "3150-0", "2024-03-11", "40", "%")).screen(true);

        assertThat(run.pf("p1", "onset")).isEmpty();
    }

    @Test
    void onsetIsTheLowestInDays0To2AndAfterTheLastFromDay7ToDischarge()
            throws IOException
    {
        Export.Run run = patient().add("Observation.ndjson",
                observation("m1", "50984-4", "2024-03-09T23:59:00+09:00", "90", "mm[Hg]"),
                observation("d0", "50984-4", "2024-03-10T08:00:00+09:00", "200", "mm[Hg]"),
                observation("d2", "50984-4", "2024-03-12T23:00:00-05:00", "150", "mm[Hg]"),
                observation("d2b", "50984-4", "2024-03-12T23:30:00-05:00", "150", "mm[Hg]"),
                observation("d3", "50984-4", "2024-03-13T00:10:00+09:00", "100", "mm[Hg]"),
                observation("d6", "50984-4", "2024-03-16T12:00:00+09:00", "260", "mm[Hg]"),
                observation("d7", "50984-4", "2024-03-17", "250", "mm[Hg]"),
                observation("d20", "50984-4", "2024-03-30T23:59:00+09:00", "300", "mm[Hg]"),
                observation("d20b", "50984-4", "2024-03-30T08:00:00+09:00", "310", "mm[Hg]"),
                observation("d21", "50984-4", "2024-03-31T00:01:00+09:00", "350", "mm[Hg]")).screen(true);

        assertThat(run.pf("p1", "onset")).contains("150.0@2024-03-12");
        assertThat(run.measurement("p1", "onset", "pf_ratio").orElseThrow().sources()).extracting(source -> source.id()).containsExactly("d2");
        assertThat(run.pf("p1", "after")).contains("300.0@2024-03-30");
    }

    @Test
    void theLowestOnsetRatioIsComparedBeforeRounding()
            throws IOException
    {
        // 61 / 0.46 = 132.608… on day 0; 9.9 kPa × 7.50062 / 0.56 = 132.600… on day 1: both round to 132.6, the later is lower.
        Export.Run run = patient().add("Observation.ndjson",
                observation("pa0", "2703-7", "2024-03-10T23:00:00+09:00", "61", "mm[Hg]"),
                observation("fi0", "3150-0", "2024-03-10T23:20:00+09:00", "46", "%"),
                observation("pa1", "2703-7", "2024-03-11T09:00:00+09:00", "9.9", "kPa"),
                observation("fi1", "3150-0", "2024-03-11T08:15:00+09:00", "0.56", "1")).screen(true);

        assertThat(run.pf("p1", "onset")).contains("132.6@2024-03-11");
    }

    @Test
    void noAfterRatioWhileTheAdmissionIsOpen()
            throws IOException
    {
        Export.Run run = openPatient().add("Observation.ndjson",
                observation("d1", "50984-4", "2024-03-11T08:00:00+09:00", "200", "mm[Hg]"),
                observation("d8", "50984-4", "2024-03-18T08:00:00+09:00", "250", "mm[Hg]")).screen(true);

        assertThat(run.pf("p1", "onset")).contains("200.0@2024-03-11");
        assertThat(run.pf("p1", "after")).isEmpty();
    }

    @Test
    void cancelledOrErroneousObservationsAreNotValues()
            throws IOException
    {
        Export.Run run = patient().add("Observation.ndjson",
                observation("x1", "50984-4", "2024-03-11T08:00:00+09:00", "100", "mm[Hg]").replace("'final'", "'entered-in-error'"),
                observation("x2", "50984-4", "2024-03-11T09:00:00+09:00", "110", "mm[Hg]").replace("'final'", "'cancelled'"),
                observation("ok", "50984-4", "2024-03-11T10:00:00+09:00", "210", "mm[Hg]")).screen(true);

        assertThat(run.pf("p1", "onset")).contains("210.0@2024-03-11");
    }

    // --- %FVC ----------------------------------------------------------------------------------------

    @Test
    void fvcBeforeIsTheLatestInDaysMinus365ToMinus1AndAfterTheFirstIn30To180()
            throws IOException
    {
        Export.Run run = patient().add("Observation.ndjson",
                observation("b366", "19872-1", "2023-03-10", "90", "%"),
                observation("b365", "19872-1", "2023-03-11T08:00:00+09:00", "85", "%"),
                observation("b1", "19872-1", "2024-03-09T23:00:00-10:00", "80.50", "%"),
                observation("d0", "19872-1", "2024-03-10T08:00:00+09:00", "75", "%"),
                observation("a29", "19872-1", "2024-04-08", "70", "%"),
                observation("a30", "19872-1", "2024-04-09T08:00:00+09:00", "68.0", "%"),
                observation("a180", "19872-1", "2024-09-06", "65", "%")).screen(true);

        assertThat(run.fvc("p1", "before")).contains("80.50@2024-03-09");
        assertThat(run.fvc("p1", "after")).contains("68.0@2024-04-09");
    }

    @Test
    void fvcWindowEdgesAreInclusiveAndPartialDatesNeverInside()
            throws IOException
    {
        Export.Run run = patient().add("Observation.ndjson",
                observation("b365", "19872-1", "2023-03-11", "85", "%"),
                observation("bYear", "19872-1", "2023-12", "84", "%"),
                observation("a180", "19872-1", "2024-09-06T23:59:59+14:00", "65", "%"),
                observation("a181", "19872-1", "2024-09-07", "60", "%"),
                observation("aMonth", "19872-1", "2024-05", "61", "%")).screen(true);

        assertThat(run.fvc("p1", "before")).contains("85@2023-03-11");
        assertThat(run.fvc("p1", "after")).contains("65@2024-09-06");
    }

    // --- CT -----------------------------------------------------------------------------------------

    @Test
    void ctOnsetIsTheNearestToDay0TheEarlierOnTiesBeforeIsTheLatestOtherStudyAfterIsTheFirst()
            throws IOException
    {
        Export.Run run = patient().add("ImagingStudy.ndjson",
                ct("b200", "2023-08-23"),
                ct("b30", "2024-02-09T10:00:00+09:00"),
                ct("m2", "2024-03-08T09:00:00+09:00"),
                ct("p2", "2024-03-12T09:00:00+09:00"),
                ct("a6", "2024-03-16"),
                ct("a7", "2024-03-17T23:00:00-08:00"),
                ct("a8", "2024-03-18"),
                study("xr", "2024-03-10", "'modality':[{'code':'DX'}]"),
                ct("void", "2024-03-10").replace("'available'", "'cancelled'")).screen(true);

        assertThat(run.ct("p1", "onset")).contains("m2");
        assertThat(run.ct("p1", "before")).contains("b30");
        assertThat(run.ct("p1", "after")).contains("a7");
        assertThat(run.lines("cases/ct_studies.csv")).containsExactly("patient_id,timepoint,date,study_id,source",
                "p1,before,2024-02-09,b30,ImagingStudy/b30", "p1,onset,2024-03-08,m2,ImagingStudy/m2", "p1,after,2024-03-17,a7,ImagingStudy/a7");
    }

    @Test
    void ctBeforeMayBeInTheOnsetWindowWhenItIsNotTheOnsetStudyAndModalityMayBeInASeries()
            throws IOException
    {
        Export.Run run = patient().add("ImagingStudy.ndjson",
                study("m1", "2024-03-09T08:00:00+09:00", "'series':[{'uid':'1','modality':{'code':'MR'}},{'uid':'2','modality':{'system':'x','code':'CT'}}]"),
                ct("m3", "2024-03-07"),
                ct("a90", "2024-06-08"),
                ct("a91", "2024-06-09"),
                ct("edge365", "2023-03-11")).screen(true);

        assertThat(run.ct("p1", "onset")).contains("m1");
        assertThat(run.ct("p1", "before")).contains("m3");
        assertThat(run.ct("p1", "after")).contains("a90");
    }

    @Test
    void ctOnsetTieOnTheSameDistanceGoesToTheEarlierAndAPartialDateIsNeverAStudyDate()
            throws IOException
    {
        Export.Run run = patient().add("ImagingStudy.ndjson",
                ct("p1d", "2024-03-11"),
                ct("m1d", "2024-03-09T23:59:00+09:00"),
                ct("month", "2024-03"),
                ct("a91", "2024-06-09")).screen(true);

        assertThat(run.ct("p1", "onset")).contains("m1d");
        assertThat(run.ct("p1", "before")).isEmpty();
        assertThat(run.ct("p1", "after")).isEmpty();
    }

    // --- prior JAK inhibitor -------------------------------------------------------------------------

    private static String jakStatement(String id, String status, String end, String statusReason)
    {
        return "{'resourceType':'MedicationStatement','id':'" + id + "','status':'" + status + "'," + subject("p1") + ",'medicationCodeableConcept':" + coding(RXNORM, "1357536")
                + ",'effectivePeriod':{'start':'2022-01-01','end':'" + end + "'}" + (statusReason == null ? "" : ",'statusReason':[" + statusReason + "]") + "}";
    }

    private static String jakRequest(String id, String status, String end, String statusReason)
    {
        return "{'resourceType':'MedicationRequest','id':'" + id + "','status':'" + status + "','intent':'order'," + subject("p1")
                + ",'medicationCodeableConcept':{'text':'Olumiant','coding':[{'system':'http://www.whocc.no/atc','code':'L04AA37'}]},'authoredOn':'2023-01-01',"
                + "'dispenseRequest':{'validityPeriod':{'start':'2023-01-01','end':'" + end + "'}}" + (statusReason == null ? "" : ",'statusReason':" + statusReason) + "}";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason','code':'sintol'}]}|adverse event",
            "{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason','code':'salg'}]}|adverse event",
            "{'coding':[{'system':'http://snomed.info/sct','code':'281647001'}]}|adverse event",
            "{'text':'Stopped: ADVERSE drug reaction (herpes zoster)'}|adverse event",
            "{'coding':[{'system':'urn:local','code':'9','display':'Adverse effect'}]}|adverse event",
            "{'text':'Patient preference'}|Patient preference",
            "{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason','code':'clarif'}]}|clarif"})
    void priorJakInhibitorStopReason(String statusReason, String expected)
            throws IOException
    {
        Export.Run run = patient().add("MedicationStatement.ndjson", jakStatement("s1", "stopped", "2024-02-10", statusReason)).screen(true);

        assertThat(run.field("p1", "prior_jaki")).contains("tofacitinib");
        assertThat(run.field("p1", "prior_jaki_stop_date")).contains("2024-02-10");
        assertThat(run.field("p1", "prior_jaki_stop_reason")).contains(expected);
    }

    @Test
    void priorJakInhibitorIsTheStoppedOrCompletedOneEndingLatestInDaysMinus180To0()
            throws IOException
    {
        Export.Run run = patient()
                .add("MedicationStatement.ndjson",
                        jakStatement("s-old", "stopped", "2023-09-12", null),
                        jakStatement("s-active", "active", "2024-03-01", null),
                        jakStatement("s-error", "entered-in-error", "2024-03-05", null),
                        jakStatement("s-100", "completed", "2023-12-01", "{'text':'course finished'}"))
                .add("MedicationRequest-2.ndjson",
                        jakRequest("r-20", "stopped", "2024-02-19T10:00:00+09:00", "{'coding':[{'code':'sintol','system':'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason'}]}"),
                        jakRequest("r-cancel", "cancelled", "2024-03-08", null))
                .add("MedicationAdministration-2.ndjson", "{'resourceType':'MedicationAdministration','id':'a-late','status':'stopped'," + subject("p1")
                        + ",'medicationCodeableConcept':" + coding(RXNORM, "2047232") + ",'effectivePeriod':{'start':'2024-03-01','end':'2024-03-09'}}")
                .screen(true);

        assertThat(run.field("p1", "prior_jaki")).contains("baricitinib");
        assertThat(run.field("p1", "prior_jaki_stop_date")).contains("2024-02-19");
        assertThat(run.field("p1", "prior_jaki_stop_reason")).contains("adverse event");
    }

    @Test
    void priorJakInhibitorWindowEdges()
            throws IOException
    {
        Export.Run edge180 = patient().add("MedicationStatement.ndjson", jakStatement("s180", "stopped", "2023-09-12", null)).screen(true);
        assertThat(edge180.field("p1", "prior_jaki_stop_date")).contains("2023-09-12");

        Export.Run day0 = new Export(temp.resolve("b")).eligible("p1", DAY0, DISCHARGE)
                .add("MedicationStatement.ndjson", jakStatement("s0", "completed", "2024-03-10T23:00:00-11:00", null), jakStatement("s1", "completed", "2024-03-11", null))
                .screen(true);
        assertThat(day0.field("p1", "prior_jaki_stop_date")).contains("2024-03-10");

        Export.Run outside = new Export(temp.resolve("c")).eligible("p1", DAY0, DISCHARGE)
                .add("MedicationStatement.ndjson", jakStatement("s181", "stopped", "2023-09-11", null), jakStatement("sMonth", "stopped", "2024-02", null))
                .screen(true);
        assertThat(outside.field("p1", "prior_jaki")).isEmpty();
    }

    // --- treatment and pulse ---------------------------------------------------------------------------

    @Test
    void treatmentIsTheFirstJakInhibitorStartedDuringTheStayWithItsDose()
            throws IOException
    {
        Export.Run run = new Export(temp).withoutJak("p1", DAY0, DISCHARGE)
                .add("MedicationRequest.ndjson", "{'resourceType':'MedicationRequest','id':'r1','status':'active','intent':'order'," + subject("p1")
                        + ",'medicationCodeableConcept':" + coding(RXNORM, "2047232") + ",'authoredOn':'2024-03-12',"
                        + "'dosageInstruction':[{'text':'4 mg daily','doseAndRate':[{'doseQuantity':{'value':4,'unit':'mg'}}]}]}")
                .add("MedicationAdministration-2.ndjson", "{'resourceType':'MedicationAdministration','id':'a1','status':'completed'," + subject("p1")
                        + ",'medicationCodeableConcept':" + coding(RXNORM, "1357536") + ",'effectiveDateTime':'2024-03-11T20:00:00+09:00',"
                        + "'dosage':{'dose':{'value':0.005,'unit':'g','system':'http://unitsofmeasure.org','code':'g'}}}",
                        "{'resourceType':'MedicationAdministration','id':'a0','status':'not-done'," + subject("p1")
                        + ",'medicationCodeableConcept':" + coding(RXNORM, "2196092") + ",'effectiveDateTime':'2024-03-10T11:00:00+09:00','dosage':{'dose':{'value':15,'unit':'mg'}}}")
                .screen(true);

        assertThat(run.field("p1", "jaki_agent")).contains("tofacitinib");
        assertThat(run.field("p1", "jaki_dose_mg")).contains("5");
        assertThat(run.field("p1", "jaki_start_date")).contains("2024-03-11");
    }

    @Test
    void treatmentDoseFromAStatementAndFromARequest()
            throws IOException
    {
        Export.Run statement = new Export(temp).withoutJak("p1", DAY0, DISCHARGE)
                .add("MedicationStatement.ndjson", "{'resourceType':'MedicationStatement','id':'s1','status':'active'," + subject("p1")
                        + ",'medicationCodeableConcept':" + coding(RXNORM, "2196092") + ",'effectivePeriod':{'start':'2024-03-13'},"
                        + "'dosage':[{'text':'15 mg'},{'doseAndRate':[{'type':{'text':'ordered'},'doseQuantity':{'value':15,'unit':'milligram','code':'mg'}}]}]}")
                .screen(true);
        assertThat(statement.field("p1", "jaki_agent")).contains("upadacitinib");
        assertThat(statement.field("p1", "jaki_dose_mg")).contains("15");

        Export.Run request = new Export(temp.resolve("b")).withoutJak("p1", DAY0, DISCHARGE)
                .add("MedicationRequest.ndjson", "{'resourceType':'MedicationRequest','id':'r1','status':'active','intent':'order'," + subject("p1")
                        + ",'medicationCodeableConcept':" + coding(RXNORM, "1357536") + ",'authoredOn':'2024-03-12',"
                        + "'dosageInstruction':[{'doseAndRate':[{'doseRange':{'low':{'value':1}}},{'doseQuantity':{'value':10,'unit':'mg'}}]}]}")
                .screen(true);
        assertThat(request.field("p1", "jaki_dose_mg")).contains("10");
    }

    private static String mpslAdministration(String id, String status, String date, String dose, String unit)
    {
        return "{'resourceType':'MedicationAdministration','id':'" + id + "','status':'" + status + "'," + subject("p1")
                + ",'medicationCodeableConcept':{'text':'Solu-Medrol','coding':[{'system':'" + RXNORM + "','code':'6902'}]},'effectiveDateTime':'" + date + "',"
                + "'dosage':{'dose':{'value':" + dose + ",'unit':'" + unit + "'}}}";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "completed|2024-03-11|0.5|g|yes",
            "completed|2024-03-11|500|mg|yes",
            "completed|2024-03-11|499.9|mg|no",
            "completed|2024-03-11|1000|mg|yes",
            "entered-in-error|2024-03-11|1000|mg|no",
            "not-done|2024-03-11|1000|mg|no",
            "completed|2024-03-09|1000|mg|no",
            "completed|2024-03-31|1000|mg|no",
            "completed|2024-03-30T23:59:00+09:00|1|g|yes"})
    void pulseIsAnySingleMethylprednisoloneDoseOf500MgDuringTheStay(String status, String date, String dose, String unit, String pulse)
            throws IOException
    {
        Export.Run run = patient().add("MedicationAdministration-2.ndjson", mpslAdministration("pulse", status, date, dose, unit)).screen(true);

        assertThat(run.field("p1", "mpsl_pulse")).contains(pulse);
        assertThat(run.field("p1", "mpsl_pulse_start_date")).isEqualTo(pulse.equals("yes") ? java.util.Optional.of(date.substring(0, 10)) : java.util.Optional.empty());
    }

    @Test
    void pulseFromARequestOrStatementDoseAndTheFirstSuchDate()
            throws IOException
    {
        Export.Run run = patient()
                .add("MedicationRequest-2.ndjson", "{'resourceType':'MedicationRequest','id':'r1','status':'completed','intent':'order'," + subject("p1")
                        + ",'medicationCodeableConcept':" + coding(RXNORM, "6902") + ",'authoredOn':'2024-03-14',"
                        + "'dosageInstruction':[{'doseAndRate':[{'doseQuantity':{'value':1,'unit':'g'}}]}]}")
                .add("MedicationStatement.ndjson", "{'resourceType':'MedicationStatement','id':'s1','status':'completed'," + subject("p1")
                        + ",'medicationCodeableConcept':{'text':'methylprednisolone IV'},'effectivePeriod':{'start':'2024-03-12','end':'2024-03-14'},"
                        + "'dosage':[{'doseAndRate':[{'doseQuantity':{'value':500,'unit':'mg'}}]}]}")
                .screen(true);

        assertThat(run.field("p1", "mpsl_pulse")).contains("yes");
        assertThat(run.field("p1", "mpsl_pulse_start_date")).contains("2024-03-12");
    }

    // --- home oxygen, death, last follow-up ----------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'resourceType':'MedicationRequest','id':'o','status':'active','intent':'order',SUBJECT,'medicationCodeableConcept':{'coding':[{'system':'http://www.nlm.nih.gov/research/umls/rxnorm','code':'7806'}]},'authoredOn':'2024-04-01T23:00:00-05:00'}|MedicationRequest|yes",
            "{'resourceType':'MedicationRequest','id':'o','status':'active','intent':'order',SUBJECT,'medicationCodeableConcept':{'text':'Home oxygen 2 L/min'},'authoredOn':'2024-03-28'}|MedicationRequest|yes",
            "{'resourceType':'MedicationRequest','id':'o','status':'active','intent':'order',SUBJECT,'medicationCodeableConcept':{'text':'Home oxygen'},'authoredOn':'2024-03-27'}|MedicationRequest|no",
            "{'resourceType':'MedicationRequest','id':'o','status':'active','intent':'order',SUBJECT,'medicationCodeableConcept':{'text':'Home oxygen'},'authoredOn':'2024-04-02'}|MedicationRequest|no",
            "{'resourceType':'MedicationRequest','id':'o','status':'cancelled','intent':'order',SUBJECT,'medicationCodeableConcept':{'text':'Home oxygen'},'authoredOn':'2024-03-30'}|MedicationRequest|no",
            "{'resourceType':'MedicationRequest','id':'o','status':'active','intent':'order',SUBJECT,'medicationCodeableConcept':{'text':'Home oxygen'},'authoredOn':'2024-04'}|MedicationRequest|no",
            "{'resourceType':'DeviceRequest','id':'o','status':'active','intent':'order',SUBJECT,'codeCodeableConcept':{'coding':[{'system':'http://snomed.info/sct','code':'57485005'}]},'authoredOn':'2024-03-29'}|DeviceRequest|yes",
            "{'resourceType':'DeviceRequest','id':'o','status':'draft','intent':'order',SUBJECT,'codeCodeableConcept':{'coding':[{'system':'http://snomed.info/sct','code':'57485005'}]},'authoredOn':'2024-03-29'}|DeviceRequest|no",
            "{'resourceType':'DeviceRequest','id':'o','status':'entered-in-error','intent':'order',SUBJECT,'codeCodeableConcept':{'text':'oxygen concentrator'},'authoredOn':'2024-03-29'}|DeviceRequest|no",
            "{'resourceType':'MedicationAdministration','id':'o','status':'completed',SUBJECT,'medicationCodeableConcept':{'text':'oxygen'},'effectiveDateTime':'2024-03-30'}|MedicationAdministration|no",
            "{'resourceType':'Condition','id':'o',SUBJECT,'code':{'coding':[{'system':'http://hl7.org/fhir/sid/icd-10-cm','code':'Z99.81'}]},'recordedDate':'2024-04-01'}|Condition|yes",
            "{'resourceType':'Condition','id':'o',SUBJECT,'code':{'coding':[{'system':'http://hl7.org/fhir/sid/icd-10-cm','code':'z9981'}]},'recordedDate':'2024-03-28T08:00:00+09:00'}|Condition|yes",
            "{'resourceType':'Condition','id':'o',SUBJECT,'code':{'coding':[{'system':'http://hl7.org/fhir/sid/icd-10-cm','code':'Z99.81'}]},'recordedDate':'2024-04-01','verificationStatus':{'coding':[{'code':'refuted'}]}}|Condition|no",
            "{'resourceType':'Condition','id':'o',SUBJECT,'code':{'coding':[{'system':'http://hl7.org/fhir/sid/icd-10-cm','code':'Z99.81'}]},'recordedDate':'2024-04-01','verificationStatus':{'coding':[{'code':'entered-in-error'}]}}|Condition|no",
            "{'resourceType':'Condition','id':'o',SUBJECT,'code':{'coding':[{'system':'http://hl7.org/fhir/sid/icd-10-cm','code':'Z99.81'}]},'onsetDateTime':'2024-03-30','recordedDate':'2024-04-05'}|Condition|no"})
    void homeOxygenAtDischarge(String resource, String type, String expected)
            throws IOException
    {
        Export.Run run = patient().add(type + "-9.ndjson", resource.replace("SUBJECT", subject("p1"))).screen(true);

        assertThat(run.field("p1", "home_oxygen_at_discharge")).contains(expected);
        if (expected.equals("yes")) {
            assertThat(run.lines("cases/provenance.csv")).contains("p1,home_oxygen_at_discharge,,yes," + type + ",o," + type + "-9.ndjson,1");
        }
    }

    @Test
    void homeOxygenIsBlankWhileTheAdmissionIsOpen()
            throws IOException
    {
        Export.Run run = openPatient().add("DeviceRequest.ndjson", "{'resourceType':'DeviceRequest','id':'o','status':'active','intent':'order'," + subject("p1")
                + ",'codeCodeableConcept':{'text':'home oxygen'},'authoredOn':'2024-03-12'}").screen(true);

        assertThat(run.field("p1", "home_oxygen_at_discharge")).isEmpty();
        assertThat(run.lines("cases/cases.csv").get(1).split(",", -1)[24]).isEmpty();
    }

    @Test
    void deathAndLastFollowUpAndDemographics()
            throws IOException
    {
        Export.Run run = new Export(temp)
                .add("Patient.ndjson", "{'resourceType':'Patient','id':'p1','gender':'female','birthDate':'1950-03-11','deceasedDateTime':'2024-07-01T03:00:00-04:00'}")
                .add("Encounter.ndjson", Export.admission("e1", "p1", DAY0, DISCHARGE), Export.admission("e0", "p1", "2023-01-01", "2023-01-02"))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016"),
                        "{'resourceType':'Condition','id':'c2'," + subject("p1") + ",'code':{'text':'hypertension'},'onsetDateTime':'2010','abatementDateTime':'2025'}")
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-10"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-10"))
                .add("Observation.ndjson", "{'resourceType':'Observation','id':'o1','status':'final'," + subject("p1")
                        + ",'code':{'text':'weight'},'effectiveDateTime':'2024-06-20T09:00:00+09:00','issued':'2024-12-01T00:00:00Z','valueQuantity':{'value':50,'unit':'kg'}}")
                .screen(true);

        assertThat(run.field("p1", "death_date")).contains("2024-07-01");
        assertThat(run.field("p1", "last_followup_date")).contains("2024-07-01");
        assertThat(run.field("p1", "age")).contains("73");
        assertThat(run.field("p1", "sex")).contains("F");
        assertThat(run.field("p1", "admission_date")).contains("2024-03-10");
        assertThat(run.field("p1", "discharge_date")).contains("2024-03-30");
    }

    @Test
    void lastFollowUpIsTheLatestDateOfAnyRecordOfThePatient()
            throws IOException
    {
        Export.Run run = patient()
                .add("ImagingStudy.ndjson", ct("late", "2024-11-02T23:00:00-05:00"))
                .add("Observation.ndjson", "{'resourceType':'Observation','id':'o1','status':'final'," + subject("p1")
                        + ",'code':{'text':'weight'},'effectivePeriod':{'start':'2024-10-01','end':'2024-12-24'},'valueQuantity':{'value':50,'unit':'kg'}}")
                .add("DeviceRequest.ndjson", "{'resourceType':'DeviceRequest','id':'d1','status':'active','intent':'order'," + subject("p1")
                        + ",'codeCodeableConcept':{'text':'walker'},'authoredOn':'2024-11-01'}")
                .screen(true);

        assertThat(run.field("p1", "last_followup_date")).contains("2024-12-24");
        assertThat(run.lines("cases/provenance.csv")).contains("p1,last_followup_date,,2024-12-24,Observation,o1,Observation.ndjson,1");
    }

    @Test
    void casesCsvHasTheWorkbookColumnsAndOneRowPerIncludedPatientInCaseOrder()
            throws IOException
    {
        Export.Run run = new Export(temp).eligible("p2", "2024-02-01", "2024-02-05").eligible("p1", DAY0, DISCHARGE).screen(true);

        assertThat(run.lines("cases/cases.csv").get(0)).isEqualTo(String.join(",", org.casebook.protocol.Protocols.builtIn(org.casebook.protocol.Protocols.SEED).caseSchema().columns()));
        assertThat(run.lines("cases/cases.csv")).hasSize(3);
        assertThat(run.lines("cases/cases.csv").get(1)).startsWith("p2,2024-02-01,");
        assertThat(run.lines("cases/cases.csv").get(2)).startsWith("p1,2024-03-10,");
        assertThat(run.lines("cases/ct_reads.csv")).hasSize(1);
    }

    @Test
    void oxygenDependenceIsIcd10CmZ9981Only()
            throws IOException
    {
        Export.Run run = patient().add("Condition-2.ndjson", "{'resourceType':'Condition','id':'o'," + subject("p1") + ",'code':"
                + coding(SNOMED, "Z99.81") + ",'recordedDate':'2024-03-30'}", "{'resourceType':'Condition','id':'i'," + subject("p1") + ",'code':"
                + coding(ICD10, "Z99.89") + ",'recordedDate':'2024-03-30'}").screen(true);

        assertThat(run.field("p1", "home_oxygen_at_discharge")).contains("no");
    }
}
