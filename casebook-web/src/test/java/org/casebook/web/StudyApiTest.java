package org.casebook.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.store.AuditTrail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcPrint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The REST API's main paths through the full security filter chain: conflicts, validation,
 * locks with reasons, blinded CT reading with adjudication, import errors and the de-identified
 * export. Subclasses run it on SQLite and on PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StudyApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private AuditTrail audit;

    private StudyFixture fixture;

    @BeforeAll
    void seed()
    {
        fixture = StudyFixture.seed(context, "");
        context.getBean(org.casebook.store.study.Users.class).add("investigator2", "{noop}unused", false, "test");
        context.getBean(org.casebook.store.study.Users.class).grant(fixture.studyId, "investigator2", org.casebook.store.study.StudyRole.INVESTIGATOR, false, "test");
        context.getBean(org.casebook.store.study.Users.class).add("adjudicator2", "{noop}unused", false, "test");
        context.getBean(org.casebook.store.study.Users.class).grant(fixture.studyId, "adjudicator2", org.casebook.store.study.StudyRole.READER, true, "test");
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String who)
            throws Exception
    {
        return mvc.perform(request.with(user(who).roles("USER")).with(csrf())).andReturn().getResponse();
    }

    private JsonNode json(MockHttpServletResponse response)
            throws Exception
    {
        return JSON.readTree(response.getContentAsString());
    }

    private String casePath(long caseId)
    {
        return "/api/studies/" + fixture.studyId + "/cases/" + caseId;
    }

    private long secondCaseId()
    {
        return context.getBean(org.casebook.store.cases.Cases.class).list(fixture.studyId).get(1).id();
    }

    private int version(long caseId, String who)
            throws Exception
    {
        return json(perform(get(casePath(caseId)), who)).path("summary").path("version").asInt();
    }

    private static String edit(int version, String reason, String timepoint, String variable, String value)
    {
        return "{\"version\":" + version + ",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"")
                + ",\"edits\":[{\"timepoint\":\"" + timepoint + "\",\"variable\":\"" + variable + "\",\"value\":\"" + value + "\"}]}";
    }

    @Test
    void secondSaveOfTheSameVersionIsAConflictNamingTheOtherChange()
            throws Exception
    {
        long caseId = fixture.caseId;
        int opened = version(caseId, "investigator");
        assertThat(version(caseId, "investigator2")).isEqualTo(opened);
        MockHttpServletResponse first = perform(put(casePath(caseId) + "/values").contentType(MediaType.APPLICATION_JSON)
                .content(edit(opened, null, "onset", "pao2", "71")), "investigator");
        assertThat(first.getStatus()).isEqualTo(200);
        MockHttpServletResponse second = perform(put(casePath(caseId) + "/values").contentType(MediaType.APPLICATION_JSON)
                .content(edit(opened, null, "onset", "pao2", "99")), "investigator2");
        assertThat(second.getStatus()).isEqualTo(409);
        JsonNode body = json(second);
        assertThat(body.path("error").asText()).contains("investigator").contains("onset.pao2").contains("'71'");
        assertThat(body.path("otherChanges").get(0).path("username").asText()).isEqualTo("investigator");
        JsonNode values = json(perform(get(casePath(caseId)), "investigator")).path("values");
        assertThat(values.toString()).contains("\"value\":\"71\"").doesNotContain("\"value\":\"99\"");
    }

    @Test
    void invalidValuesAreRefusedWithEveryFieldError()
            throws Exception
    {
        long caseId = secondCaseId();
        int opened = version(caseId, "investigator");
        String body = "{\"version\":" + opened + ",\"edits\":[{\"timepoint\":\"onset\",\"variable\":\"pao2\",\"value\":\"abc\"},"
                + "{\"timepoint\":\"onset\",\"variable\":\"fio2\",\"value\":\"7\"},{\"timepoint\":\"\",\"variable\":\"sex\",\"value\":\"X\"}]}";
        MockHttpServletResponse response = perform(put(casePath(caseId) + "/values").contentType(MediaType.APPLICATION_JSON).content(body), "investigator");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(json(response).path("fieldErrors").size()).isEqualTo(3);
        assertThat(version(caseId, "investigator")).isEqualTo(opened);
    }

    @Test
    void lockedCaseChangesOnlyWithAReasonThatTheHistoryKeeps()
            throws Exception
    {
        long caseId = context.getBean(org.casebook.store.cases.Cases.class).list(fixture.studyId).get(2).id();
        int opened = version(caseId, "investigator");
        MockHttpServletResponse lock = perform(post(casePath(caseId) + "/lock").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":" + opened + ",\"locked\":true}"), "investigator");
        assertThat(lock.getStatus()).isEqualTo(200);
        int locked = json(lock).path("version").asInt();
        MockHttpServletResponse refused = perform(put(casePath(caseId) + "/values").contentType(MediaType.APPLICATION_JSON)
                .content(edit(locked, null, "onset", "pao2", "66")), "investigator");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).contains("locked");
        MockHttpServletResponse changed = perform(put(casePath(caseId) + "/values").contentType(MediaType.APPLICATION_JSON)
                .content(edit(locked, "lab report corrected", "onset", "pao2", "66")), "investigator");
        assertThat(changed.getStatus()).isEqualTo(200);
        String history = perform(get(casePath(caseId) + "/history.csv"), "investigator").getContentAsString();
        assertThat(history).contains("\"onset.pao2\"").contains("\"66\"").contains("\"lab report corrected\"").contains("locked");
    }

    @Test
    void readerSeesABlindedWorklistAndAZoneNotAddingUpTo100IsRefused()
            throws Exception
    {
        String worklist = perform(get("/api/studies/" + fixture.studyId + "/worklist"), "reader").getContentAsString();
        assertThat(worklist).contains(fixture.scanCode).doesNotContain("P1").doesNotContain("onset").doesNotContain("2024-");
        String path = "/api/studies/" + fixture.studyId + "/worklist/" + fixture.scanCode;
        MockHttpServletResponse refused = perform(put(path).contentType(MediaType.APPLICATION_JSON)
                .content(read(0, false, 90, 20)), "reader");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).contains("add up to 100").contains("110");
        MockHttpServletResponse saved = perform(put(path).contentType(MediaType.APPLICATION_JSON).content(read(0, false, 0, 100)), "reader");
        assertThat(saved.getStatus()).isEqualTo(200);
        assertThat(json(saved).path("total").asDouble()).isEqualTo(200.0);
        // the imported readers scored 140 and 150; the reader's 200 is 50 points off: adjudication by an adjudicator who did not read it
        assertThat(perform(get("/api/studies/" + fixture.studyId + "/worklist"), "reader").getContentAsString()).doesNotContain("\"adjudication\":true");
        assertThat(perform(put(path).contentType(MediaType.APPLICATION_JSON).content(read(0, true, 40, 60)), "reader").getStatus()).isEqualTo(403);
        String adjudications = perform(get("/api/studies/" + fixture.studyId + "/worklist"), "adjudicator2").getContentAsString();
        assertThat(adjudications).contains("\"adjudication\":true");
        MockHttpServletResponse adjudicated = perform(put(path).contentType(MediaType.APPLICATION_JSON).content(read(0, true, 40, 60)), "adjudicator2");
        assertThat(adjudicated.getStatus()).isEqualTo(200);
        JsonNode results = json(perform(get("/api/studies/" + fixture.studyId + "/results"), "investigator"));
        assertThat(results.path("adjudicated_scan_codes").toString()).contains(fixture.scanCode);
    }

    private static String read(int version, boolean adjudication, int normal, int groundGlass)
    {
        StringBuilder zones = new StringBuilder();
        for (String zone : List.of("RU", "RM", "RL", "LU", "LM", "LL")) {
            zones.append(zones.length() == 0 ? "" : ",").append("{\"zone\":\"").append(zone).append("\",\"normal\":").append(normal)
                    .append(",\"ggo\":").append(groundGlass).append(",\"consolidation\":0,\"ggoTraction\":0,\"consolidationTraction\":0,\"honeycombing\":0}");
        }
        return "{\"version\":" + version + ",\"adjudication\":" + adjudication + ",\"zones\":[" + zones + "]}";
    }

    @Test
    void analystGetsDeidentifiedResultsOnly()
            throws Exception
    {
        JsonNode results = json(perform(get("/api/studies/" + fixture.studyId + "/results"), "analyst"));
        assertThat(results.path("n").asInt()).isEqualTo(3);
        assertThat(results.has("patients")).isFalse();
        String csv = perform(get("/api/studies/" + fixture.studyId + "/results/deidentified.csv"), "analyst").getContentAsString();
        assertThat(csv).startsWith("subject,admission_day,ae_onset_day");
        assertThat(csv).doesNotContain("P1").doesNotContain("2024-").doesNotContain("adverse event");
        assertThat(csv).contains("S01").contains("prior_jaki_stopped_for_ae").contains(",-9,");
        String counts = perform(get("/api/studies/" + fixture.studyId + "/results/counts.csv?suppressBelow=5"), "analyst").getContentAsString();
        assertThat(counts).contains("<5").doesNotContain(",3,");
    }

    @Test
    void studyWithoutCasesHasNoResultsYet()
            throws Exception
    {
        MockHttpServletResponse response = perform(get("/api/studies/" + fixture.otherStudyId + "/results"), "outsider");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("no cases");
    }

    @Test
    void workbookWithErrorsImportsNothingAndNamesSheetRowAndColumn()
            throws Exception
    {
        Path folder = TestFolders.folder("casebook-bad-workbook");
        new org.casebook.workbook.WorkbookWriter().writeCsvFolder(StudyFixture.workbook(2), folder);
        String cases = Files.readString(folder.resolve("cases.csv")).replace("2024-01-12", "2024-13-12");
        int before = context.getBean(org.casebook.store.cases.Cases.class).list(fixture.studyId).size();
        MockHttpServletResponse response = perform(multipart("/api/studies/" + fixture.studyId + "/import")
                .file(new MockMultipartFile("files", "cases.csv", "text/csv", cases.getBytes()))
                .file(new MockMultipartFile("files", "measurements.csv", "text/csv", Files.readAllBytes(folder.resolve("measurements.csv"))))
                .file(new MockMultipartFile("files", "ct_reads.csv", "text/csv", Files.readAllBytes(folder.resolve("ct_reads.csv")))), "investigator");
        assertThat(response.getStatus()).isEqualTo(400);
        JsonNode error = json(response).path("importErrors").get(0);
        assertThat(error.path("sheet").asText()).startsWith("cases");
        assertThat(error.path("row").asInt()).isEqualTo(2);
        assertThat(error.path("column").asText()).isEqualTo("admission_date");
        assertThat(context.getBean(org.casebook.store.cases.Cases.class).list(fixture.studyId)).hasSize(before);
    }

    @Test
    void investigatorGeneratesTheStudyReportAndDownloadsItsPdfAnalystGetsNone()
            throws Exception
    {
        String results = "/studies/" + fixture.studyId + "/results";
        assertThat(perform(get(results + "/report/report.pdf"), "investigator").getStatus()).isIn(200, 404);
        MockHttpServletResponse generated = perform(post(results + "/report"), "investigator");
        assertThat(generated.getStatus()).isEqualTo(302);
        assertThat(generated.getRedirectedUrl()).isEqualTo(results);

        MockHttpServletResponse pdf = perform(get(results + "/report/report.pdf"), "investigator");
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.getContentAsByteArray(), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF");
        MockHttpServletResponse html = perform(get(results + "/report/report.html"), "investigator");
        assertThat(html.getStatus()).isEqualTo(200);
        assertThat(html.getContentAsString()).contains("<html");
        MockHttpServletResponse xlsx = perform(get(results + "/report/tables.xlsx"), "investigator");
        assertThat(xlsx.getStatus()).isEqualTo(200);
        assertThat(xlsx.getContentAsByteArray()).startsWith((byte) 'P', (byte) 'K');

        String page = perform(get(results), "investigator").getContentAsString();
        assertThat(page).contains("Generate report").contains("/report/report.pdf");
        // the report lists patients by id: analysts neither generate nor fetch it, and the page says so
        assertThat(perform(post(results + "/report"), "analyst").getStatus()).isEqualTo(403);
        assertThat(perform(get(results + "/report/report.pdf"), "analyst").getStatus()).isEqualTo(403);
        String analystPage = perform(get(results), "analyst").getContentAsString();
        assertThat(analystPage).contains("report-withheld").doesNotContain("Generate report").doesNotContain("report.pdf");
    }

    @Test
    void investigatorImportsAScreeningOutputAndSeesItsFlowAndLog()
            throws Exception
    {
        String screening = "/studies/" + fixture.studyId + "/screening";
        String log = "case_no,patient_id,status,day0,encounter_id,reason,evidence,matched_by_text\n"
                + "1,p-0001,included,2024-01-10,enc-1,,\"ra=Condition/c1 glucocorticoid=MedicationRequest/m1\",\n"
                + "2,p-0002,excluded,,,no_ra,,\n";
        String flow = "{\"protocol\":\"seed\",\"patients_in_extract\":57,\"with_index_admission\":2,\"included\":1,"
                + "\"excluded_by_reason\":{\"no_ra\":1}}";
        MockHttpServletResponse bad = perform(multipart(screening)
                .file(new MockMultipartFile("log", "screening.csv", "text/csv", "a,b\n1,2\n".getBytes()))
                .file(new MockMultipartFile("flow", "flow.json", "application/json", flow.getBytes())), "investigator");
        assertThat(bad.getStatus()).isEqualTo(400);
        MockHttpServletResponse imported = perform(multipart(screening)
                .file(new MockMultipartFile("log", "screening.csv", "text/csv", log.getBytes()))
                .file(new MockMultipartFile("flow", "flow.json", "application/json", flow.getBytes())), "investigator");
        assertThat(imported.getStatus()).isEqualTo(302);
        String page = perform(get(screening), "investigator").getContentAsString();
        // the evidence as records in words, not the log's raw ids
        assertThat(page).contains("patients_in_extract").contains("57").contains("no_ra").contains("p-0001")
                .contains("Rheumatoid arthritis recorded on or before the admission date").contains("a diagnosis")
                .contains("Methylprednisolone started during the admission").contains("a prescription")
                .doesNotContain("Condition/c1").doesNotContain("MedicationRequest/m1");
        assertThat(perform(get(screening), "analyst").getStatus()).isEqualTo(403);
        assertThat(perform(get(screening), "reader").getStatus()).isEqualTo(403);
    }
}
