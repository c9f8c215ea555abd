package org.casebook.web;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.protocol.Protocols;
import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.Cases;
import org.casebook.store.study.Studies;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
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

/**
 * The screening API and page through the full security filter chain: importing a zipped
 * screening output with its cases, review decisions and their rules, a stale decision, and bad
 * uploads that store nothing. Each test works on its own study. Subclasses run it on SQLite and
 * on PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScreeningApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ApplicationContext context;

    private StudyFixture fixture;

    @BeforeAll
    void seed()
    {
        fixture = StudyFixture.seed(context, "");
    }

    /** A new study with {@code investigator} and {@code investigator2} (created once) as investigators. */
    private long newStudy()
    {
        Users users = context.getBean(Users.class);
        if (!users.usernames().contains("investigator2")) {
            users.add("investigator2", "{noop}unused", false, "test");
        }
        long studyId = context.getBean(Studies.class).create("screening " + System.nanoTime(), Protocols.SEED, 30, "test").id();
        users.grant(studyId, "investigator", StudyRole.INVESTIGATOR, false, "test");
        users.grant(studyId, "investigator2", StudyRole.INVESTIGATOR, false, "test");
        return studyId;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String who)
            throws Exception
    {
        return mvc.perform(request.with(user(who).roles("USER")).with(csrf())).andReturn().getResponse();
    }

    private static JsonNode json(MockHttpServletResponse response)
            throws Exception
    {
        return JSON.readTree(response.getContentAsString());
    }

    private MockHttpServletResponse importZip(long studyId, Map<String, String> files)
            throws Exception
    {
        return perform(multipart("/api/studies/" + studyId + "/screening/import")
                .file(new MockMultipartFile("output", "out.zip", "application/zip", ScreeningOutputs.zip(files))), "investigator");
    }

    private MockHttpServletResponse review(long studyId, String patientId, int version, String decision, String answers, String reason, String who)
            throws Exception
    {
        String[] a = answers.split(",");
        String body = "{\"version\":" + version + ",\"decision\":\"" + decision + "\",\"reason\":\"" + reason + "\",\"answers\":{"
                + "\"ra_ild\":\"" + a[0] + "\",\"acute_worsening\":\"" + a[1] + "\",\"new_bilateral_opacities\":\"" + a[2]
                + "\",\"not_cardiac_or_fluid\":\"" + a[3] + "\"}}";
        return perform(post("/api/studies/" + studyId + "/screening/patients/" + patientId + "/review")
                .contentType(MediaType.APPLICATION_JSON).content(body), who);
    }

    @Test
    void investigatorImportsAZippedOutputWithItsCasesAndConfirmsAPatient()
            throws Exception
    {
        long studyId = fixture.studyId;
        MockHttpServletResponse imported = importZip(studyId, ScreeningOutputs.files());
        assertThat(imported.getStatus()).isEqualTo(200);
        JsonNode summary = json(imported);
        assertThat(summary.path("patients").asInt()).isEqualTo(4);
        assertThat(summary.path("included").asInt()).isEqualTo(3);
        assertThat(summary.path("casesImported").asInt()).isEqualTo(2);
        assertThat(summary.path("casesAlreadyInStudy").asInt()).isZero();
        assertThat(context.getBean(Cases.class).list(studyId)).extracting(CaseSummary::patientId).containsExactly("P1", "P2", "P3", "SC1", "SC2");

        MockHttpServletResponse confirmed = review(studyId, "SC1", 0, "confirmed", "yes,yes,yes,yes", "typical AE on fibrotic background", "investigator");
        assertThat(confirmed.getStatus()).isEqualTo(200);
        assertThat(json(confirmed).path("version").asInt()).isEqualTo(1);
        assertThat(json(confirmed).path("answers").path("new_bilateral_opacities").asText()).isEqualTo("yes");

        JsonNode screening = json(perform(get("/api/studies/" + studyId + "/screening"), "investigator"));
        assertThat(screening.path("flow").path("patients_in_extract").asInt()).isEqualTo(300);
        assertThat(screening.path("checklist").path("items").size()).isEqualTo(4);
        assertThat(screening.path("patients").size()).isEqualTo(4);
        JsonNode first = screening.path("patients").get(0);
        assertThat(first.path("row").path("patientId").asText()).isEqualTo("SC1");
        assertThat(first.path("review").path("decision").asText()).isEqualTo("confirmed");
        assertThat(first.path("review").path("reviewer").asText()).isEqualTo("investigator");
        assertThat(screening.path("patients").get(3).path("row").path("status").asText()).isEqualTo("excluded");

        // a second import of the same output: the decision stays, the cases are left as they are
        JsonNode again = json(importZip(studyId, ScreeningOutputs.files()));
        assertThat(again.path("casesImported").asInt()).isZero();
        assertThat(again.path("casesAlreadyInStudy").asInt()).isEqualTo(2);
        assertThat(again.path("reviewsKept").asInt()).isEqualTo(1);
        String page = perform(get("/studies/" + studyId + "/screening"), "investigator").getContentAsString();
        assertThat(page).contains("review-form-SC1").contains("confirmed AE").contains("typical AE on fibrotic background")
                .contains("patients_in_extract").doesNotContain("review-form-X9");
        assertThat(context.getBean(AuditTrail.class).forStudy(studyId)).extracting(AuditEntry::field)
                .contains("screening import", "decision", "checklist.ra_ild");
    }

    @Test
    void theScreeningPageListsIncludedPatientsAPageAtATimeWithProgressAndFilters()
            throws Exception
    {
        long studyId = newStudy();
        // 60 screened: 30 included (S1, S3, …, S59), 30 excluded at ra, glucocorticoid or jak_inhibitor
        context.getBean(org.casebook.store.screening.Screenings.class).importOutput(studyId, PageTimingTest.screeningLog(60),
                java.util.Optional.empty(), "test");
        assertThat(review(studyId, "S3", 0, "confirmed", "yes,yes,yes,yes", "all criteria met", "investigator").getStatus()).isEqualTo(200);
        String page = perform(get("/studies/" + studyId + "/screening"), "investigator").getContentAsString();
        assertThat(reviewForms(page)).hasSize(25).startsWith("S1", "S3");
        assertThat(page).contains("<span>1</span> reviewed, <span>29</span> to review").contains("aria-label=\"next page\"");
        assertThat(reviewForms(perform(get("/studies/" + studyId + "/screening").param("page", "2"), "investigator").getContentAsString()))
                .containsExactly("S51", "S53", "S55", "S57", "S59");
        assertThat(reviewForms(perform(get("/studies/" + studyId + "/screening").param("status", "reviewed"), "investigator").getContentAsString()))
                .containsExactly("S3");
        assertThat(reviewForms(perform(get("/studies/" + studyId + "/screening").param("status", "to-review").param("search", "s5"), "investigator")
                .getContentAsString())).containsExactly("S5", "S51", "S53", "S55", "S57", "S59");
        String excluded = perform(get("/studies/" + studyId + "/screening").param("reason", "glucocorticoid"), "investigator").getContentAsString();
        String table = excluded.substring(excluded.indexOf("<table id=\"excluded\">"));
        // the criterion not met in the protocol's words, not its id
        assertThat(table.substring(0, table.indexOf("</table>"))).contains("Methylprednisolone started during the admission")
                .doesNotContain("A JAK inhibitor started").doesNotContain("Rheumatoid arthritis recorded").doesNotContain(">glucocorticoid<");
        assertThat(perform(get("/studies/" + studyId + "/screening").param("status", "maybe"), "investigator").getStatus()).isEqualTo(400);
        // a decision on a patient of page 2 comes back to page 2
        MockHttpServletResponse saved = perform(post("/studies/" + studyId + "/screening/patients/S55/review").param("version", "0")
                .param("decision", "rejected").param("answer.ra_ild", "no").param("answer.acute_worsening", "yes")
                .param("answer.new_bilateral_opacities", "yes").param("answer.not_cardiac_or_fluid", "yes").param("reason", "no RA-ILD"), "investigator");
        assertThat(saved.getRedirectedUrl()).isEqualTo("/studies/" + studyId + "/screening?page=2#review-S55");
    }

    @Test
    void eachCriterionsEvidenceIsShownAsARecordWithWhatItGaveTheCaseNotAsRawIds()
            throws Exception
    {
        long studyId = newStudy();
        Map<String, String> files = ScreeningOutputs.files();
        files.put("out/cases/provenance.csv", "patient_id,field,timepoint,value,resource_type,resource_id,file,line\n"
                + "SC1,admission_date,,2024-01-11,Encounter,enc-1,Encounter.ndjson,3\n"
                + "SC1,discharge_date,,2024-01-25,Encounter,enc-1,Encounter.ndjson,3\n"
                + "SC1,pao2,onset,62,Observation,o7,Observation.ndjson,9\n");
        assertThat(importZip(studyId, files).getStatus()).isEqualTo(200);
        String page = perform(get("/studies/" + studyId + "/screening"), "investigator").getContentAsString();
        String sc1 = page.substring(page.indexOf("id=\"evidence-SC1\""), page.indexOf("</table>", page.indexOf("id=\"evidence-SC1\"")));
        assertThat(sc1).contains("Inpatient admission for ILD starting within the study window").contains("an admission or visit")
                .contains("Admission date: 2024-01-11").contains("Discharge date: 2024-01-25")
                .contains("Rheumatoid arthritis recorded on or before the admission date").contains("a diagnosis")
                .contains("nothing further (the record only had to exist)");
        // SC2's RA was found by a text term only: said in words
        assertThat(page).contains("Met by a text term only, not a code: Rheumatoid arthritis recorded on or before the admission date");
        // no raw record ids or criterion ids anywhere on the page
        assertThat(page).doesNotContain("Encounter/enc-1").doesNotContain("Condition/c1").doesNotContain("index_admission=")
                .doesNotContain("matched by text: ra");
        // the excluded patient: the criterion not met and those met, in words
        String excluded = page.substring(page.indexOf("<table id=\"excluded\">"));
        assertThat(excluded.substring(0, excluded.indexOf("</table>"))).contains("Rheumatoid arthritis recorded on or before the admission date")
                .contains("Inpatient admission for ILD starting within the study window: an admission or visit");
        // a re-import without provenance keeps the records, without their values
        assertThat(importZip(studyId, ScreeningOutputs.files()).getStatus()).isEqualTo(200);
        String again = perform(get("/studies/" + studyId + "/screening"), "investigator").getContentAsString();
        assertThat(again).contains("id=\"evidence-SC1\"").doesNotContain("Admission date: 2024-01-11");
    }

    @Test
    void eachEvidenceRecordShowsItsDisplayDateAndValueFromEvidenceCsvNeverItsCode()
            throws Exception
    {
        long studyId = newStudy();
        Map<String, String> files = ScreeningOutputs.files();
        files.put("out/evidence.csv", "patient_id,criterion,resource,kind,code_system,code,display,date,value,unit\n"
                + "SC1,index_admission,Encounter/enc-1,encounter,http://hl7.org/fhir/sid/icd-10-cm,J84.10,\"Pulmonary fibrosis, unspecified\",2024-01-11T09:30:00+09:00,,\n"
                + "SC1,ra,Condition/c1,condition,http://hl7.org/fhir/sid/icd-10-cm,M05.79,Rheumatoid arthritis with rheumatoid factor,2019-03,,\n"
                + "SC2,index_admission,Encounter/enc-2,encounter,,,,2024-01-12,,\n"
                + "X9,index_admission,Encounter/enc-9,encounter,http://hl7.org/fhir/sid/icd-10-cm,J84.10,Pulmonary fibrosis,2024-02-01,,\n");
        assertThat(importZip(studyId, files).getStatus()).isEqualTo(200);
        String page = perform(get("/studies/" + studyId + "/screening"), "investigator").getContentAsString();
        String sc1 = page.substring(page.indexOf("id=\"evidence-SC1\""), page.indexOf("</table>", page.indexOf("id=\"evidence-SC1\"")));
        assertThat(sc1).contains("Pulmonary fibrosis, unspecified, 2024-01-11 09:30").contains("Rheumatoid arthritis with rheumatoid factor, 2019-03");
        // a record without a display shows its date alone; the excluded patient's record is described too
        String sc2 = page.substring(page.indexOf("id=\"evidence-SC2\""), page.indexOf("</table>", page.indexOf("id=\"evidence-SC2\"")));
        assertThat(sc2).contains(">2024-01-12<");
        String excluded = page.substring(page.indexOf("<table id=\"excluded\">"));
        assertThat(excluded.substring(0, excluded.indexOf("</table>"))).contains("an admission or visit: Pulmonary fibrosis, 2024-02-01");
        // codes and record ids stay out of what a person reads
        assertThat(page).doesNotContain("J84.10").doesNotContain("M05.79").doesNotContain("icd-10-cm").doesNotContain("enc-1").doesNotContain("+09:00");
        // an output without evidence.csv (an older casebook) still imports, its records not described
        assertThat(importZip(studyId, ScreeningOutputs.files()).getStatus()).isEqualTo(200);
        String again = perform(get("/studies/" + studyId + "/screening"), "investigator").getContentAsString();
        assertThat(again).contains("id=\"evidence-SC1\"").contains("not described by this screening output").doesNotContain("Pulmonary fibrosis");
    }

    @Test
    void aBadEvidenceCsvIsRefusedNamingItsLineAndColumnAndNothingIsImported()
            throws Exception
    {
        long studyId = newStudy();
        Map<String, String> files = ScreeningOutputs.files();
        files.put("out/evidence.csv", "patient_id,criterion,resource,kind,code_system,code,display,date,value,unit\n"
                + "SC1,ra,Condition/c1,condition,,,,2019-03,,\n"
                + "SC1,index_admission,Encounter/enc-1,encounter,,,," + "9".repeat(51) + ",,\n");
        MockHttpServletResponse refused = importZip(studyId, files);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("evidence.csv line 3, column date: 51 characters, expected at most 50");
        assertThat(perform(get("/studies/" + studyId + "/screening"), "investigator").getContentAsString()).doesNotContain("id=\"evidence-SC1\"");
        files.put("out/evidence.csv", "patient_id,criterion,resource\nSC1,ra,Condition/c1\n");
        assertThat(importZip(studyId, files).getContentAsString()).contains("evidence.csv line 1 has no column kind");
    }

    private static java.util.List<String> reviewForms(String html)
    {
        return java.util.regex.Pattern.compile("<section class=\"review\" id=\"review-([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }

    @Test
    void openApiDocumentDescribesTheScreeningRoutes()
            throws Exception
    {
        JsonNode paths = json(perform(get("/v3/api-docs"), "investigator")).path("paths");
        assertThat(paths.path("/api/studies/{studyId}/screening").has("get")).isTrue();
        assertThat(paths.path("/api/studies/{studyId}/screening/import").has("post")).isTrue();
        assertThat(paths.path("/api/studies/{studyId}/screening/patients/{patientId}/review").path("post").path("summary").asText())
                .contains("acute-exacerbation checklist");
    }

    @Test
    void decisionsBreakingTheRulesOrMadeOnAStaleVersionAreRefused()
            throws Exception
    {
        long studyId = newStudy();
        assertThat(importZip(studyId, ScreeningOutputs.files()).getStatus()).isEqualTo(200);

        MockHttpServletResponse noReason = review(studyId, "SC2", 0, "rejected", "yes,no,yes,yes", " ", "investigator");
        assertThat(noReason.getStatus()).isEqualTo(400);
        assertThat(json(noReason).path("fieldErrors").path("reason").asText()).contains("reason is required");
        MockHttpServletResponse confirmWithNo = review(studyId, "SC2", 0, "confirmed", "yes,yes,yes,no", "fits", "investigator");
        assertThat(confirmWithNo.getStatus()).isEqualTo(400);
        assertThat(json(confirmWithNo).path("fieldErrors").path("decision").asText()).contains("rejected, not confirmed AE");
        assertThat(review(studyId, "X9", 0, "rejected", "no,yes,yes,yes", "no RA", "investigator").getStatus()).isEqualTo(400);
        assertThat(review(studyId, "NOBODY", 0, "rejected", "no,yes,yes,yes", "no RA", "investigator").getStatus()).isEqualTo(404);

        assertThat(review(studyId, "SC2", 0, "suspected", "yes,yes,unknown,yes", "no CT during the stay", "investigator").getStatus()).isEqualTo(200);
        MockHttpServletResponse stale = review(studyId, "SC2", 0, "rejected", "yes,no,yes,yes", "chronic", "investigator2");
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(json(stale).path("error").asText()).contains("decision on patient SC2").contains("'suspected'").contains("no CT during the stay");
        assertThat(json(stale).path("otherChanges").get(0).path("username").asText()).isEqualTo("investigator");

        // the same on the page: the form comes back with the other decision named
        MockHttpServletResponse page = perform(post("/studies/" + studyId + "/screening/patients/SC2/review")
                .param("version", "0").param("decision", "rejected").param("reason", "chronic")
                .param("answer.ra_ild", "yes").param("answer.acute_worsening", "no")
                .param("answer.new_bilateral_opacities", "yes").param("answer.not_cardiac_or_fluid", "yes"), "investigator2");
        assertThat(page.getStatus()).isEqualTo(409);
        assertThat(page.getContentAsString()).contains("conflict-SC2").contains("suspected").contains("investigator at");
        MockHttpServletResponse missingReason = perform(post("/studies/" + studyId + "/screening/patients/SC1/review")
                .param("version", "0").param("decision", "confirmed").param("reason", "")
                .param("answer.ra_ild", "yes").param("answer.acute_worsening", "yes")
                .param("answer.new_bilateral_opacities", "yes").param("answer.not_cardiac_or_fluid", "yes"), "investigator");
        assertThat(missingReason.getStatus()).isEqualTo(400);
        assertThat(missingReason.getContentAsString()).contains("reason-error-SC1").contains("a reason is required");

        MockHttpServletResponse redecided = review(studyId, "SC2", 1, "rejected", "yes,no,yes,yes", "chronic progression on review", "investigator2");
        assertThat(redecided.getStatus()).isEqualTo(200);
        assertThat(json(redecided).path("version").asInt()).isEqualTo(2);
        assertThat(json(redecided).path("reviewer").asText()).isEqualTo("investigator2");
    }

    @Test
    void badUploadsNameFileLineAndColumnAndStoreNothing()
            throws Exception
    {
        long studyId = newStudy();
        Map<String, String> badLog = ScreeningOutputs.files();
        badLog.put("out/screening.csv", ScreeningOutputs.LOG.replace("2024-01-12", "2024-13-12"));
        MockHttpServletResponse refused = importZip(studyId, badLog);
        assertThat(refused.getStatus()).isEqualTo(400);
        JsonNode error = json(refused).path("fileErrors").get(0);
        assertThat(error.path("file").asText()).isEqualTo("screening.csv");
        assertThat(error.path("line").asInt()).isEqualTo(3);
        assertThat(error.path("column").asText()).isEqualTo("day0");
        assertThat(error.path("value").asText()).isEqualTo("2024-13-12");

        Map<String, String> badCases = ScreeningOutputs.files();
        badCases.put("out/cases/cases.csv", badCases.get("out/cases/cases.csv").replace("2024-01-12", "2024-13-12"));
        MockHttpServletResponse badCell = importZip(studyId, badCases);
        assertThat(badCell.getStatus()).isEqualTo(400);
        JsonNode issue = json(badCell).path("importErrors").get(0);
        assertThat(issue.path("sheet").asText()).startsWith("cases");
        assertThat(issue.path("row").asInt()).isEqualTo(2);
        assertThat(issue.path("column").asText()).isEqualTo("admission_date");

        Map<String, String> escaping = ScreeningOutputs.files();
        escaping.put("out/../../evil.csv", "x");
        MockHttpServletResponse traversal = importZip(studyId, escaping);
        assertThat(traversal.getStatus()).isEqualTo(400);
        assertThat(json(traversal).path("error").asText()).contains("points outside its folder");
        MockHttpServletResponse notZip = perform(multipart("/api/studies/" + studyId + "/screening/import")
                .file(new MockMultipartFile("output", "out.zip", "application/zip", "not a zip".getBytes())), "investigator");
        assertThat(notZip.getStatus()).isEqualTo(400);

        assertThat(perform(get("/api/studies/" + studyId + "/screening"), "investigator").getStatus()).isEqualTo(404);
        assertThat(context.getBean(Cases.class).list(studyId)).isEmpty();
        String page = perform(get("/studies/" + studyId + "/screening"), "investigator").getContentAsString();
        assertThat(page).contains("No screening output imported yet");
    }
}
