package org.casebook.web;

import java.io.StringReader;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.store.StudyDatabase;
import org.casebook.store.cases.Cases;
import org.casebook.store.ct.CtReading;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.web.security.PasswordHashing;
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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The security and privacy holes of issue 10, each as the attack that used to get through and
 * is now refused: the PACS accession on the reader's worklist, edits the importer would refuse,
 * free text in agent fields, CSV and formula injection into the exports, role mixing, and
 * sessions that outlive a disable, reset or password change. Subclasses run it on SQLite and on
 * PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityApiTest
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
        Users users = context.getBean(Users.class);
        String hash = PasswordHashing.encoder().encode(StudyFixture.PASSWORD);
        for (String user : List.of("sam", "tess", "uma", "vic", "wes")) {
            users.add(user, hash, false, "test");
        }
        users.grant(fixture.studyId, "sam", StudyRole.READER, false, "test");
        users.grant(fixture.studyId, "uma", StudyRole.INVESTIGATOR, false, "test");
    }

    /** Logs in through the login form, as a browser does; the session is registered like a real one. */
    private MockHttpSession login(String username, String password)
            throws Exception
    {
        MvcResult result = mvc.perform(formLogin("/login").user(username).password(password)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).as("login of " + username).endsWith("/studies");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private int status(MockHttpSession session, MockHttpServletRequestBuilder request)
            throws Exception
    {
        return mvc.perform(request.session(session).with(csrf())).andReturn().getResponse().getStatus();
    }

    private MockHttpServletResponse asAdmin(MockHttpServletRequestBuilder request)
            throws Exception
    {
        return mvc.perform(request.with(user("admin").roles("USER", "ADMIN")).with(csrf())).andReturn().getResponse();
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

    private long caseId(int index)
    {
        return context.getBean(Cases.class).list(fixture.studyId).get(index).id();
    }

    private int version(long caseId)
            throws Exception
    {
        return json(perform(get(casePath(caseId)), "investigator")).path("summary").path("version").asInt();
    }

    /** A PUT of case-field edits ({@code column, value, column, value, …}) with an optional reason. */
    private MockHttpServletResponse editCase(long caseId, String reason, String... columnsAndValues)
            throws Exception
    {
        ObjectNode body = JSON.createObjectNode();
        body.put("version", version(caseId));
        body.put("reason", reason);
        ArrayNode edits = body.putArray("edits");
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            edits.addObject().put("timepoint", "").put("variable", columnsAndValues[i]).put("value", columnsAndValues[i + 1]);
        }
        return perform(put(casePath(caseId) + "/values").contentType(MediaType.APPLICATION_JSON).content(body.toString()), "investigator");
    }

    private static List<CSVRecord> parse(String csv)
            throws Exception
    {
        return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
    }

    @Test
    void editsAreRefusedByTheImportersRules()
            throws Exception
    {
        long caseId = caseId(1);
        int before = version(caseId);
        MockHttpServletResponse refused = editCase(caseId, null, "age", "300", "bmi", "1e300", "jaki_agent", "Dr. John Smith, MRN 00123456, 12 Main St 02139");
        assertThat(refused.getStatus()).isEqualTo(400);
        JsonNode fieldErrors = json(refused).path("fieldErrors");
        // the seed protocol's case schema (the importer's own check), in its words
        assertThat(fieldErrors.path("age").asText()).isEqualTo("age: '300': expected a number from 0 to 120");
        assertThat(fieldErrors.path("bmi").asText()).isEqualTo("bmi: '1e300': expected a number from 5 to 100");
        assertThat(fieldErrors.path("jaki_agent").asText())
                .isEqualTo("jaki_agent: 'Dr. John Smith, MRN 00123456, 12 Main St 02139': expected one of tofacitinib, baricitinib, upadacitinib, filgotinib, peficitinib");

        // the case's admission is 2024-01-12: a discharge before it is refused, as the importer refuses it
        MockHttpServletResponse discharge = editCase(caseId, null, "discharge_date", "2024-01-02");
        assertThat(discharge.getStatus()).isEqualTo(400);
        assertThat(json(discharge).path("fieldErrors").path("discharge_date").asText()).contains("before the admission date 2024-01-12");
        // and moving the admission after a stored discharge is refused the same way
        assertThat(editCase(caseId, null, "discharge_date", "2024-02-01").getStatus()).isEqualTo(200);
        MockHttpServletResponse admission = editCase(caseId, null, "admission_date", "2024-03-01");
        assertThat(admission.getStatus()).isEqualTo(400);
        assertThat(json(admission).path("fieldErrors").path("discharge_date").asText()).contains("before the admission date 2024-03-01");

        MockHttpServletResponse tooLong = editCase(caseId, null, "prior_jaki_stop_reason", "x".repeat(1001));
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(json(tooLong).path("fieldErrors").path("prior_jaki_stop_reason").asText()).endsWith("expected text of at most 1000 characters, found 1001");
        assertThat(editCase(caseId, "r".repeat(1001), "age", "70").getStatus()).isEqualTo(400);

        assertThat(version(caseId)).isEqualTo(before + 1);
        assertThat(editCase(caseId, null, "age", "71", "jaki_agent", "Tofacitinib").getStatus()).isEqualTo(200);
    }

    @Test
    void historyCsvKeepsLineBreaksInsideCellsAndNeutralisesFormulas()
            throws Exception
    {
        long caseId = caseId(2);
        assertThat(editCase(caseId, "@SUM(1+1)*cmd|' /C calc'!A0", "prior_jaki_stop_reason", "=HYPERLINK(\"http://evil\")\nP99,fake row").getStatus())
                .isEqualTo(200);
        String csv = perform(get(casePath(caseId) + "/history.csv"), "investigator").getContentAsString();
        List<CSVRecord> records = parse(csv);
        CSVRecord last = records.get(records.size() - 1);
        assertThat(last.size()).isEqualTo(10);
        assertThat(records.get(0).get(8)).isEqualTo("new_value");
        assertThat(last.get(8)).isEqualTo("'=HYPERLINK(\"http://evil\")\nP99,fake row");
        assertThat(last.get(9)).isEqualTo("'@SUM(1+1)*cmd|' /C calc'!A0");
        assertThat(records).allSatisfy(record -> assertThat(record.size()).isEqualTo(10));
    }

    @Test
    void deidentifiedExportHasNoFreeTextAndOneRowPerPatient()
            throws Exception
    {
        // free text stored in an agent field before agents were checked (written past the validation, as old data would be):
        // the case is read back by the protocol's schema, which leaves the refused value out, so it never leaves the site
        long caseId = caseId(0);
        context.getBean(StudyDatabase.class).inTransaction(handle -> handle.createUpdate(
                        "UPDATE case_values SET value = :v WHERE case_id = :c AND timepoint = '' AND variable = 'jaki_agent'")
                .bind("v", "=cmd|' /C calc'!A0\nS77,Dr. John Smith MRN 00123456").bind("c", caseId).execute());
        String csv = perform(get("/api/studies/" + fixture.studyId + "/results/deidentified.csv"), "analyst").getContentAsString();
        List<CSVRecord> records = parse(csv);
        assertThat(records).hasSize(4);
        assertThat(records).allSatisfy(record -> assertThat(record.size()).isEqualTo(records.get(0).size()));
        assertThat(csv).doesNotContain("John Smith").doesNotContain("calc").doesNotContain("S77");
        int agent = records.get(0).toList().indexOf("jaki_agent");
        assertThat(records.subList(1, 4).stream().map(record -> record.get(agent)).toList()).contains("").allMatch(List.of("",
                "baricitinib", "upadacitinib", "tofacitinib")::contains);
        // a negative day stays a number for the spreadsheet
        assertThat(records.get(1).toList()).contains("-9");

        JsonNode results = json(perform(get("/api/studies/" + fixture.studyId + "/results"), "analyst"));
        assertThat(results.path("agents").toString()).doesNotContain("John Smith").doesNotContain("calc");
        String counts = perform(get("/api/studies/" + fixture.studyId + "/results/counts.csv"), "analyst").getContentAsString();
        assertThat(counts).doesNotContain("John Smith").doesNotContain("calc").contains("agent upadacitinib");
        assertThat(parse(counts)).allSatisfy(record -> assertThat(record.size()).isEqualTo(3));
    }

    @Test
    void readersWorklistShowsNoAccessionWhichIsOpenedOnExplicitActionOnlyAndCanBeHidden()
            throws Exception
    {
        String worklist = "/api/studies/" + fixture.studyId + "/worklist";
        String api = perform(get(worklist), "reader").getContentAsString();
        assertThat(api).contains(fixture.scanCode).doesNotContain("ACC-").doesNotContain("accession");
        String page = perform(get("/studies/" + fixture.studyId + "/worklist"), "reader").getContentAsString();
        assertThat(page).contains(fixture.scanCode).doesNotContain("ACC-");
        String form = perform(get("/studies/" + fixture.studyId + "/worklist/" + fixture.scanCode), "reader").getContentAsString();
        assertThat(form).contains("open-accession").doesNotContain("ACC-");

        MockHttpServletResponse opened = perform(post(worklist + "/" + fixture.scanCode + "/accession"), "reader");
        assertThat(opened.getStatus()).isEqualTo(200);
        assertThat(json(opened).path("accession").asText()).startsWith("ACC-");
        assertThat(perform(post("/studies/" + fixture.studyId + "/worklist/" + fixture.scanCode + "/accession"), "reader").getContentAsString())
                .contains("id=\"accession\"").contains("ACC-");
        // each opening is in the audit trail, under the reader's name
        long scanId = context.getBean(CtReading.class).findScan(fixture.studyId, fixture.scanCode).orElseThrow().id();
        assertThat(context.getBean(AuditTrail.class).forEntity("ct_scan", scanId))
                .filteredOn(entry -> entry.field().equals("accession_opened")).extracting(AuditEntry::username).containsExactly("reader", "reader");
        // a reader not assigned the scan gets nothing
        assertThat(perform(post(worklist + "/" + fixture.scanCode + "/accession"), "sam").getStatus()).isEqualTo(404);

        assertThat(asAdmin(put("/api/studies/" + fixture.studyId + "/settings").contentType(MediaType.APPLICATION_JSON)
                .content("{\"readersSeeAccession\":false}")).getStatus()).isEqualTo(200);
        try {
            MockHttpServletResponse hidden = perform(post(worklist + "/" + fixture.scanCode + "/accession"), "reader");
            assertThat(hidden.getStatus()).isEqualTo(403);
            assertThat(json(hidden).path("error").asText()).contains("hides PACS accession numbers");
            assertThat(perform(get("/studies/" + fixture.studyId + "/worklist/" + fixture.scanCode), "reader").getContentAsString())
                    .contains("accession-hidden").doesNotContain("open-accession");
        }
        finally {
            asAdmin(put("/api/studies/" + fixture.studyId + "/settings").contentType(MediaType.APPLICATION_JSON).content("{\"readersSeeAccession\":true}"));
        }
    }

    @Test
    void roleRulesRefuseAnInvestigatorAsReaderAndScansForNonReaders()
            throws Exception
    {
        String members = "/api/studies/" + fixture.studyId + "/members";
        MockHttpServletResponse refused = asAdmin(post(members).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"investigator\",\"role\":\"READER\",\"adjudicator\":true}"));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).contains("cannot also be a READER");
        assertThat(asAdmin(post(members).contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus()).isEqualTo(400);

        String assignments = "/api/studies/" + fixture.studyId + "/scans/assignments";
        MockHttpServletResponse toInvestigator = perform(post(assignments).contentType(MediaType.APPLICATION_JSON).content("{\"reader\":\"investigator\"}"),
                "investigator");
        assertThat(toInvestigator.getStatus()).isEqualTo(400);
        assertThat(json(toInvestigator).path("error").asText()).contains("is not a reader of this study");
        assertThat(perform(post(assignments).contentType(MediaType.APPLICATION_JSON).content("{\"reader\":\"outsider\"}"), "investigator").getStatus())
                .isEqualTo(400);
        assertThat(perform(post(assignments).contentType(MediaType.APPLICATION_JSON).content("{}"), "investigator").getStatus()).isEqualTo(400);
        assertThat(perform(post(assignments).contentType(MediaType.APPLICATION_JSON).content("{\"reader\":\"sam\"}"), "investigator").getStatus())
                .isEqualTo(200);
    }

    @Test
    void adminRemovesAMemberAndChangesARole()
            throws Exception
    {
        String study = "/api/studies/" + fixture.studyId;
        assertThat(perform(get(study + "/cases"), "uma").getStatus()).isEqualTo(200);
        MockHttpServletResponse changed = asAdmin(put(study + "/members/uma").contentType(MediaType.APPLICATION_JSON)
                .content("{\"role\":\"ANALYST\"}"));
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(perform(get(study + "/cases"), "uma").getStatus()).isEqualTo(403);
        assertThat(perform(get(study + "/results"), "uma").getStatus()).isEqualTo(200);
        assertThat(asAdmin(delete(study + "/members/uma")).getStatus()).isEqualTo(200);
        // no role left: the study answers as one that does not exist
        assertThat(perform(get(study), "uma").getStatus()).isEqualTo(404);
        assertThat(asAdmin(delete(study + "/members/uma")).getStatus()).isEqualTo(404);
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndRefusesItsLogin()
            throws Exception
    {
        MockHttpSession session = login("tess", StudyFixture.PASSWORD);
        assertThat(status(session, get("/api/me"))).isEqualTo(200);
        assertThat(asAdmin(put("/api/users/tess/disabled").contentType(MediaType.APPLICATION_JSON).content("{\"disabled\":true}")).getStatus())
                .isEqualTo(200);
        MockHttpServletResponse ended = mvc.perform(get("/api/me").session(session)).andReturn().getResponse();
        assertThat(ended.getStatus()).isEqualTo(401);
        assertThat(ended.getContentAsString()).contains("your session has ended");
        assertThat(mvc.perform(formLogin("/login").user("tess").password(StudyFixture.PASSWORD)).andReturn().getResponse().getRedirectedUrl())
                .contains("/login?error");
        assertThat(asAdmin(put("/api/users/tess/disabled").contentType(MediaType.APPLICATION_JSON).content("{\"disabled\":false}")).getStatus())
                .isEqualTo(200);
        login("tess", StudyFixture.PASSWORD);
        assertThat(asAdmin(put("/api/users/admin/disabled").contentType(MediaType.APPLICATION_JSON).content("{\"disabled\":true}")).getStatus())
                .isEqualTo(400);
        assertThat(asAdmin(put("/api/users/tess/disabled").contentType(MediaType.APPLICATION_JSON).content("{}")).getStatus()).isEqualTo(400);
    }

    @Test
    void aPasswordResetGivesAOneTimePasswordAndEndsTheSessions()
            throws Exception
    {
        MockHttpSession session = login("vic", StudyFixture.PASSWORD);
        MockHttpServletResponse reset = asAdmin(post("/api/users/vic/password-reset"));
        assertThat(reset.getStatus()).isEqualTo(200);
        String oneTime = json(reset).path("oneTimePassword").asText();
        assertThat(oneTime).hasSizeGreaterThanOrEqualTo(20);
        assertThat(mvc.perform(get("/api/me").session(session)).andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(mvc.perform(formLogin("/login").user("vic").password(StudyFixture.PASSWORD)).andReturn().getResponse().getRedirectedUrl())
                .contains("/login?error");
        MockHttpSession fresh = login("vic", oneTime);
        // the one-time password must be replaced before anything else
        assertThat(mvc.perform(get("/studies").session(fresh)).andReturn().getResponse().getRedirectedUrl()).contains("/account/password");
        assertThat(asAdmin(post("/api/users/nobody/password-reset")).getStatus()).isEqualTo(404);
    }

    @Test
    void aPasswordChangeEndsTheUsersOtherSessionsButNotThisOne()
            throws Exception
    {
        MockHttpSession here = login("sam", StudyFixture.PASSWORD);
        MockHttpSession elsewhere = login("sam", StudyFixture.PASSWORD);
        String newPassword = "a much better passphrase 42";
        MockHttpServletResponse changed = mvc.perform(post("/account/password").session(here).with(csrf())
                .param("current", StudyFixture.PASSWORD).param("password", newPassword).param("confirmation", newPassword)).andReturn().getResponse();
        assertThat(changed.getRedirectedUrl()).isEqualTo("/studies");
        assertThat(status(here, get("/api/me"))).isEqualTo(200);
        MockHttpServletResponse ended = mvc.perform(get("/studies").session(elsewhere)).andReturn().getResponse();
        assertThat(ended.getRedirectedUrl()).isEqualTo("/login?ended");
        login("sam", newPassword);
    }

    @Test
    void passwordsOfUpTo128CharactersWorkAndOnesContainingTheUserNameOrCommonOnesAreRefused()
            throws Exception
    {
        MockHttpSession session = login("wes", StudyFixture.PASSWORD);
        String tooLong = "Grüße aus Zürich, ".repeat(8);
        String withName = "my name is Wes and this is long";
        // among the most common leaked passwords, or made of a keyboard walk, a repeat or a sequence
        List<String> common = List.of("password1234", "qwertyuiop123", "1qaz2wsx3edc", "passwordpassword", "üüüüüüüüüüüüüü", "123456789012");
        for (String refused : java.util.stream.Stream.concat(java.util.stream.Stream.of(tooLong, withName), common.stream()).toList()) {
            MockHttpServletResponse response = mvc.perform(post("/account/password").session(session).with(csrf())
                    .param("current", StudyFixture.PASSWORD).param("password", refused).param("confirmation", refused)).andReturn().getResponse();
            assertThat(response.getStatus()).as(refused).isEqualTo(400);
            assertThat(response.getContentAsString()).as(refused).contains(common.contains(refused) ? "too easy to guess"
                    : refused.equals(withName) ? "must not contain your user name" : "at most 128");
        }
        // 108 characters, most of them 2 bytes: far past bcrypt's 72 bytes, once a 500
        String passphrase = "Über den Wolken muss die Freiheit wohl grenzenlos sein, schrieb Jörg aus Zürich an die Übersetzerin";
        MockHttpServletResponse changed = mvc.perform(post("/account/password").session(session).with(csrf())
                .param("current", StudyFixture.PASSWORD).param("password", passphrase).param("confirmation", passphrase)).andReturn().getResponse();
        assertThat(changed.getRedirectedUrl()).isEqualTo("/studies");
        login("wes", passphrase);
        // a long wrong password is a failed login, not a server error
        assertThat(mvc.perform(formLogin("/login").user("wes").password("ü".repeat(99) + "x")).andReturn().getResponse().getRedirectedUrl())
                .contains("/login?error");
    }

    @Test
    void responsesTellBrowsersNotToSendTheUrlToOtherSites()
            throws Exception
    {
        assertThat(perform(get("/studies"), "investigator").getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(mvc.perform(get("/login")).andReturn().getResponse().getHeader("Referrer-Policy")).isEqualTo("same-origin");
    }

    @Test
    void loginsFailedLoginsDownloadsAndReportsAreInTheAuditTrailWhichAdminsFilterAndExport()
            throws Exception
    {
        mvc.perform(formLogin("/login").user("analyst").password("not the password")).andReturn();
        login("analyst", StudyFixture.PASSWORD);
        mvc.perform(formLogin("/login").user("no-such-user").password("guess")).andReturn();
        perform(get("/api/studies/" + fixture.studyId + "/results/deidentified.csv"), "analyst");
        perform(get("/studies/" + fixture.studyId + "/results/counts.csv"), "analyst");
        perform(post("/api/studies/" + fixture.studyId + "/report"), "investigator");

        JsonNode logins = json(asAdmin(get("/api/audit?entity=login&username=analyst")));
        assertThat(logins.findValuesAsText("field")).contains("login", "login_failed");
        assertThat(json(asAdmin(get("/api/audit?field=login_failed&username=no-such-user"))).size()).isEqualTo(1);
        JsonNode downloads = json(asAdmin(get("/api/audit?field=download&studyId=" + fixture.studyId)));
        assertThat(downloads.findValuesAsText("newValue")).anyMatch(value -> value.startsWith("deidentified.csv"))
                .anyMatch(value -> value.startsWith("counts.csv"));
        assertThat(downloads.findValuesAsText("username")).containsOnly("analyst");
        assertThat(json(asAdmin(get("/api/audit?field=report_generated&studyId=" + fixture.studyId))).findValuesAsText("username"))
                .containsExactly("investigator");

        String page = asAdmin(get("/studies/" + fixture.studyId + "/audit?field=download")).getContentAsString();
        assertThat(page).contains("<td>deidentified.csv from ").doesNotContain("<td>login_failed</td>");
        String csv = asAdmin(get("/admin/audit.csv?entity=login")).getContentAsString();
        assertThat(parse(csv).get(0).toList()).contains("study_id", "field");
        assertThat(csv).contains("login_failed").doesNotContain("deidentified.csv");
        assertThat(perform(get("/api/audit"), "investigator").getStatus()).isEqualTo(403);
    }

    @Test
    void badRequestsOfTheProbeAreA400WithAMessageNotA500()
            throws Exception
    {
        MockHttpServletResponse noUser = asAdmin(post("/api/users").contentType(MediaType.APPLICATION_JSON).content("{}"));
        assertThat(noUser.getStatus()).isEqualTo(400);
        assertThat(json(noUser).path("error").asText()).contains("user name");
        MockHttpServletResponse jsonToImport = perform(post("/api/studies/" + fixture.studyId + "/import").contentType(MediaType.APPLICATION_JSON)
                .content("{\"files\":[]}"), "investigator");
        assertThat(jsonToImport.getStatus()).isBetween(400, 499);
    }

    @Test
    void negativeSuppressionThresholdIsABadRequest()
            throws Exception
    {
        MockHttpServletResponse response = perform(get("/api/studies/" + fixture.studyId + "/results/counts.csv?suppressBelow=-1"), "analyst");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).contains("suppressBelow");
    }
}
