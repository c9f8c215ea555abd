package org.casebook.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.protocol.Protocols;
import org.casebook.store.AuditTrail;
import org.casebook.store.cases.CaseImport;
import org.casebook.store.ct.CtReading;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The reader's worklist and the admins' audit page a page at a time, paged by the database:
 * a study of 60 scans on one reader's worklist, searched by code, filtered to read and to read,
 * sorted by code; the audit trail of that study paged, in either order, in local time.
 * Subclasses run it on SQLite and PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ListPagingTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PATIENTS = 60;
    private static final Pattern SCAN_LINK = Pattern.compile("class=\"scan-link\">(CT-[A-Z0-9]+)<");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ApplicationContext context;

    private long studyId;

    @BeforeAll
    void seed()
    {
        Users users = context.getBean(Users.class);
        users.add("pager-admin", "{noop}unused", true, "test");
        users.add("pager-reader", "{noop}unused", false, "test");
        studyId = context.getBean(Studies.class).create("Paged study", Protocols.SEED, 30, "test").id();
        users.grant(studyId, "pager-reader", StudyRole.READER, false, "test");
        context.getBean(CaseImport.class).importWorkbook(studyId, StudyFixture.workbook(PATIENTS), "test");
        context.getBean(CtReading.class).assignAll(studyId, "pager-reader", "test");
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String who, String... roles)
            throws Exception
    {
        return mvc.perform(request.with(user(who).roles(roles.length == 0 ? new String[] {"USER"} : roles)).with(csrf())).andReturn().getResponse();
    }

    private List<String> codesOn(String page)
    {
        Matcher matcher = SCAN_LINK.matcher(page);
        List<String> codes = new java.util.ArrayList<>();
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    private String worklist(String query)
            throws Exception
    {
        MockHttpServletResponse response = perform(get("/studies/" + studyId + "/worklist" + query), "pager-reader");
        assertThat(response.getStatus()).as(query).isEqualTo(200);
        return response.getContentAsString();
    }

    @Test
    void worklistShowsFiftyScansAPageAndPagesThroughAllOfThemOnce()
            throws Exception
    {
        String first = worklist("");
        String second = worklist("?page=2");
        assertThat(codesOn(first)).hasSize(50);
        assertThat(codesOn(second)).hasSize(PATIENTS - 50);
        assertThat(codesOn(first)).doesNotContainAnyElementsOf(codesOn(second));
        assertThat(first).contains("0 of 60 scans read, 60 to read").contains("aria-label=\"next page\"");
        assertThat(codesOn(worklist("?size=25&page=3"))).hasSize(10);
        // in the worklist's random order by default, by code when asked
        List<String> byCode = codesOn(worklist("?sort=code&size=all"));
        assertThat(byCode).hasSize(PATIENTS).isSorted();
        assertThat(first).doesNotContain("ACC-");
    }

    @Test
    void worklistIsSearchedByCodeAndFilteredToReadOrToRead()
            throws Exception
    {
        List<String> all = codesOn(worklist("?sort=code&size=all"));
        String code = all.get(7);
        assertThat(codesOn(worklist("?search=" + code.substring(3).toLowerCase()))).containsExactly(code);
        // a wildcard is searched for as itself
        assertThat(codesOn(worklist("?search=%25"))).isEmpty();
        MockHttpServletResponse saved = perform(put("/api/studies/" + studyId + "/worklist/" + code).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":0,\"adjudication\":false,\"zones\":[" + zones() + "]}"), "pager-reader");
        assertThat(saved.getStatus()).isEqualTo(200);
        assertThat(codesOn(worklist("?filter=read"))).containsExactly(code);
        assertThat(codesOn(worklist("?filter=to-read&size=all"))).hasSize(PATIENTS - 1).doesNotContain(code);
        assertThat(worklist("?filter=read")).contains("1 of 60 scans read, 59 to read").contains("1 of 60 scans match");
        MockHttpServletResponse api = perform(get("/api/studies/" + studyId + "/worklist?filter=to-read&size=10&page=2"), "pager-reader");
        assertThat(api.getHeader("X-Total-Count")).isEqualTo(Integer.toString(PATIENTS - 1));
        JsonNode items = JSON.readTree(api.getContentAsString());
        assertThat(items.size()).isEqualTo(10);
        assertThat(JSON.readTree(perform(get("/api/studies/" + studyId + "/worklist"), "pager-reader").getContentAsString()).size()).isEqualTo(PATIENTS);
    }

    @Test
    void badWorklistParametersAreA400WithAMessage()
            throws Exception
    {
        MockHttpServletResponse filter = perform(get("/api/studies/" + studyId + "/worklist?filter=mine"), "pager-reader");
        assertThat(filter.getStatus()).isEqualTo(400);
        assertThat(filter.getContentAsString()).contains("filter 'mine': expected one of all, to-read, read");
        assertThat(perform(get("/studies/" + studyId + "/worklist?sort=patient"), "pager-reader").getStatus()).isEqualTo(400);
        assertThat(perform(get("/studies/" + studyId + "/worklist?size=0"), "pager-reader").getStatus()).isEqualTo(400);
    }

    @Test
    void auditPageIsPagedByTheDatabaseInEitherOrderInLocalTime()
            throws Exception
    {
        int rows = context.getBean(AuditTrail.class).page(new AuditTrail.Filter(studyId, null, null, null, null, null), true, 1, 1).matching();
        assertThat(rows).isGreaterThan(100);
        String newest = perform(get("/studies/" + studyId + "/audit?size=25"), "pager-admin", "USER", "ADMIN").getContentAsString();
        assertThat(countRows(newest)).isEqualTo(25);
        assertThat(newest).contains(rows + " rows match").contains("aria-label=\"next page\"").contains("Paged study");
        // local time to the second, not an ISO instant
        assertThat(newest).containsPattern("<td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d</td>").doesNotContainPattern("<td>\\d{4}-\\d\\d-\\d\\dT");
        String last = perform(get("/studies/" + studyId + "/audit?size=25&page=" + ((rows + 24) / 25)), "pager-admin", "USER", "ADMIN").getContentAsString();
        assertThat(countRows(last)).isEqualTo(rows - 25 * ((rows - 1) / 25));
        String oldest = perform(get("/studies/" + studyId + "/audit?size=25&order=oldest"), "pager-admin", "USER", "ADMIN").getContentAsString();
        // the study's first row is its creation; newest first it is on the last page
        String created = "<td>study " + studyId + "</td><td>created</td>";
        assertThat(oldest).contains(created);
        assertThat(newest).doesNotContain(created);
        assertThat(perform(get("/admin/audit?order=sideways"), "pager-admin", "USER", "ADMIN").getStatus()).isEqualTo(400);
    }

    private static int countRows(String page)
    {
        String table = page.substring(page.indexOf("<table id=\"audit\">"), page.indexOf("</table>", page.indexOf("<table id=\"audit\">")));
        return table.split("<tr").length - 2;
    }

    private static String zones()
    {
        StringBuilder zones = new StringBuilder();
        for (String zone : List.of("RU", "RM", "RL", "LU", "LM", "LL")) {
            zones.append(zones.length() == 0 ? "" : ",").append("{\"zone\":\"").append(zone)
                    .append("\",\"normal\":70,\"ggo\":30,\"consolidation\":0,\"ggoTraction\":0,\"consolidationTraction\":0,\"honeycombing\":0}");
        }
        return zones.toString();
    }
}
