package org.casebook.screening.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.casebook.error.CasebookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casebook.screening.seed.Export.ICD10;
import static org.casebook.screening.seed.Export.LOINC;
import static org.casebook.screening.seed.Export.RXNORM;
import static org.casebook.screening.seed.Export.coding;
import static org.casebook.screening.seed.Export.patient;
import static org.casebook.screening.seed.Export.q;
import static org.casebook.screening.seed.Export.subject;

/**
 * The issue's "Messy input" and the JSON a real or adversarial export may write that our own
 * generator never does: spacing, key order, escapes, reference forms, file names and line ends.
 * Each goes through the byte pre-filter and the streaming parser of the real engine.
 */
class MessyExportTest
{
    @TempDir
    Path temp;

    private Export export()
    {
        return new Export(temp);
    }

    private static String fvc(String id, String patientReference, String date, String value)
    {
        return "{'resourceType':'Observation','id':'" + id + "','status':'final','subject':{'reference':'" + patientReference + "'},'code':" + coding(LOINC, "19872-1")
                + ",'effectiveDateTime':'" + date + "','valueQuantity':{'value':" + value + ",'unit':'%'}}";
    }

    @Test
    void prettySpacingAndUnusualKeyOrderInsideALine()
            throws IOException
    {
        String bigNested = "'text':{'status':'generated','div':'<div>" + "x".repeat(3_000_000) + "</div>'},'contained':[" + "{'resourceType':'Basic','id':'b'},".repeat(2000) + "{}]";
        Export export = export()
                .add("Patient.ndjson", "{ 'id' : 'p1' , 'birthDate' : '1950-06-15' , 'resourceType' : 'Patient' }")
                .add("Encounter.ndjson", "{ 'period' : { 'end' : '2024-03-20' , 'start' : '2024-03-10' } , 'reasonCode' : [ { 'coding' : [ { 'code' : 'J84.10' , 'system' : '" + ICD10 + "' } ] } ] ,"
                        + " 'class' : { 'code' : 'IMP' } , 'id' : 'e1' , " + bigNested + ", 'subject' : { 'reference' : 'Patient/p1' } , 'resourceType' : 'Encounter' }")
                .add("Condition.ndjson", "{\t'code':" + coding(Export.SNOMED, "69896004") + ",\t'onsetDateTime':'2016',\t" + bigNested + ",\t'subject':{'reference':'Patient/p1'},'id':'c1','resourceType':'Condition'}")
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-10"))
                .add("MedicationRequest.ndjson", "{'authoredOn':'2024-03-10','medicationCodeableConcept':" + coding(RXNORM, "2196092") + "," + bigNested
                        + ",'subject':{'display':'Jane','reference':'Patient/p1'},'status':'active','id':'j1','resourceType':'MedicationRequest'}")
                .add("Observation.ndjson", "{'valueQuantity':{'unit':'%','value':70.25}," + bigNested + ",'effectiveDateTime':'2024-05-01','code':" + coding(LOINC, "19872-1")
                        + ",'subject' : {'reference' : 'Patient/p1'},'id':'o1','resourceType':'Observation'}");

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e1,");
        assertThat(run.fvc("p1", "after")).contains("70.25@2024-05-01");
    }

    @Test
    void escapedSlashesInReferencesAreReferences()
            throws IOException
    {
        // Some JSON writers (PHP, some .NET) escape every '/' as '\/'.
        Export export = export()
                .add("Patient.ndjson", patient("p1"))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-03-10", "2024-03-20").replace("Patient/", "Patient\\/"))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016").replace("Patient/", "Patient\\/"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-10").replace("/", "\\/"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-10").replace("/", "\\/"))
                .add("Observation.ndjson", fvc("o1", "Patient\\/p1", "2024-05-01", "71"), fvc("o2", "https:\\/\\/ehr.example.org\\/fhir\\/Patient\\/p1\\/_history\\/3", "2024-05-02", "72"));

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e1,");
        assertThat(run.fvc("p1", "after")).contains("71@2024-05-01");
        assertThat(run.field("p1", "last_followup_date")).contains("2024-05-02");
    }

    @Test
    void unicodeEscapesInIdsAndCodes()
            throws IOException
    {
        // the escaped id is "pé"; the Patient writes it raw, the other records escaped, and the reverse for p2.
        Export export = export()
                .add("Patient.ndjson", patient("pé"), patient("p\\u0032"))
                .add("Encounter.ndjson", Export.admission("e1", "p\\u00e9", "2024-03-10", "2024-03-20"), Export.admission("e2", "p2", "2024-03-10", "2024-03-20"))
                .add("Condition.ndjson", Export.ra("c1", "p\\u00E9", "2016"), Export.ra("c2", "p2", "2016").replace("69896004", "\\u0036\\u0039896004"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "pé", "2024-03-10"), Export.mpsl("m2", "p\\u0032", "2024-03-10"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p\\u00e9", "2024-03-10"), Export.jak("j2", "\\u0070\\u0032", "2024-03-10"))
                .add("Observation.ndjson", fvc("o1", "Patient/p\\u00e9", "2024-05-01", "71"), fvc("o2", "Patient/p2", "2024-05-01", "72"));

        Export.Run run = export.screen(true);

        assertThat(run.included()).containsExactly("p2", "pé");
        assertThat(run.fvc("pé", "after")).contains("71@2024-05-01");
        assertThat(run.fvc("p2", "after")).contains("72@2024-05-01");
        assertThat(run.flow().get("patients_in_extract").asLong()).isEqualTo(2);
    }

    @Test
    void encounterClassWrittenWithAUnicodeEscapeIsStillRead()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20");
        Export fresh = new Export(temp.resolve("b"))
                .add("Patient.ndjson", patient("p1"))
                .add("Encounter.ndjson", Export.admission("e-p1", "p1", "2024-03-10", "2024-03-20").replace("'IMP'", "'\\u0049MP'"))
                .add("Condition.ndjson", Export.ra("ra-p1", "p1", "2016"))
                .add("MedicationAdministration.ndjson", Export.mpsl("mp-p1", "p1", "2024-03-10"))
                .add("MedicationRequest.ndjson", Export.jak("jak-p1", "p1", "2024-03-10"));

        assertThat(export.screen(true).row("p1")).contains("1,p1,included,2024-03-10,e-p1,");
        assertThat(fresh.screen(true).row("p1")).contains("1,p1,included,2024-03-10,e-p1,");
    }

    @Test
    void patientReferencesAsAbsoluteUrlsVersionedOrUrnUuid()
            throws IOException
    {
        String uuid = "9c2b8e3e-2f0a-4d8e-8d1a-3c1b2a0f9e77";
        Export export = export()
                .add("Patient.ndjson", patient("p1"), patient(uuid))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-03-10", "2024-03-20").replace("Patient/p1", "https://ehr.example.org/fhir/Patient/p1/_history/4"),
                        Export.admission("e2", uuid, "2024-03-10", "2024-03-20").replace("Patient/" + uuid, "urn:uuid:" + uuid))
                .add("Condition.ndjson", Export.ra("c1", "p1", "2016").replace("Patient/p1", "http://x.org/Patient/p1"),
                        // an asserter naming another patient must not hide the subject
                        Export.ra("c2", uuid, "2016").replace("'subject':{'reference':'Patient/" + uuid + "'}",
                                "'asserter':{'reference':'RelatedPerson/r1'},'subject':{'reference':'urn:uuid:" + uuid + "'}"))
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-10").replace("Patient/p1", "Patient/p1/_history/1"),
                        Export.mpsl("m2", uuid, "2024-03-10").replace("Patient/" + uuid, "urn:uuid:" + uuid))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-10"),
                        Export.jak("j2", uuid, "2024-03-10").replace("Patient/" + uuid, "urn:uuid:" + uuid))
                .add("Observation.ndjson", fvc("o1", "urn:uuid:" + uuid, "2024-05-01", "71"));

        Export.Run run = export.screen(true);

        assertThat(run.included()).hasSize(2);
        assertThat(run.fvc(uuid, "after")).contains("71@2024-05-01");
    }

    @Test
    void gzipFilesSuffixesCrlfNoFinalNewlineAndEmptyFiles()
            throws IOException
    {
        Export export = export()
                .raw("Patient-1.ndjson", (q(patient("p1")) + "\r\n" + q(patient("p2")) + "\r\n").getBytes(StandardCharsets.UTF_8))
                .raw("Patient-2.ndjson", "")
                .raw("Encounter.ndjson", q(Export.admission("e1", "p1", "2024-03-10", "2024-03-20")) + "\r\n\r\n" + q(Export.admission("e2", "p2", "2024-03-11", "2024-03-20")))
                .raw("Condition-000.ndjson", q(Export.ra("c1", "p1", "2016")) + "\n   \n" + q(Export.ra("c2", "p2", "2016")))
                .add("MedicationAdministration-part2.ndjson.gz", Export.mpsl("m1", "p1", "2024-03-10"), Export.mpsl("m2", "p2", "2024-03-11"))
                .raw("MedicationRequest.ndjson", q(Export.jak("j1", "p1", "2024-03-10")) + "\r\n" + q(Export.jak("j2", "p2", "2024-03-11")))
                .raw("Observation-2.ndjson", q(fvc("o1", "Patient/p2", "2024-05-01", "71")) + "\r\n")
                .raw("Observation-3.ndjson.gz", gzip(q(fvc("o2", "Patient/p1", "2024-05-02", "73"))));

        Export.Run run = export.screen(true);

        assertThat(run.included()).hasSize(2);
        assertThat(run.fvc("p1", "after")).contains("73@2024-05-02");
        assertThat(run.fvc("p2", "after")).contains("71@2024-05-01");
        assertThat(run.lines("cases/provenance.csv")).contains("p1,fvc_percent_predicted,after,73,Observation,o2,Observation-3.ndjson.gz,1",
                "p2,ra,,,Condition,c2,Condition-000.ndjson,3".substring(0, 0) + "p2,fvc_percent_predicted,after,71,Observation,o1,Observation-2.ndjson,1");
        assertThat(run.flow().get("patients_in_extract").asLong()).isEqualTo(2);
        assertThat(run.flow().get("lines_skipped").size()).isZero();
    }

    @Test
    void aByteOrderMarkAtTheStartOfAFileIsNotAMalformedLine()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20")
                .raw("Observation.ndjson", "\uFEFF" + q(fvc("o1", "Patient/p1", "2024-05-01", "71")) + "\n")
                .raw("Patient-2.ndjson", "\uFEFF" + q(patient("p2")) + "\n");

        Export.Run run = export.screen(true);

        assertThat(run.flow().get("patients_in_extract").asLong()).isEqualTo(2);
        assertThat(run.fvc("p1", "after")).contains("71@2024-05-01");
    }

    private static byte[] gzip(String text)
            throws IOException
    {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aTruncatedGzipAnywhereIsAnErrorNamingTheFile()
            throws IOException
    {
        byte[] whole = gzip(q(fvc("o1", "Patient/p1", "2024-05-01", "71")) + "\n");
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20")
                .raw("Observation-9.ndjson.gz", java.util.Arrays.copyOf(whole, whole.length - 6));

        assertThatThrownBy(export::screen).isInstanceOf(CasebookException.class).hasMessageContaining("Observation-9.ndjson.gz");
        assertThat(Files.list(temp).map(path -> path.getFileName().toString())).containsExactly("extract");
    }

    @Test
    void unusableLinesAreSkippedCountedAndListedAndStrictStopsAtTheFirst()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20")
                .add("MedicationRequest-2.ndjson",
                        "{'resourceType':'MedicationRequest','id':'x1','status':'active','medicationCodeableConcept':{'text':'upadacitinib'},'authoredOn':'2024-03-11','requester':{'reference':'Patient/p1'}}",
                        "{'resourceType':'MedicationRequest','id':'x2','subject':{'reference':'Patient/p1'},'status':")
                .add("Observation.ndjson", "{'resourceType':'Observation','id':'o1','subject':{'reference':'Patient/p1'},'valueQuantity':{'value':1e999999999999}");

        Export.Run run = export.screen(false);

        assertThat(run.lines("skipped.csv")).hasSize(4);
        assertThat(run.lines("skipped.csv").get(1)).startsWith("MedicationRequest-2.ndjson,1,no_subject,");
        assertThat(run.lines("skipped.csv").get(2)).startsWith("MedicationRequest-2.ndjson,2,malformed_json,");
        assertThat(run.lines("skipped.csv").get(3)).startsWith("Observation.ndjson,1,malformed_json,");
        assertThat(run.flow().get("lines_skipped").get("no_subject").asLong()).isEqualTo(1);
        assertThat(run.flow().get("lines_skipped").get("malformed_json").asLong()).isEqualTo(2);
        assertThat(run.included()).hasSize(1);

        assertThatThrownBy(() -> export.screen(true)).isInstanceOf(CasebookException.class)
                .hasMessageContaining("MedicationRequest-2.ndjson line 1");
    }

    @Test
    void referencesOutsideTheExtractAreIgnoredNotSkippedAndUnknownTypesAreCounted()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20")
                .add("Condition-2.ndjson", "{'resourceType':'Condition','id':'c9'," + subject("p1") + ",'asserter':{'reference':'Practitioner/dr1'},"
                        + "'encounter':{'reference':'Encounter/not-here'},'code':" + coding(ICD10, "J84.10") + ",'recordedDate':'2024-01-01'}")
                .add("Encounter-2.ndjson", "{'resourceType':'Encounter','id':'e9','status':'finished','class':{'code':'IMP'}," + subject("p1")
                        + ",'serviceProvider':{'reference':'Organization/o1'},'participant':[{'individual':{'reference':'Practitioner/dr1'}}],"
                        + "'reasonReference':[{'reference':'Condition/not-here'}],'period':{'start':'2024-10-01','end':'2024-10-03'}}")
                .add("Practitioner.ndjson", "{'resourceType':'Practitioner','id':'dr1'}", "{'resourceType':'Practitioner','id':'dr2'}")
                .add("Organization-1.ndjson.gz", "{'resourceType':'Organization','id':'o1'}")
                .add("Procedure.ndjson", "{'resourceType':'Procedure','id':'x'," + subject("p1") + "}");

        Export.Run run = export.screen(true);

        assertThat(run.included()).hasSize(1);
        assertThat(run.flow().get("resources_ignored").toString()).isEqualTo(q("{'Organization':1,'Practitioner':2}"));
        assertThat(run.flow().get("resources_read").get("Procedure").asLong()).isEqualTo(1);
        assertThat(run.flow().get("lines_skipped").size()).isZero();
        assertThat(run.lines("skipped.csv")).containsExactly("file,line,reason,detail");
    }

    @Test
    void flowJsonHasTheIssueKeysAndCounts()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20").withoutJak("p2", "2024-03-10", "2024-03-20")
                .add("Patient.ndjson", patient("p3"), patient("p4"))
                .add("Encounter.ndjson", Export.admission("e3", "p3", "2024-03-10", "2024-03-20"), Export.admission("e4", "p4", "2024-03-10", "2024-03-20"))
                .add("Condition.ndjson", Export.ra("c4", "p4", "2016"));

        Export.Run run = export.screen(true);

        var flow = run.flow();
        assertThat(flow.get("patients_in_extract").asLong()).isEqualTo(4);
        assertThat(flow.get("with_index_admission").asLong()).isEqualTo(4);
        assertThat(flow.get("after_ra").asLong()).isEqualTo(3);
        assertThat(flow.get("after_glucocorticoid").asLong()).isEqualTo(2);
        assertThat(flow.get("included").asLong()).isEqualTo(1);
        assertThat(flow.get("resources_read").get("Patient").asLong()).isEqualTo(4);
        assertThat(flow.get("resources_read").get("Encounter").asLong()).isEqualTo(4);
        assertThat(flow.has("resources_ignored")).isTrue();
        assertThat(flow.has("lines_skipped")).isTrue();
        assertThat(Files.exists(run.out().resolve("flow.svg"))).isTrue();
    }

    @Test
    void csvOutputIsUtf8WithLfLineEnds()
            throws IOException
    {
        Export export = export().eligible("pé,1", "2024-03-10", "2024-03-20");

        Export.Run run = export.screen(true);

        for (String file : new String[] {"screening.csv", "skipped.csv", "cases/cases.csv", "cases/measurements.csv", "cases/ct_studies.csv", "cases/provenance.csv"}) {
            byte[] bytes = Files.readAllBytes(run.out().resolve(file));
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as(file).doesNotContain("\r").endsWith("\n");
        }
        assertThat(Files.readString(run.out().resolve("screening.csv"), StandardCharsets.UTF_8)).contains("1,\"pé,1\",included,2024-03-10,\"e-pé,1\",");
        assertThat(run.lines("cases/provenance.csv").get(0)).isEqualTo("patient_id,field,timepoint,value,resource_type,resource_id,file,line");
    }

    @Test
    void datesWithLeapSecondsOrLongFractionsStillNameTheirDay()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10T23:59:60+09:00", "2024-03-20").eligible("p2", "2024-03-11T10:00:00.1234567891234+09:00", "2024-03-20");

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains("1,p1,included,2024-03-10,e-p1,");
        assertThat(run.row("p2")).contains("2,p2,included,2024-03-11,e-p2,");
    }

    @Test
    void verificationStatusWrittenAsAPlainCodeOrWithTheHl7CodingSecondStillExcludes()
            throws IOException
    {
        Export export = export().add("Patient.ndjson", patient("p1"), patient("p2"))
                .add("Encounter.ndjson", Export.admission("e1", "p1", "2024-03-10", "2024-03-20"), Export.admission("e2", "p2", "2024-03-10", "2024-03-20"))
                .add("Condition.ndjson",
                        "{'resourceType':'Condition','id':'c1'," + subject("p1") + ",'code':" + coding(Export.SNOMED, "69896004") + ",'onsetDateTime':'2016','verificationStatus':'refuted'}",
                        "{'resourceType':'Condition','id':'c2'," + subject("p2") + ",'code':" + coding(Export.SNOMED, "69896004") + ",'onsetDateTime':'2016',"
                                + "'verificationStatus':{'coding':[{'system':'urn:local','code':'R'},{'system':'http://terminology.hl7.org/CodeSystem/condition-ver-status','code':'entered-in-error'}]}}")
                .add("MedicationAdministration.ndjson", Export.mpsl("m1", "p1", "2024-03-10"), Export.mpsl("m2", "p2", "2024-03-10"))
                .add("MedicationRequest.ndjson", Export.jak("j1", "p1", "2024-03-10"), Export.jak("j2", "p2", "2024-03-10"));

        Export.Run run = export.screen(true);

        assertThat(run.row("p1")).contains(",p1,excluded,,e1,ra");
        assertThat(run.row("p2")).contains(",p2,excluded,,e2,ra");
    }

    @Test
    void blankUnitCodesFallBackToTheUnitAndModalityAsACodeableConceptIsRead()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20")
                .add("Observation.ndjson",
                        "{'resourceType':'Observation','id':'pa','status':'final'," + subject("p1") + ",'code':" + coding(LOINC, "2703-7")
                                + ",'effectiveDateTime':'2024-03-11T10:00:00+09:00','valueQuantity':{'value':60,'unit':'mmHg','code':''}}",
                        "{'resourceType':'Observation','id':'fi','status':'final'," + subject("p1") + ",'code':" + coding(LOINC, "3150-0")
                                + ",'effectiveDateTime':'2024-03-11T10:05:00+09:00','valueQuantity':{'value':40,'unit':'%','code':' '}}")
                .add("ImagingStudy.ndjson", "{'resourceType':'ImagingStudy','id':'ct1','status':'available'," + subject("p1")
                        + ",'modality':[{'coding':[{'system':'http://dicom.nema.org/resources/ontology/DCM','code':'CT'}]}],'started':'2024-03-11'}");

        Export.Run run = export.screen(true);

        assertThat(run.pf("p1", "onset")).contains("150.0@2024-03-11");
        assertThat(run.ct("p1", "onset")).contains("ct1");
    }

    @Test
    void absurdNumbersAreNoValuesAndNeverHangTheRun()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20")
                .add("Observation.ndjson",
                        "{'resourceType':'Observation','id':'big','status':'final'," + subject("p1") + ",'code':" + coding(LOINC, "50984-4")
                                + ",'effectiveDateTime':'2024-03-11','valueQuantity':{'value':1e999999999,'unit':'mm[Hg]'}}",
                        "{'resourceType':'Observation','id':'tiny','status':'final'," + subject("p1") + ",'code':" + coding(LOINC, "19872-1")
                                + ",'effectiveDateTime':'2024-05-11','valueQuantity':{'value':1e-999999999,'unit':'%'}}",
                        "{'resourceType':'Observation','id':'ok','status':'final'," + subject("p1") + ",'code':" + coding(LOINC, "50984-4")
                                + ",'effectiveDateTime':'2024-03-12','valueQuantity':{'value':2.5e2,'unit':'mm[Hg]'}}");

        Export.Run run = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> export.screen(true));

        assertThat(run.pf("p1", "onset")).contains("250.0@2024-03-12");
        assertThat(run.fvc("p1", "after")).isEmpty();
    }

    @Test
    void aMissingMedicationOfAnIncludedPatientIsCountedOnce()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20")
                .add("MedicationRequest.ndjson", "{'resourceType':'MedicationRequest','id':'r9','status':'active','intent':'order'," + subject("p1")
                        + ",'medicationReference':{'reference':'Medication/not-here'},'authoredOn':'2024-03-12'}");

        Export.Run run = export.screen(true);

        assertThat(run.included()).hasSize(1);
        assertThat(run.flow().get("references_missing").toString()).isEqualTo(q("{'Medication':1}"));
    }

    @Test
    void escapedSlashesInALineThatAlsoHoldsAnUnrelatedUrnUuid()
            throws IOException
    {
        Export export = export().eligible("p1", "2024-03-10", "2024-03-20")
                .add("Observation.ndjson", "{'resourceType':'Observation','id':'o1','status':'final','identifier':[{'system':'urn:ietf:rfc:3986','value':'urn:uuid:0b9e1c1e-1111-4a4a-9b9b-123456789abc'}],"
                        + "'subject':{'reference':'Patient\\/p1'},'code':" + coding(LOINC, "19872-1").replace("/", "\\/")
                        + ",'effectiveDateTime':'2024-05-01','valueQuantity':{'value':64,'unit':'%'}}");

        assertThat(export.screen(true).fvc("p1", "after")).contains("64@2024-05-01");
    }
}
