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
}
