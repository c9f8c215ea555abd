package org.casebook.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.casebook.store.cases.Cases;
import org.casebook.store.cases.DataQueries;
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
 * Issue 10's "pages built for people", checked page by page: a missing thing inside a study one
 * works in is "not found" (never "no access"), every timestamp a person reads is the server's
 * local time to the second (never an ISO instant such as {@code 2026-12-05T14:03:11.123Z}), and
 * every bad request (a path or query value of the wrong type, a missing parameter, a body that is
 * not the JSON expected) is a 400 with a message naming what was wrong, never a 500 or a bare
 * status. Subclasses run it on SQLite and PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PagesForPeopleTest
{
    /** An ISO-8601 instant or date-time as stored: what a person must not be shown. */
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    private static final Pattern LOCAL_SECOND = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

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

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String who)
            throws Exception
    {
        return mvc.perform(request.with(user(who).roles("USER")).with(csrf())).andReturn().getResponse();
    }

    private MockHttpServletResponse asAdmin(MockHttpServletRequestBuilder request)
            throws Exception
    {
        return mvc.perform(request.with(user("admin").roles("USER", "ADMIN")).with(csrf())).andReturn().getResponse();
    }

    private String page(String path, String who)
            throws Exception
    {
        MockHttpServletResponse response = "admin".equals(who) ? asAdmin(get(path)) : perform(get(path), who);
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    @Test
    void aMissingCaseScanQueryOrScreenedPatientIsNotFoundNotNoAccess()
            throws Exception
    {
        long study = fixture.studyId;
        assertThat(perform(multipart("/api/studies/" + study + "/screening/import")
                .file(new MockMultipartFile("output", "out.zip", "application/zip", ScreeningOutputs.zip(ScreeningOutputs.files()))), "investigator")
                .getStatus()).isEqualTo(200);
        for (String path : List.of("/studies/" + study + "/cases/999999", "/studies/" + study + "/cases/" + fixture.caseId + "/queries/999999/close",
                "/studies/" + study + "/screening/patients/NOBODY/review")) {
            MockHttpServletRequestBuilder request = get(path);
            if (path.endsWith("/close")) {
                request = post(path).param("version", "0").param("comment", "x");
            }
            if (path.endsWith("/review")) {
                // a whole, valid decision: only the patient is missing
                request = post(path).param("version", "0").param("decision", "rejected").param("answer.ra_ild", "no").param("answer.acute_worsening", "yes")
                        .param("answer.new_bilateral_opacities", "yes").param("answer.not_cardiac_or_fluid", "yes").param("reason", "no RA-ILD");
            }
            MockHttpServletResponse response = perform(request, "investigator");
            assertThat(response.getStatus()).as(path).isEqualTo(404);
            assertThat(response.getContentAsString()).as(path).containsIgnoringCase("not found").doesNotContainIgnoringCase("no access");
        }
        MockHttpServletResponse api = perform(get("/api/studies/" + study + "/cases/999999"), "investigator");
        assertThat(api.getStatus()).isEqualTo(404);
        assertThat(api.getContentAsString()).containsIgnoringCase("not found").doesNotContainIgnoringCase("access");
    }

    @Test
    void everyTimestampAPersonReadsIsLocalTimeToTheSecond()
            throws Exception
    {
        long study = fixture.studyId;
        long caseId = context.getBean(Cases.class).list(study).get(0).id();
        // a change (the case history), a query (its conversation and the dashboard), a screening decision, a report
        MockHttpServletResponse edit = perform(put("/api/studies/" + study + "/cases/" + caseId + "/values").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":" + version(caseId) + ",\"reason\":\"typo\",\"edits\":[{\"timepoint\":\"\",\"variable\":\"bmi\",\"value\":\"23.4\"}]}"),
                "investigator");
        assertThat(edit.getStatus()).as(edit.getContentAsString()).isEqualTo(200);
        context.getBean(DataQueries.class).open(study, caseId, "", "bmi", "which visit?", "investigator");
        assertThat(perform(multipart("/api/studies/" + study + "/screening/import")
                .file(new MockMultipartFile("output", "out.zip", "application/zip", ScreeningOutputs.zip(ScreeningOutputs.files()))), "investigator")
                .getStatus()).isEqualTo(200);
        MockHttpServletResponse review = perform(post("/studies/" + study + "/screening/patients/SC1/review").param("version", "0")
                .param("decision", "rejected").param("answer.ra_ild", "no").param("answer.acute_worsening", "yes")
                .param("answer.new_bilateral_opacities", "yes").param("answer.not_cardiac_or_fluid", "yes").param("reason", "no RA-ILD"), "investigator");
        assertThat(review.getStatus()).isEqualTo(302);
        assertThat(perform(post("/studies/" + study + "/results/report"), "investigator").getStatus()).isBetween(200, 399);

        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("case page", page("/studies/" + study + "/cases/" + caseId, "investigator"));
        pages.put("dashboard", page("/studies/" + study + "/dashboard", "investigator"));
        pages.put("screening page", page("/studies/" + study + "/screening", "investigator"));
        pages.put("results page", page("/studies/" + study + "/results", "investigator"));
        pages.put("study audit", page("/studies/" + study + "/audit", "admin"));
        pages.put("site audit", page("/admin/audit", "admin"));
        pages.put("users", page("/admin/users", "admin"));
        for (Map.Entry<String, String> shown : pages.entrySet()) {
            Matcher iso = ISO_INSTANT.matcher(shown.getValue());
            assertThat(iso.find()).as(shown.getKey() + " shows " + (iso.find(0) ? around(shown.getValue(), iso.start()) : "")).isFalse();
        }
        for (String name : List.of("case page", "dashboard", "screening page", "results page", "study audit")) {
            assertThat(LOCAL_SECOND.matcher(pages.get(name)).find()).as(name + " shows a time to the second").isTrue();
        }
        // the case history's newest change at the server's local time of the stored instant
        String at = context.getBean(Cases.class).history(caseId).stream().filter(entry -> "bmi".equals(entry.field())).reduce((a, b) -> b).orElseThrow().at();
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(Instant.parse(at).atZone(ZoneId.systemDefault()));
        assertThat(pages.get("case page")).contains(local);
    }

    private int version(long caseId)
            throws Exception
    {
        String body = perform(get("/api/studies/" + fixture.studyId + "/cases/" + caseId), "investigator").getContentAsString();
        Matcher version = Pattern.compile("\"version\"\\s*:\\s*(\\d+)").matcher(body);
        assertThat(version.find()).isTrue();
        return Integer.parseInt(version.group(1));
    }

    private static String around(String text, int index)
    {
        return text.substring(Math.max(0, index - 80), Math.min(text.length(), index + 40));
    }

    @Test
    void everyBadRequestIsA400WithAMessageNamingWhatWasWrong()
            throws Exception
    {
        long study = fixture.studyId;
        Map<String, MockHttpServletResponse> probes = new java.util.LinkedHashMap<>();
        probes.put("a case id that is no number (API)", perform(get("/api/studies/" + study + "/cases/abc"), "investigator"));
        probes.put("a case id that is no number (page)", perform(get("/studies/" + study + "/cases/abc"), "investigator"));
        probes.put("a page number that is no number", perform(get("/studies/" + study).param("page", "two"), "investigator"));
        probes.put("a worklist page size that is no number", perform(get("/api/studies/" + study + "/worklist").param("size", "lots"), "reader"));
        probes.put("a body that is not JSON", perform(put("/api/studies/" + study + "/cases/" + fixture.caseId + "/values")
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\": 0, \"edits\": ["), "investigator"));
        probes.put("JSON of the wrong shape", perform(put("/api/studies/" + study + "/cases/" + fixture.caseId + "/values")
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\": \"latest\", \"edits\": 7}"), "investigator"));
        probes.put("an import without its file", perform(multipart("/api/studies/" + study + "/import"), "investigator"));
        probes.put("a user without a name", asAdmin(post("/api/users").contentType(MediaType.APPLICATION_JSON).content("{}")));
        probes.put("a role in lower case", asAdmin(post("/api/studies/" + study + "/members").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\": \"someone\", \"role\": \"investigator\"}")));
        for (Map.Entry<String, MockHttpServletResponse> probe : probes.entrySet()) {
            MockHttpServletResponse response = probe.getValue();
            assertThat(response.getStatus()).as(probe.getKey() + ": " + response.getContentAsString()).isEqualTo(400);
            String body = response.getContentAsString();
            assertThat(body).as(probe.getKey() + " says what was wrong").isNotBlank().doesNotContain("Exception").doesNotContain("org.springframework")
                    .doesNotContain("Something went wrong");
        }
        assertThat(probes.get("a case id that is no number (API)").getContentAsString()).contains("abc");
        assertThat(probes.get("a page number that is no number").getContentAsString()).contains("page").contains("two");
        assertThat(probes.get("a body that is not JSON").getContentAsString()).containsIgnoringCase("json");
        assertThat(probes.get("a role in lower case").getContentAsString()).contains("role 'investigator' is not one of INVESTIGATOR, READER, ANALYST");
    }
}
