package org.casebook.screening.seed;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.screening.seed.Export.ATC;
import static org.casebook.screening.seed.Export.ICD10;
import static org.casebook.screening.seed.Export.RXNORM;
import static org.casebook.screening.seed.Export.SNOMED;
import static org.casebook.screening.seed.Export.coding;
import static org.casebook.screening.seed.Export.patient;
import static org.casebook.screening.seed.Export.subject;

/**
 * The "seed protocol's rules", clause by clause, each through the real engine on a
 * small hand-written export: code matching, dates, the four criteria, record exclusions, ties.
 */
class SpecificationClauseTest
{
    @TempDir
    Path temp;

    private Export export()
    {
        return new Export(temp);
    }

    private static String encounter(String id, String patient, String classCode, String status, String start, String end, String extra)
    {
        String period = "{'start':'" + start + "'" + (end == null ? "" : ",'end':'" + end + "'") + "}";
        return "{'resourceType':'Encounter','id':'" + id + "'" + (status == null ? "" : ",'status':'" + status + "'") + ",'class':{'code':'" + classCode + "'},"
                + subject(patient) + ",'period':" + period + extra + "}";
    }

    private static String condition(String id, String patient, String system, String code, String extra)
    {
        return "{'resourceType':'Condition','id':'" + id + "'," + subject(patient) + ",'code':" + coding(system, code) + extra + "}";
    }

    /** An eligible patient whose admission is given, with RA, methylprednisolone and a JAK inhibitor. */
    private Export eligibleAt(Export export, String patient, String encounterJson, String day)
    {
        return export.add("Patient.ndjson", patient(patient))
                .add("Encounter.ndjson", encounterJson)
                .add("Condition.ndjson", Export.ra("ra-" + patient, patient, "2016"))
                .add("MedicationAdministration.ndjson", Export.mpsl("mp-" + patient, patient, day))
                .add("MedicationRequest.ndjson", Export.jak("jak-" + patient, patient, day));
    }

    // --- codes ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"J84.10", "j8410", "J84", "J84.9", "M05.10", "m051", "M05.19"})
    void icd10IldCodesMatchByPrefixIgnoringDotAndCase(String code)
            throws IOException
    {
        String admission = encounter("e1", "p1", "IMP", "finished", "2024-03-10", "2024-03-20", ",'reasonCode':[" + coding(ICD10, code) + "]");
        Export.Run run = eligibleAt(export(), "p1", admission, "2024-03-10").screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e1,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"M05.9", "M06.9", "J85.1", "M0510"})
    void codesOutsideTheIldSetOrOfAnotherSystemAreNoIndexAdmission(String code)
            throws IOException
    {
        String system = code.equals("M0510") ? "http://hl7.org/fhir/sid/icd-9-cm" : ICD10;
        String admission = encounter("e1", "p1", "IMP", "finished", "2024-03-10", "2024-03-20", ",'reasonCode':[" + coding(system, code) + "]");
        Export.Run run = eligibleAt(export(), "p1", admission, "2024-03-10").screen(true);

        assertThat(run.log()).hasSize(1);
    }

    @Test
    void theIldCodeSetHasNoTextTermsSoAFreeTextReasonIsNoIndexAdmission()
            throws IOException
    {
        String admission = encounter("e1", "p1", "IMP", "finished", "2024-03-10", "2024-03-20",
                ",'reasonCode':[{'text':'Interstitial lung disease (J84.10)','coding':[{'system':'urn:local','code':'x','display':'Interstitial lung disease'}]}]");
        Export.Run run = eligibleAt(export(), "p1", admission, "2024-03-10").screen(true);

        assertThat(run.log()).hasSize(1);
    }

    @Test
    void aSnomedCodeSharedByIldAndRaCountsForBoth()
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"))
                .add("Encounter.ndjson", encounter("e1", "p1", "IMP", "finished", "2024-03-10", "2024-03-20", ",'diagnosis':[{'condition':{'reference':'Condition/c1'}}]"))
                .add("Condition.ndjson", condition("c1", "p1", SNOMED, "398726004", ",'recordedDate':'2024-03-10T08:00:00+09:00'"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-10"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-11"));

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e1,");
        assertThat(run.decision("p1").orElseThrow().evidence()).extracting(evidence -> evidence.criterionId() + "=" + evidence.source().id())
                .containsExactly("index_admission=c1", "ra=c1", "glucocorticoid=m1", "jak_inhibitor=j1");
    }

    @Test
    void drugsMatchByDisplayTextAndTheLogSaysSo()
            throws IOException
    {
        Export export = export().withoutJak("p1", "2024-03-10", "2024-03-20")
                .add("MedicationRequest.ndjson", "{'resourceType':'MedicationRequest','id':'j1','status':'active','intent':'order'," + subject("p1")
                        + ",'medicationCodeableConcept':{'coding':[{'system':'urn:oid:1.2.3','code':'99','display':'XELJANZ (Tofacitinib) 5 MG tablet'}]},'authoredOn':'2024-03-12'}");

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e-p1,");
        assertThat(run.decision("p1").orElseThrow().matchedByText()).containsExactly("jak_inhibitor");
        assertThat(run.log().get(1)).endsWith(",jak_inhibitor");
        assertThat(run.field("p1", "jaki_agent")).contains("tofacitinib");
    }

    @ParameterizedTest
    @CsvSource({"L04AA29,tofacitinib", "L04AA37,baricitinib", "L04AA44,upadacitinib", "L04AF04,filgotinib", "L04AF02,baricitinib"})
    void jakInhibitorsByTheOldAndNewAtcCodesNameTheirAgent(String atc, String agent)
            throws IOException
    {
        Export export = export().withoutJak("p1", "2024-03-10", "2024-03-20")
                .add("MedicationStatement.ndjson", "{'resourceType':'MedicationStatement','id':'s1','status':'active'," + subject("p1")
                        + ",'medicationCodeableConcept':{'text':'brand X','coding':[{'system':'" + ATC + "','code':'" + atc + "','display':'Some brand'}]},"
                        + "'effectivePeriod':{'start':'2024-03-15'}}");

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e-p1,");
        assertThat(run.decision("p1").orElseThrow().matchedByText()).isEmpty();
        assertThat(run.field("p1", "jaki_agent")).contains(agent);
    }

    @Test
    void peficitinibByTextAndAProductCodeNotInTheSetDoesNotMatch()
            throws IOException
    {
        Export export = export().withoutJak("p1", "2024-03-10", "2024-03-20").withoutJak("p2", "2024-03-10", "2024-03-20")
                .add("MedicationRequest.ndjson",
                        "{'resourceType':'MedicationRequest','id':'j1','status':'active','intent':'order'," + subject("p1")
                                + ",'medicationCodeableConcept':{'text':'Smyraf (PEFICITINIB hydrobromide)'},'authoredOn':'2024-03-12'}",
                        // RxNorm 1357540 is a tofacitinib product (SCD), not the ingredient: no hierarchy, so no match.
                        "{'resourceType':'MedicationRequest','id':'j2','status':'active','intent':'order'," + subject("p2")
                                + ",'medicationCodeableConcept':" + coding(RXNORM, "1357540") + ",'authoredOn':'2024-03-12'}");

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e-p1,");
        assertThat(run.field("p1", "jaki_agent")).contains("peficitinib");
        assertThat(run.row("p2")).contains(",p2,excluded,,e-p2,jak_inhibitor");
    }

    @Test
    void prednisoloneIsNotMethylprednisolone()
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-03-10", "2024-03-20"))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016"))
                .add("MedicationAdministration.ndjson", "{'resourceType':'MedicationAdministration','id':'m1','status':'completed'," + subject("p1")
                        + ",'medicationCodeableConcept':{'text':'Prednisolone 30 mg','coding':[{'system':'" + RXNORM + "','code':'8638','display':'prednisolone'}]},'effectiveDateTime':'2024-03-10'}")
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-10"));

        assertThat(export.screen(true).row("p1")).contains(",p1,excluded,,e1,glucocorticoid");
    }

    // --- criterion 1 ----------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "IMP|finished|true", "ACUTE|in-progress|true", "NONAC|arrived|true", "IMP||true", "IMP|onleave|true",
            "AMB|finished|false", "EMER|finished|false", "imp|finished|false",
            "IMP|cancelled|false", "IMP|entered-in-error|false", "IMP|planned|false"})
    void encounterClassAndStatus(String classCode, String status, boolean index)
            throws IOException
    {
        String admission = encounter("e1", "p1", classCode, status, "2024-03-10", "2024-03-20", ",'reasonCode':[" + coding(ICD10, "J84.10") + "]");
        Export.Run run = eligibleAt(export(), "p1", admission, "2024-03-10").screen(true);

        assertThat(run.row("p1").isPresent()).isEqualTo(index);
    }

    @Test
    void encounterClassAsACodeableConceptOrListIsRead()
            throws IOException
    {
        String reason = ",'reasonCode':[" + coding(ICD10, "J84.10") + "]";
        Export export = export();
        eligibleAt(export, "p1", "{'resourceType':'Encounter','id':'e1','status':'finished','class':[{'coding':[{'system':'x','code':'IMP'}]}]," + subject("p1")
                + ",'period':{'start':'2024-03-10'}" + reason + "}", "2024-03-10");
        eligibleAt(export, "p2", "{'resourceType':'Encounter','id':'e2','status':'finished','class':{'coding':[{'system':'x','code':'ACUTE'}]}," + subject("p2")
                + ",'period':{'start':'2024-03-10'}" + reason + "}", "2024-03-10");

        Export.Run run = export.screen(true);

        assertThat(run.included()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2024-01-01T00:30:00+14:00|2024-01-01", "2024-12-31T23:59:59.999-12:00|2024-12-31", "2024-01-01|2024-01-01",
            "2024-12-31T22:00:00-05:00|2024-12-31", "2024-06-30T10:00:00Z|2024-06-30", "2024-06-30T10:00:00.123456+05:30|2024-06-30",
            "2023-12-31T23:00:00-12:00|", "2025-01-01T08:00:00+14:00|", "2024|", "2024-06|", "2023-12-31|", "2025-01-01|"})
    void admissionStartIsInTheStudyWindowByItsDateAsWritten(String start, String day0)
            throws IOException
    {
        String admission = encounter("e1", "p1", "IMP", "finished", start, null, ",'reasonCode':[" + coding(ICD10, "J84.10") + "]");
        String day = start.length() >= 10 ? start.substring(0, 10) : "2024-06-30";
        Export.Run run = eligibleAt(export(), "p1", admission, day).screen(true);

        if (day0 == null) {
            assertThat(run.log()).hasSize(1);
        }
        else {
            assertThat(run.row("p1")).contains("1,p1,included," + day0 + ",e1,");
        }
    }

    @Test
    void ildByReasonReferenceDiagnosisOrConditionEncounterAndRefutedIldNeverCounts()
            throws IOException
    {
        Export export = export();
        // p1: reasonReference (absolute URL); p2: diagnosis.condition; p3: Condition.encounter; p4: refuted; p5: entered-in-error;
        // p6: an ILD condition of the patient not linked to the encounter.
        eligibleAt(export, "p1", encounter("e1", "p1", "IMP", "finished", "2024-03-10", "2024-03-20",
                ",'reasonReference':[{'reference':'https://ehr.example.org/fhir/Condition/i1'}]"), "2024-03-10");
        export.add("Condition.ndjson", condition("i1", "p1", ICD10, "J84.112", ""));
        eligibleAt(export, "p2", encounter("e2", "p2", "IMP", "finished", "2024-03-10", "2024-03-20",
                ",'diagnosis':[{'condition':{'reference':'Condition/zz-missing'}},{'condition':{'reference':'Condition/i2'},'rank':2}]"), "2024-03-10");
        export.add("Condition.ndjson", condition("i2", "p2", SNOMED, "233703007", ""));
        eligibleAt(export, "p3", encounter("e3", "p3", "IMP", "finished", "2024-03-10", "2024-03-20", ""), "2024-03-10");
        export.add("Condition.ndjson", condition("i3", "p3", SNOMED, "789574002", ",'encounter':{'reference':'Encounter/e3'}"));
        eligibleAt(export, "p4", encounter("e4", "p4", "IMP", "finished", "2024-03-10", "2024-03-20", ",'reasonReference':[{'reference':'Condition/i4'}]"), "2024-03-10");
        export.add("Condition.ndjson", condition("i4", "p4", ICD10, "J84.10",
                ",'verificationStatus':{'coding':[{'system':'http://terminology.hl7.org/CodeSystem/condition-ver-status','code':'refuted'}]}"));
        eligibleAt(export, "p5", encounter("e5", "p5", "IMP", "finished", "2024-03-10", "2024-03-20", ""), "2024-03-10");
        export.add("Condition.ndjson", condition("i5", "p5", ICD10, "J84.10",
                ",'encounter':{'reference':'Encounter/e5'},'verificationStatus':{'coding':[{'code':'entered-in-error'}]}"));
        eligibleAt(export, "p6", encounter("e6", "p6", "IMP", "finished", "2024-03-10", "2024-03-20", ""), "2024-03-10");
        export.add("Condition.ndjson", condition("i6", "p6", ICD10, "J84.10", ",'recordedDate':'2024-03-10'"));

        Export.Run run = export.screen(true);

        assertThat(run.included()).containsExactly("p1", "p2", "p3");
        assertThat(run.log()).hasSize(4);
    }

    // --- criterion 2 ----------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'onsetDateTime':'2016'|true",
            "'onsetDateTime':'2024'|false",
            "'onsetDateTime':'2024-03'|false",
            "'onsetDateTime':'2024-02'|true",
            "'onsetDateTime':'2024-03-10T23:30:00-11:00'|true",
            "'onsetDateTime':'2024-03-11T00:10:00+14:00'|false",
            "'onsetPeriod':{'start':'2024-03-09','end':'2024-03-30'}|true",
            "'recordedDate':'2024-03-10'|true",
            "'recordedDate':'2024-03-11'|false",
            "'onsetDateTime':'2024-03-11','recordedDate':'2024-03-01'|true",
            "'onsetDateTime':'2024-03','recordedDate':'2024-03-05'|true",
            "'onsetDateTime':'2024','recordedDate':'2024-03-10T09:00:00+09:00'|true",
            "'abatementDateTime':'2010'|false"})
    void raFirstDateOnOrBeforeTheAdmissionDate(String dates, boolean met)
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-03-10T10:00:00+09:00", "2024-03-20"))
                .add("Condition.ndjson", condition("c1", "p1", ICD10, "M06.9", "," + dates))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-10"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-10"));

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains(met ? "1,p1,included,2024-03-10,e1," : ",p1,excluded,,e1,ra");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refuted", "entered-in-error"})
    void refutedOrErroneousRaNeverCounts(String status)
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-03-10", "2024-03-20"))
                .add("Condition.ndjson", condition("c1", "p1", ICD10, "M05.79", ",'onsetDateTime':'2016','verificationStatus':{'coding':[{'code':'" + status + "'}]}"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-10"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-10"));

        assertThat(export.screen(true).row("p1")).contains(",p1,excluded,,e1,ra");
    }

    // --- criteria 3 and 4 -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"entered-in-error", "cancelled", "draft", "not-done", "not-taken"})
    void excludedStatusesNeverCountForEitherDrugCriterion(String status)
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"), patient("p2"))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-03-10", "2024-03-20"), Export.admission("e2", "p2", "2024-03-10", "2024-03-20"))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016"), Export.ra("c2", "p2", "2016"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-10").replace("'completed'", "'" + status + "'"),
                        Export.mpsl("m2", "p2", "2024-03-10"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-10"), Export.jak("j2", "p2", "2024-03-10").replace("'active'", "'" + status + "'"));

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains(",p1,excluded,,e1,glucocorticoid");
        assertThat(run.row("p2")).contains(",p2,excluded,,e2,jak_inhibitor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"completed", "stopped", "on-hold", "in-progress", "intended", "unknown"})
    void otherStatusesCount(String status)
            throws IOException
    {
        Export export = export().withoutJak("p1", "2024-03-10", "2024-03-20")
                .add("MedicationStatement.ndjson", "{'resourceType':'MedicationStatement','id':'s1','status':'" + status + "'," + subject("p1")
                        + ",'medicationCodeableConcept':" + coding(RXNORM, "1357536") + ",'effectiveDateTime':'2024-03-20T23:59:00+09:00'}");

        assertThat(export.screen(true).row("p1")).contains("1,p1,included,2024-03-10,e-p1,");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // start of the drug record | discharge | met
            "'effectiveDateTime':'2024-03-10'|2024-03-20|true",
            "'effectiveDateTime':'2024-03-09T23:59:59+09:00'|2024-03-20|false",
            "'effectiveDateTime':'2024-03-20T23:00:00-05:00'|2024-03-20T01:00:00+09:00|true",
            "'effectiveDateTime':'2024-03-21T00:00:00+14:00'|2024-03-20T23:00:00-12:00|false",
            "'effectiveDateTime':'2024-03'|2024-03-20|false",
            "'effectiveDateTime':'2024'||false",
            "'effectivePeriod':{'start':'2024-03-12','end':'2024-04-30'}|2024-03-20|true",
            "'effectivePeriod':{'start':'2024-02-12','end':'2024-03-15'}|2024-03-20|false",
            "'effectivePeriod':{'end':'2024-03-15'}|2024-03-20|false",
            "'effectiveDateTime':'2025-06-01'||true",
            "'effectiveDateTime':'2024-03-21'|2024-03-20|false"})
    void methylprednisoloneAdministrationStartsBetweenAdmissionAndDischarge(String start, String discharge, boolean met)
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-03-10T10:00:00+09:00", discharge))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016"))
                .add("MedicationAdministration.ndjson", "{'resourceType':'MedicationAdministration','id':'m1','status':'completed'," + subject("p1")
                        + ",'medicationCodeableConcept':" + coding(ATC, "H02AB04") + "," + start + "}")
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-10"));

        assertThat(export.screen(true).row("p1")).contains(met ? "1,p1,included,2024-03-10,e1," : ",p1,excluded,,e1,glucocorticoid");
    }

    @Test
    void requestsStartAtAuthoredOnNotAtTheirValidityPeriod()
            throws IOException
    {
        Export export = export().withoutJak("p1", "2024-03-10", "2024-03-20").withoutJak("p2", "2024-03-10", "2024-03-20")
                .add("MedicationRequest.ndjson",
                        "{'resourceType':'MedicationRequest','id':'j1','status':'active','intent':'order'," + subject("p1")
                                + ",'medicationCodeableConcept':" + coding(RXNORM, "2047232") + ",'authoredOn':'2024-03-01',"
                                + "'dispenseRequest':{'validityPeriod':{'start':'2024-03-12','end':'2024-04-12'}}}",
                        "{'resourceType':'MedicationRequest','id':'j2','status':'active','intent':'order'," + subject("p2")
                                + ",'medicationCodeableConcept':" + coding(RXNORM, "2047232") + ",'authoredOn':'2024-03-20T18:00:00+09:00',"
                                + "'dispenseRequest':{'validityPeriod':{'start':'2024-02-12'}}}");

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains(",p1,excluded,,e-p1,jak_inhibitor");
        assertThat(run.row("p2")).contains("1,p2,included,2024-03-10,e-p2,");
    }

    @Test
    void drugsAreJudgedByTheirDatesNotByTheEncounterTheyNameAndDeviceRequestsAreNoDrugs()
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"), patient("p2"))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-03-10", "2024-03-20"), Export.admission("e2", "p2", "2024-03-10", "2024-03-20"))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016"), Export.ra("c2", "p2", "2016"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-11").replace("}}}", "}},'context':{'reference':'Encounter/other'}}"),
                        Export.mpsl("m2", "p2", "2024-03-11"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-11").replace("'", "\"").replace("\"authoredOn\"", "\"encounter\":{\"reference\":\"Encounter/x\"},\"authoredOn\""))
                .add("DeviceRequest.ndjson", "{'resourceType':'DeviceRequest','id':'d2','status':'active','intent':'order'," + subject("p2")
                        + ",'codeCodeableConcept':{'text':'tofacitinib'},'authoredOn':'2024-03-11'}");

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e1,");
        assertThat(run.row("p2")).contains(",p2,excluded,,e2,jak_inhibitor");
    }

    @Test
    void medicationByReferenceToATopLevelMedicationInAnyFileAndToAContainedOne()
            throws IOException
    {
        Export export = export().withoutJak("p1", "2024-03-10", "2024-03-20").withoutJak("p2", "2024-03-10", "2024-03-20")
                .withoutJak("p3", "2024-03-10", "2024-03-20").withoutJak("p4", "2024-03-10", "2024-03-20")
                .add("MedicationAdministration-0.ndjson",
                        "{'resourceType':'MedicationAdministration','id':'a1','status':'completed'," + subject("p1")
                                + ",'medicationReference':{'reference':'Medication/tofa'},'effectiveDateTime':'2024-03-12'}",
                        "{'resourceType':'MedicationAdministration','id':'a4','status':'completed'," + subject("p4")
                                + ",'medicationReference':{'reference':'Medication/other'},'effectiveDateTime':'2024-03-12'}")
                .add("MedicationStatement.ndjson", "{'resourceType':'MedicationStatement','id':'s2','status':'active'," + subject("p2")
                        + ",'contained':[{'resourceType':'Medication','id':'x','code':{'text':'placebo'}},{'resourceType':'Medication','id':'med1','code':" + coding(RXNORM, "2047232") + "}],"
                        + "'medicationReference':{'reference':'#med1'},'effectivePeriod':{'start':'2024-03-13'}}")
                .add("MedicationRequest.ndjson", "{'resourceType':'MedicationRequest','id':'r3','status':'active','intent':'order'," + subject("p3")
                        + ",'medicationReference':{'reference':'urn:uuid:4f8e6e2a-1f6b-4c1e-9c55-0d7f2f7f1a11'},'authoredOn':'2024-03-14'}")
                // Read last by name, but Medication files are read first whatever their name.
                .add("Medication-zz.ndjson",
                        "{'resourceType':'Medication','id':'tofa','code':" + coding(ATC, "L04AA29") + "}",
                        "{'resourceType':'Medication','id':'4f8e6e2a-1f6b-4c1e-9c55-0d7f2f7f1a11','code':" + coding(RXNORM, "2196092") + "}",
                        "{'resourceType':'Medication','id':'other','code':{'text':'methotrexate'}}");

        Export.Run run = export.screen(true);

        assertThat(run.included()).containsExactly("p1", "p2", "p3");
        assertThat(run.field("p1", "jaki_agent")).contains("tofacitinib");
        assertThat(run.field("p2", "jaki_agent")).contains("baricitinib");
        assertThat(run.field("p3", "jaki_agent")).contains("upadacitinib");
        assertThat(run.row("p4")).contains(",p4,excluded,,e-p4,jak_inhibitor");
    }

    @Test
    void anOpenAdmissionHasNoUpperBound()
            throws IOException
    {
        Export export = export().withoutJak("p1", "2024-11-30T10:00:00+09:00", null)
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2025-02-01"));

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-11-30,e-p1,");
        assertThat(run.field("p1", "discharge_date")).isEmpty();
        assertThat(run.field("p1", "home_oxygen_at_discharge")).isEmpty();
    }

    // --- inclusion, deciding admission, ties ------------------------------------------------------

    @Test
    void includedPatientsAreNumberedByDayZeroThenPatientIdAndExcludedFollowByPatientId()
            throws IOException
    {
        Export export = export().eligible("pb", "2024-05-01T23:00:00-05:00", "2024-05-10")
                .eligible("pa", "2024-05-01T08:00:00+09:00", "2024-05-10")
                .eligible("pc", "2024-02-01", "2024-02-10")
                .withoutJak("a0", "2024-01-05", "2024-01-06")
                .withoutJak("zz", "2024-01-05", "2024-01-06");

        Export.Run run = export.screen(true);

        assertThat(run.log()).containsExactly("case_no,patient_id,status,day0,encounter_id,reason,evidence,matched_by_text",
                "1,pc,included,2024-02-01,e-pc,,index_admission=Encounter/e-pc;ra=Condition/ra-pc;glucocorticoid=MedicationAdministration/mp-pc;jak_inhibitor=MedicationRequest/jak-pc,",
                "2,pa,included,2024-05-01,e-pa,,index_admission=Encounter/e-pa;ra=Condition/ra-pa;glucocorticoid=MedicationAdministration/mp-pa;jak_inhibitor=MedicationRequest/jak-pa,",
                "3,pb,included,2024-05-01,e-pb,,index_admission=Encounter/e-pb;ra=Condition/ra-pb;glucocorticoid=MedicationAdministration/mp-pb;jak_inhibitor=MedicationRequest/jak-pb,",
                ",a0,excluded,,e-a0,jak_inhibitor,index_admission=Encounter/e-a0;ra=Condition/ra-a0;glucocorticoid=MedicationAdministration/mp-a0,",
                ",zz,excluded,,e-zz,jak_inhibitor,index_admission=Encounter/e-zz;ra=Condition/ra-zz;glucocorticoid=MedicationAdministration/mp-zz,");
    }

    @Test
    void theFirstEligibleAdmissionByDateThenTimeAsWrittenThenIdIsTheIndex()
            throws IOException
    {
        String reason = ",'reasonCode':[" + coding(ICD10, "J84.10") + "]";
        Export export = export().add("Patient.ndjson", patient("p1"), patient("p2"))
                // p1: same date; 09:00-12:00 is earlier as written than 10:00+09:00 although later in UTC.
                .add("Encounter.ndjson",
                        encounter("e-b", "p1", "IMP", "finished", "2024-04-01T10:00:00+09:00", "2024-04-05", reason),
                        encounter("e-c", "p1", "IMP", "finished", "2024-04-01T09:00:00-12:00", "2024-04-05", reason),
                        encounter("e-z", "p1", "IMP", "finished", "2024-06-01", "2024-06-05", reason),
                        // p2: same date and time: by encounter id; a date-only start sorts before times.
                        encounter("f-2", "p2", "ACUTE", "finished", "2024-04-01T09:00:00+09:00", "2024-04-05", reason),
                        encounter("f-1", "p2", "ACUTE", "finished", "2024-04-01T09:00:00+09:00", "2024-04-05", reason),
                        encounter("f-3", "p2", "ACUTE", "finished", "2024-04-02", "2024-04-05", reason))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016"), Export.ra("c2", "p2", "2016"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-04-02"), Export.mpsl("m2", "p2", "2024-04-02"),
                        Export.mpsl("m3", "p1", "2024-06-02"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-04-03"), Export.jak("j2", "p2", "2024-04-03"), Export.jak("j3", "p1", "2024-06-03"));

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-04-01,e-c,");
        assertThat(run.row("p2")).contains("2,p2,included,2024-04-01,f-1,");
    }

    @Test
    void aDateOnlyAdmissionSortsBeforeOneWithATimeOnTheSameDate()
            throws IOException
    {
        String reason = ",'reasonCode':[" + coding(ICD10, "J84.10") + "]";
        Export export = export().add("Patient.ndjson", patient("p1"))
                .add("Encounter.ndjson",
                        encounter("e-a", "p1", "IMP", "finished", "2024-04-01T00:00:00+09:00", "2024-04-05", reason),
                        encounter("e-b", "p1", "IMP", "finished", "2024-04-01", "2024-04-05", reason))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-04-02"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-04-03"));

        assertThat(export.screen(true).row("p1")).contains("1,p1,included,2024-04-01,e-b,");
    }

    @Test
    void includedAtTheFirstAdmissionMeetingEveryCriterionAfterEarlierOnesThatDidNot()
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-02-01", "2024-02-10"), Export.admission("e2", "p1", "2024-08-01", "2024-08-10"),
                        Export.admission("e3", "p1", "2024-10-01", "2024-10-10"))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-02-01"), Export.mpsl("m2", "p1", "2024-08-01"), Export.mpsl("m3", "p1", "2024-10-01"))
                .add("MedicationRequest.ndjson", Export.jak("j2", "p1", "2024-08-09"), Export.jak("j3", "p1", "2024-10-02"));

        assertThat(export.screen(true).row("p1")).contains("1,p1,included,2024-08-01,e2,");
    }

    @Test
    void theDecidingAdmissionGotFurthestThroughTheCriteriaAndTheEarliestOnTies()
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"), patient("p2"))
                // p1: February fails ra (RA first recorded in March), May fails glucocorticoid, September fails jak_inhibitor, November fails glucocorticoid.
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-02-01", "2024-02-10"), Export.admission("e2", "p1", "2024-05-01", "2024-05-10"),
                        Export.admission("e3", "p1", "2024-09-01", "2024-09-10"), Export.admission("e4", "p1", "2024-11-01", "2024-11-10"),
                        // p2: both fail glucocorticoid: the earlier decides.
                        Export.admission("f2", "p2", "2024-07-01", "2024-07-10"), Export.admission("f1", "p2", "2024-06-01", "2024-06-10"))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2024-03-15"), Export.ra("c2", "p2", "2016"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m3", "p1", "2024-09-02"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-02-03"), Export.jak("j2", "p2", "2024-06-03"));

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains(",p1,excluded,,e3,jak_inhibitor");
        assertThat(run.row("p2")).contains(",p2,excluded,,f1,glucocorticoid");
        assertThat(run.flow().get("with_index_admission").asLong()).isEqualTo(2);
        assertThat(run.flow().get("after_ra").asLong()).isEqualTo(2);
        assertThat(run.flow().get("after_glucocorticoid").asLong()).isEqualTo(1);
        assertThat(run.flow().get("included").asLong()).isZero();
    }

    @Test
    void eachPatientIsIncludedOnceAndAPatientWithoutIndexAdmissionIsNotLogged()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20")
                .add("Encounter.ndjson", Export.admission("e-again", "p1", "2024-09-10", "2024-09-20"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m-again", "p1", "2024-09-10"))
                .add("MedicationRequest.ndjson", Export.jak("j-again", "p1", "2024-09-10"))
                .add("Patient.ndjson", patient("p2"))
                .add("Condition.ndjson", Export.ra("c2", "p2", "2016"));

        Export.Run run = export.screen(true);

        assertThat(run.log()).hasSize(2);
        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e-p1,");
        assertThat(run.flow().get("patients_in_extract").asLong()).isEqualTo(2);
    }
}
