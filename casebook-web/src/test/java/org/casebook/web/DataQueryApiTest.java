package org.casebook.web;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.store.cases.CaseValue;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.DataQueries;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Data queries, the record status dashboard, the paged study page and users page, and the
 * generated case form through the full security chain. Subclasses run it on SQLite and PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DataQueryApiTest
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
        context.getBean(Users.class).add("monitor", "{noop}unused", false, "test");
        context.getBean(Users.class).grant(fixture.studyId, "monitor", StudyRole.INVESTIGATOR, false, "test");
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

    private long caseId(int index)
    {
        return context.getBean(Cases.class).list(fixture.studyId).get(index).id();
    }

    private int version(long caseId)
    {
        return context.getBean(Cases.class).get(fixture.studyId, caseId).version();
    }

    private String api(long caseId)
    {
        return "/api/studies/" + fixture.studyId + "/cases/" + caseId;
    }

    private MockHttpServletResponse postJson(String path, String body, String who)
            throws Exception
    {
        return perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body), who);
    }

    @Test
    void aQueryIsOpenedAnsweredAndClosedShownOnTheDashboardAndBlocksTheLockUntilClosed()
            throws Exception
    {
        long caseId = caseId(1);
        MockHttpServletResponse opened = postJson(api(caseId) + "/queries", "{\"field\":\"onset.pao2\",\"comment\":\"the gas was on 4 L O2: check FiO2\"}", "monitor");
        assertThat(opened.getStatus()).isEqualTo(201);
        long queryId = json(opened).path("id").asLong();
        JsonNode listed = json(perform(get(api(caseId) + "/queries"), "investigator"));
        assertThat(listed.get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(listed.get(0).path("value").asText()).isEqualTo("62");
        assertThat(listed.get(0).path("messages").get(0).path("text").asText()).isEqualTo("the gas was on 4 L O2: check FiO2");

        // on the dashboard: the case is "queries", its onset cell has the query
        JsonNode dashboard = json(perform(get("/api/studies/" + fixture.studyId + "/dashboard").param("filter", "queries").param("search", "p2"),
                "investigator"));
        assertThat(dashboard.path("matching").asInt()).isEqualTo(1);
        JsonNode row = dashboard.path("rows").get(0);
        assertThat(row.path("patientId").asText()).isEqualTo("P2");
        assertThat(row.path("status").asText()).isEqualTo("queries");
        JsonNode onset = findCell(row, "onset");
        assertThat(onset.path("queries").asInt()).isEqualTo(1);
        assertThat(findCell(row, "before").path("queries").asInt()).isZero();
        assertThat(dashboard.path("counts").path("withQueries").asInt()).isPositive();
        // P2 is the only case whose status is queries; the others have none or other tests' queries
        JsonNode unfiltered = json(perform(get("/api/studies/" + fixture.studyId + "/dashboard").param("search", "P2"), "investigator"));
        assertThat(unfiltered.path("rows").get(0).path("status").asText()).isEqualTo("queries");

        // not closed: the lock is refused, on the API and the page
        MockHttpServletResponse lock = postJson(api(caseId) + "/lock", "{\"version\":" + version(caseId) + ",\"locked\":true}", "investigator");
        assertThat(lock.getStatus()).isEqualTo(400);
        assertThat(json(lock).path("error").asText()).contains("1 data query not closed");

        // the investigator answers; someone else than the opener cannot close
        MockHttpServletResponse answered = postJson(api(caseId) + "/queries/" + queryId + "/answer", "{\"version\":1,\"comment\":\"FiO2 corrected to 0.36\"}", "investigator");
        assertThat(answered.getStatus()).isEqualTo(200);
        MockHttpServletResponse stale = postJson(api(caseId) + "/queries/" + queryId + "/answer", "{\"version\":1,\"comment\":\"again\"}", "investigator");
        assertThat(stale.getStatus()).isEqualTo(409);
        MockHttpServletResponse notTheirs = postJson(api(caseId) + "/queries/" + queryId + "/close", "{\"version\":2,\"comment\":\"ok\"}", "investigator");
        assertThat(notTheirs.getStatus()).isEqualTo(403);
        assertThat(json(notTheirs).path("error").asText()).contains("opened by monitor");
        MockHttpServletResponse closed = postJson(api(caseId) + "/queries/" + queryId + "/close", "{\"version\":2,\"comment\":\"thanks\"}", "monitor");
        assertThat(closed.getStatus()).isEqualTo(200);
        assertThat(json(perform(get("/api/studies/" + fixture.studyId + "/queries").param("status", "CLOSED"), "investigator"))).hasSize(1);

        lock = postJson(api(caseId) + "/lock", "{\"version\":" + version(caseId) + ",\"locked\":true}", "investigator");
        assertThat(lock.getStatus()).isEqualTo(200);
        dashboard = json(perform(get("/api/studies/" + fixture.studyId + "/dashboard").param("filter", "locked"), "investigator"));
        assertThat(dashboard.path("rows")).extracting(r -> r.path("patientId").asText()).containsExactly("P2");

        List<AuditEntry> audit = context.getBean(AuditTrail.class).forEntity(DataQueries.ENTITY, queryId);
        assertThat(audit).extracting(AuditEntry::username).containsExactly("monitor", "investigator", "monitor");
        assertThat(audit).extracting(AuditEntry::newValue).containsExactly("OPEN", "ANSWERED", "CLOSED");
        assertThat(audit.get(0).field()).isEqualTo("onset.pao2");
    }

    @Test
    void badQueriesAreRefusedWithAMessage()
            throws Exception
    {
        long caseId = caseId(2);
        assertThat(postJson(api(caseId) + "/queries", "{\"field\":\"no_such_field\",\"comment\":\"?\"}", "monitor").getStatus()).isEqualTo(400);
        assertThat(json(postJson(api(caseId) + "/queries", "{\"field\":\"age\",\"comment\":\" \"}", "monitor")).path("error").asText())
                .contains("expected a comment");
        long queryId = json(postJson(api(caseId) + "/queries", "{\"field\":\"age\",\"comment\":\"really?\"}", "monitor")).path("id").asLong();
        // a query answered under another case's path is not found
        assertThat(postJson(api(caseId(0)) + "/queries/" + queryId + "/answer", "{\"version\":1,\"comment\":\"x\"}", "investigator").getStatus())
                .isEqualTo(404);
        assertThat(perform(get("/api/studies/" + fixture.studyId + "/dashboard").param("filter", "nonsense"), "investigator").getStatus()).isEqualTo(400);
        assertThat(perform(get("/studies/" + fixture.studyId + "/dashboard").param("size", "-3"), "investigator").getStatus()).isEqualTo(400);
    }

    @Test
    void theCasePageOpensAnswersAndClosesAQueryAndKeepsARefusedComment()
            throws Exception
    {
        long caseId = caseId(0);
        String page = "/studies/" + fixture.studyId + "/cases/" + caseId;
        MockHttpServletResponse refused = perform(post(page + "/queries").param("field", "weight_kg").param("comment", ""), "monitor");
        assertThat(refused.getRedirectedUrl()).endsWith("#queries");
        MockHttpServletResponse opened = perform(post(page + "/queries").param("field", "weight_kg").param("comment", "weight from which visit?"), "monitor");
        assertThat(opened.getRedirectedUrl()).contains("#query-");
        String html = perform(get(page), "monitor").getContentAsString();
        assertThat(html).contains("Query ").contains(" on Weight").contains("weight from which visit?").contains("Close query")
                .contains("1 open query");
        // the investigator who did not open it may answer but is not offered the close button
        String theirs = perform(get(page), "investigator").getContentAsString();
        assertThat(theirs).contains("Answer (what you corrected").doesNotContain("Close query");
    }

    @Test
    void theCaseFormIsGroupedInSectionsWithRadiosForYesNoAndMeasurementsToTheirDecimals()
            throws Exception
    {
        long caseId = caseId(0);
        // FiO2 0.3: the P/F computed from PaO2 61 is 203.33333333333334, stored unrounded
        MockHttpServletResponse saved = perform(put(api(caseId) + "/values").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":" + version(caseId) + ",\"edits\":[{\"timepoint\":\"onset\",\"variable\":\"fio2\",\"value\":\"0.3\"}]}"), "investigator");
        assertThat(saved.getStatus()).isEqualTo(200);
        assertThat(storedValue(caseId, "onset.pf_ratio")).startsWith("203.333333");
        String html = perform(get("/studies/" + fixture.studyId + "/cases/" + caseId), "investigator").getContentAsString();
        assertThat(html).contains("<legend>Admission</legend>").contains("<legend>History</legend>").contains("<legend>Treatment</legend>")
                .contains("<legend>Outcomes</legend>");
        assertThat(html.indexOf("<legend>Admission</legend>")).isLessThan(html.indexOf("<legend>History</legend>"));
        assertThat(html).contains("type=\"radio\" name=\"value:rf_positive\"").contains("id=\"value:rf_positive:yes\"");
        assertThat(html).contains("name=\"value:onset.pf_ratio\" id=\"value:onset.pf_ratio\" value=\"203.3\"")
                .contains("name=\"shown:onset.pf_ratio\" value=\"203.3\"");
        // sent back as shown, the rounded P/F is not saved over the stored one
        int before = version(caseId);
        MockHttpServletResponse form = perform(post("/studies/" + fixture.studyId + "/cases/" + caseId).param("version", Integer.toString(before))
                .param("value:onset.pf_ratio", "203.3").param("shown:onset.pf_ratio", "203.3").param("value:sex", "F"), "investigator");
        assertThat(form.getStatus()).isEqualTo(302);
        assertThat(storedValue(caseId, "onset.pf_ratio")).startsWith("203.333333");
        assertThat(storedValue(caseId, "sex")).isEqualTo("F");
    }

    @Test
    void aRefusedSaveKeepsEveryTypedValueWithItsErrorBesideTheField()
            throws Exception
    {
        long caseId = caseId(0);
        MockHttpServletResponse refused = perform(post("/studies/" + fixture.studyId + "/cases/" + caseId).param("version", Integer.toString(version(caseId)))
                .param("value:age", "150").param("value:weight_kg", "71.5").param("value:smoking", "former"), "investigator");
        assertThat(refused.getStatus()).isEqualTo(400);
        String html = refused.getContentAsString();
        assertThat(html).contains("id=\"value:age\" value=\"150\"").contains("id=\"value:weight_kg\" value=\"71.5\"")
                .contains("<option value=\"former\" selected=\"selected\">former</option>");
        assertThat(html).contains("id=\"error-age\">age: &#39;150&#39;: expected a number from 0 to 120");
        String age = html.substring(html.lastIndexOf("<", html.indexOf("id=\"value:age\"")), html.indexOf(">", html.indexOf("id=\"value:age\"")));
        assertThat(age).contains("aria-invalid=\"true\"").contains("aria-describedby=\"error-age unit-age\"");
        assertThat(storedValue(caseId, "weight_kg")).isNotEqualTo("71.5");
    }

    @Test
    void theStudyPageListsCasesAPageAtATimeWithSearchAndStatusFilter()
            throws Exception
    {
        String page = perform(get("/studies/" + fixture.studyId).param("size", "1").param("page", "2"), "investigator").getContentAsString();
        assertThat(casesOn(page)).containsExactly("P2");
        assertThat(page).contains("aria-label=\"next page\"").contains("aria-label=\"previous page\"");
        assertThat(casesOn(perform(get("/studies/" + fixture.studyId).param("search", "p3"), "investigator").getContentAsString())).containsExactly("P3");
        assertThat(casesOn(perform(get("/studies/" + fixture.studyId).param("sort", "-patient"), "investigator").getContentAsString()))
                .containsExactly("P3", "P2", "P1");
        assertThat(perform(get("/studies/" + fixture.studyId).param("sort", "drop table"), "investigator").getStatus()).isEqualTo(400);
        // the CT scans, paged by the database, found by code, patient or accession; a % is a character, not a wildcard
        // a scan's random code may hold "P2" too: every scan found is P2's or has it in its code
        String p2 = perform(get("/studies/" + fixture.studyId).param("scanSearch", "p2"), "investigator").getContentAsString();
        assertThat(scansOn(p2)).contains("P2");
        assertThat(scanRowsOn(p2)).allMatch(row -> row.get(1).equals("P2") || row.get(0).contains("P2"));
        assertThat(scansOn(perform(get("/studies/" + fixture.studyId), "investigator").getContentAsString())).containsExactly("P1", "P2", "P3");
        assertThat(scansOn(perform(get("/studies/" + fixture.studyId).param("scanSearch", "%"), "investigator").getContentAsString())).isEmpty();
        String dashboard = perform(get("/studies/" + fixture.studyId + "/dashboard").param("search", "P1"), "investigator").getContentAsString();
        assertThat(dashboard).contains("data-patient=\"P1\"").doesNotContain("data-patient=\"P2\"").contains(">Admission</th>").contains(">At onset</th>");
    }

    @Test
    void theUsersPageIsSearchedFilteredByStatusAndPaged()
            throws Exception
    {
        Users users = context.getBean(Users.class);
        for (int i = 1; i <= 55; i++) {
            users.add(String.format("bulk%02d", i), "{noop}unused", false, "test");
        }
        String first = mvc.perform(get("/admin/users").with(user("admin").roles("USER", "ADMIN"))).andReturn().getResponse().getContentAsString();
        assertThat(first.split("data-user=\"", -1).length - 1).isEqualTo(50);
        assertThat(first).contains("aria-label=\"next page\"");
        String found = mvc.perform(get("/admin/users").param("search", "BULK0").with(user("admin").roles("USER", "ADMIN"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(java.util.regex.Pattern.compile("data-user=\"([^\"]+)\"").matcher(found).results().map(m -> m.group(1)).toList())
                .containsExactly("bulk01", "bulk02", "bulk03", "bulk04", "bulk05", "bulk06", "bulk07", "bulk08", "bulk09");
        String admins = mvc.perform(get("/admin/users").param("status", "admin").with(user("admin").roles("USER", "ADMIN"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(java.util.regex.Pattern.compile("data-user=\"([^\"]+)\"").matcher(admins).results().map(m -> m.group(1)).toList()).containsExactly("admin");
        assertThat(mvc.perform(get("/admin/users").param("status", "x").with(user("admin").roles("USER", "ADMIN"))).andReturn().getResponse().getStatus())
                .isEqualTo(400);
    }

    /** The patient column of the CT scan table. */
    private static List<String> scansOn(String html)
    {
        String table = html.substring(html.indexOf("<table id=\"scans\">"), html.indexOf("</table>", html.indexOf("<table id=\"scans\">")));
        return java.util.regex.Pattern.compile("<tr><td>CT-[^<]*</td><td>([^<]+)</td>").matcher(table).results().map(m -> m.group(1)).toList();
    }

    /** The scans table's rows as (code, patient). */
    private static List<List<String>> scanRowsOn(String html)
    {
        String table = html.substring(html.indexOf("<table id=\"scans\">"), html.indexOf("</table>", html.indexOf("<table id=\"scans\">")));
        return java.util.regex.Pattern.compile("<tr><td>(CT-[^<]*)</td><td>([^<]+)</td>").matcher(table).results().map(m -> List.of(m.group(1), m.group(2))).toList();
    }

    private static List<String> casesOn(String html)
    {
        String table = html.substring(html.indexOf("<table id=\"cases\">"), html.indexOf("</table>", html.indexOf("<table id=\"cases\">")));
        return java.util.regex.Pattern.compile("/cases/\\d+\">([^<]+)</a>").matcher(table).results().map(m -> m.group(1)).toList();
    }

    private String storedValue(long caseId, String field)
    {
        return context.getBean(Cases.class).values(caseId).stream().filter(v -> v.field().equals(field)).map(CaseValue::value).findFirst().orElse(null);
    }

    private static JsonNode findCell(JsonNode row, String section)
    {
        for (JsonNode cell : row.path("cells")) {
            if (cell.path("section").asText().equals(section)) {
                return cell;
            }
        }
        throw new AssertionError("no cell " + section + " in " + row);
    }
}
