package org.casebook.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcPrint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The study report over the API: an investigator generates it and downloads its three files;
 * analysts (and readers) are answered 403 with the reason; the routes are in the OpenAPI
 * document. Subclasses run it on SQLite and PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportApiTest
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

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String who)
            throws Exception
    {
        return mvc.perform(request.with(user(who).roles("USER")).with(csrf())).andReturn().getResponse();
    }

    private String report()
    {
        return "/api/studies/" + fixture.studyId + "/report";
    }

    @Test
    void investigatorGeneratesTheReportAndDownloadsItsFiles()
            throws Exception
    {
        JsonNode before = JSON.readTree(perform(get(report()), "investigator").getContentAsString());
        assertThat(before.path("generated").asBoolean()).isFalse();
        assertThat(perform(get(report() + "/report.pdf"), "investigator").getStatus()).isEqualTo(404);

        MockHttpServletResponse generated = perform(post(report()), "investigator");
        assertThat(generated.getStatus()).isEqualTo(200);
        JsonNode status = JSON.readTree(generated.getContentAsString());
        assertThat(status.path("generated").asBoolean()).isTrue();
        assertThat(status.path("generatedAt").asText()).isNotBlank();
        assertThat(status.path("files").path("report.pdf").asText()).isEqualTo(report() + "/report.pdf");

        MockHttpServletResponse pdf = perform(get(report() + "/report.pdf"), "investigator");
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.getContentAsByteArray(), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF");
        MockHttpServletResponse html = perform(get(report() + "/report.html"), "investigator");
        assertThat(html.getStatus()).isEqualTo(200);
        assertThat(html.getContentAsString()).contains("<html").contains("P01"); // patients by case number, not by the hospital id
        MockHttpServletResponse xlsx = perform(get(report() + "/tables.xlsx"), "investigator");
        assertThat(xlsx.getStatus()).isEqualTo(200);
        assertThat(xlsx.getHeader("Content-Disposition")).contains("attachment").contains("tables.xlsx");
        assertThat(xlsx.getContentAsByteArray()).startsWith((byte) 'P', (byte) 'K');
    }

    @Test
    void analystIsRefusedTheReportWithTheReason()
            throws Exception
    {
        for (MockHttpServletRequestBuilder request : java.util.List.of(post(report()), get(report() + "/report.pdf"), get(report() + "/tables.xlsx"))) {
            MockHttpServletResponse refused = perform(request, "analyst");
            assertThat(refused.getStatus()).isEqualTo(403);
            String error = JSON.readTree(refused.getContentAsString()).path("error").asText();
            assertThat(error).contains("the study's investigators").contains("lists every patient by id").contains("de-identified results");
        }
        MockHttpServletResponse reader = perform(get(report()), "reader");
        assertThat(reader.getStatus()).isEqualTo(403);
        assertThat(JSON.readTree(reader.getContentAsString()).path("error").asText()).contains("the study's investigators");
    }

    @Test
    void apiDenialWithoutASpecialReasonNamesWhoTheRouteIsFor()
            throws Exception
    {
        MockHttpServletResponse refused = perform(get("/api/studies/" + fixture.studyId + "/cases"), "analyst");
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(JSON.readTree(refused.getContentAsString()).path("error").asText())
                .isEqualTo("forbidden: GET /api/studies/" + fixture.studyId + "/cases is for the study's investigators");
    }

    @Test
    void openApiDocumentsTheReportRoutesAndTheirRefusal()
            throws Exception
    {
        JsonNode paths = JSON.readTree(perform(get("/v3/api-docs"), "investigator").getContentAsString()).path("paths");
        assertThat(paths.path("/api/studies/{studyId}/report").has("post")).isTrue();
        assertThat(paths.path("/api/studies/{studyId}/report").path("post").path("responses").path("403").path("description").asText())
                .contains("lists every patient by id");
        assertThat(paths.has("/api/studies/{studyId}/report/report.html")).isTrue();
        assertThat(paths.has("/api/studies/{studyId}/report/report.pdf")).isTrue();
        assertThat(paths.has("/api/studies/{studyId}/report/tables.xlsx")).isTrue();
    }

    /** The figure ids on a results page, in order. */
    private static java.util.List<String> figureIds(String page)
    {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("<figure id=\"([a-z0-9_]+)\"").matcher(page);
        java.util.List<String> ids = new java.util.ArrayList<>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    @Test
    void resultsPageShowsTheReportsSummaryTablesAndItsFiguresAsSvg()
            throws Exception
    {
        String page = perform(get("/studies/" + fixture.studyId + "/results"), "investigator").getContentAsString();
        // the report's own tables, as cells, not a text dump; no table with a row per patient
        assertThat(page).contains("<table id=\"table1_baseline\"").contains("<table id=\"table3_timepoints\"")
                .doesNotContain("table2_patients");
        // the report module's figures, drawn by its renderer as inline SVG with their captions
        java.util.List<String> figures = figureIds(page);
        // the fixture's cases have one time point, so no spaghetti plot: the CT composition, the swimmer plot, Bland–Altman
        assertThat(figures).startsWith("figure1_ct_composition").anyMatch(id -> id.contains("swimmer")).anyMatch(id -> id.endsWith("_bland_altman"));
        String figuresSection = page.substring(page.indexOf("id=\"results-figures\""), page.indexOf("id=\"results-text\""));
        assertThat(figuresSection.split("<svg", -1).length - 1).isEqualTo(figures.size());
        assertThat(figuresSection).contains("<figcaption>Figure 1. CT pattern composition per time point");
        // no 15-decimal numbers in the tables
        String tables = page.substring(page.indexOf("id=\"results-tables\""), page.indexOf("id=\"results-figures\""));
        assertThat(tables).doesNotContainPattern("\\d\\.\\d{6,}");
    }

    @Test
    void analystsSeeOnlyFiguresThatShowNoPatientOneByOne()
            throws Exception
    {
        String investigator = perform(get("/studies/" + fixture.studyId + "/results"), "investigator").getContentAsString();
        String analyst = perform(get("/studies/" + fixture.studyId + "/results"), "analyst").getContentAsString();
        java.util.List<String> shown = figureIds(analyst);
        assertThat(shown).isNotEmpty().allMatch(id -> id.endsWith("_ct_composition") || id.endsWith("_survival") || id.endsWith("_bland_altman"));
        assertThat(figureIds(investigator).size()).isGreaterThan(shown.size());
        String figuresSection = analyst.substring(analyst.indexOf("id=\"results-figures\""), analyst.indexOf("id=\"results-text\""));
        // the fixture's patients are P1, P2, P3: none is named in the analyst's figures
        assertThat(figuresSection).doesNotContainPattern(">P[123]<").doesNotContain("table2_patients");
        assertThat(analyst).contains("<table id=\"table1_baseline\"");
    }
}
