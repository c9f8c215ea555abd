package org.casebook.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcPrint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every endpoint the running app maps (read from its own {@link RequestMappingHandlerMapping},
 * so a new endpoint cannot escape) against every kind of user: the expected access of each is
 * written out below, independently of {@code AccessRules}, and an endpoint missing here fails.
 * Subclasses run it on SQLite and on PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoleMatrixTest
{
    private static final String ANONYMOUS = "anonymous";
    private static final List<String> EVERYONE = List.of(ANONYMOUS, "admin", "investigator", "reader", "analyst", "outsider");
    private static final Set<String> PUBLIC = Set.copyOf(EVERYONE);
    private static final Set<String> SIGNED_IN = Set.of("admin", "investigator", "reader", "analyst", "outsider");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> MEMBER = Set.of("admin", "investigator", "reader", "analyst");
    private static final Set<String> INVESTIGATOR = Set.of("investigator");
    private static final Set<String> READER = Set.of("reader");
    private static final Set<String> RESULTS = Set.of("investigator", "analyst");

    /** Who may call each endpoint ("METHOD pattern"); a mapping with no method is tried with GET. */
    private static final Map<String, Set<String>> EXPECTED = expected();

    private static Map<String, Set<String>> expected()
    {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put("GET /login", PUBLIC);
        expected.put("GET /error", PUBLIC);
        expected.put("GET /", SIGNED_IN);
        expected.put("GET /studies", SIGNED_IN);
        expected.put("GET /account/password", SIGNED_IN);
        expected.put("POST /account/password", SIGNED_IN);
        expected.put("POST /studies", ADMIN);
        expected.put("GET /admin/users", ADMIN);
        expected.put("POST /admin/users", ADMIN);
        expected.put("GET /api/users", ADMIN);
        expected.put("POST /api/users", ADMIN);
        expected.put("GET /studies/{studyId}", MEMBER);
        expected.put("POST /studies/{studyId}/members", ADMIN);
        expected.put("POST /studies/{studyId}/import", INVESTIGATOR);
        expected.put("GET /studies/{studyId}/screening", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/screening", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/screening/patients/{patientId}/review", INVESTIGATOR);
        expected.put("GET /studies/{studyId}/cases/{caseId}", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/cases/{caseId}", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/cases/{caseId}/lock", INVESTIGATOR);
        expected.put("GET /studies/{studyId}/cases/{caseId}/history.csv", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/scans/{code}/accession", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/scans/assignments", INVESTIGATOR);
        expected.put("GET /studies/{studyId}/scans/reads.csv", INVESTIGATOR);
        expected.put("GET /studies/{studyId}/worklist", READER);
        expected.put("GET /studies/{studyId}/worklist/{code}", READER);
        expected.put("POST /studies/{studyId}/worklist/{code}", READER);
        expected.put("GET /studies/{studyId}/results", RESULTS);
        expected.put("GET /studies/{studyId}/results/results.json", RESULTS);
        expected.put("GET /studies/{studyId}/results/deidentified.csv", RESULTS);
        expected.put("GET /studies/{studyId}/results/counts.csv", RESULTS);
        expected.put("POST /studies/{studyId}/results/report", INVESTIGATOR);
        expected.put("GET /studies/{studyId}/results/report/report.html", INVESTIGATOR);
        expected.put("GET /studies/{studyId}/results/report/report.pdf", INVESTIGATOR);
        expected.put("GET /studies/{studyId}/results/report/tables.xlsx", INVESTIGATOR);
        expected.put("GET /api/me", SIGNED_IN);
        expected.put("GET /api/studies", SIGNED_IN);
        expected.put("POST /api/studies", ADMIN);
        expected.put("GET /api/studies/{studyId}", MEMBER);
        expected.put("GET /api/studies/{studyId}/members", ADMIN);
        expected.put("POST /api/studies/{studyId}/members", ADMIN);
        expected.put("POST /api/studies/{studyId}/import", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/screening", INVESTIGATOR);
        expected.put("POST /api/studies/{studyId}/screening/import", INVESTIGATOR);
        expected.put("POST /api/studies/{studyId}/screening/patients/{patientId}/review", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/cases", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/cases/{caseId}", INVESTIGATOR);
        expected.put("PUT /api/studies/{studyId}/cases/{caseId}/values", INVESTIGATOR);
        expected.put("POST /api/studies/{studyId}/cases/{caseId}/lock", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/cases/{caseId}/history", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/cases/{caseId}/history.csv", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/scans", INVESTIGATOR);
        expected.put("PUT /api/studies/{studyId}/scans/{code}/accession", INVESTIGATOR);
        expected.put("POST /api/studies/{studyId}/scans/assignments", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/scans/reads.csv", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/worklist", READER);
        expected.put("GET /api/studies/{studyId}/worklist/{code}", READER);
        expected.put("PUT /api/studies/{studyId}/worklist/{code}", READER);
        expected.put("GET /api/studies/{studyId}/results", RESULTS);
        expected.put("GET /api/studies/{studyId}/results/deidentified.csv", RESULTS);
        expected.put("GET /api/studies/{studyId}/results/counts.csv", RESULTS);
        expected.put("POST /studies/{studyId}/cases/{caseId}/adverse-events", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/cases/{caseId}/adverse-events/{eventId}", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/cases/{caseId}/adverse-events/{eventId}/remove", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/cases/{caseId}/adverse-events", INVESTIGATOR);
        expected.put("POST /api/studies/{studyId}/cases/{caseId}/adverse-events", INVESTIGATOR);
        expected.put("PUT /api/studies/{studyId}/cases/{caseId}/adverse-events/{eventId}", INVESTIGATOR);
        expected.put("DELETE /api/studies/{studyId}/cases/{caseId}/adverse-events/{eventId}", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/report", INVESTIGATOR);
        expected.put("POST /api/studies/{studyId}/report", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/report/report.html", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/report/report.pdf", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/report/tables.xlsx", INVESTIGATOR);
        expected.put("POST /admin/users/{username}/disabled", ADMIN);
        expected.put("POST /admin/users/{username}/password-reset", ADMIN);
        expected.put("PUT /api/users/{username}/disabled", ADMIN);
        expected.put("POST /api/users/{username}/password-reset", ADMIN);
        expected.put("POST /studies/{studyId}/members/{username}/remove", ADMIN);
        expected.put("POST /studies/{studyId}/members/{username}/role", ADMIN);
        expected.put("POST /studies/{studyId}/settings", ADMIN);
        expected.put("DELETE /api/studies/{studyId}/members/{username}", ADMIN);
        expected.put("PUT /api/studies/{studyId}/members/{username}", ADMIN);
        expected.put("GET /api/studies/{studyId}/settings", ADMIN);
        expected.put("PUT /api/studies/{studyId}/settings", ADMIN);
        expected.put("POST /studies/{studyId}/worklist/{code}/accession", READER);
        expected.put("POST /api/studies/{studyId}/worklist/{code}/accession", READER);
        expected.put("GET /admin/audit", ADMIN);
        expected.put("GET /admin/audit.csv", ADMIN);
        expected.put("GET /api/audit", ADMIN);
        expected.put("GET /studies/{studyId}/audit", ADMIN);
        expected.put("GET /studies/{studyId}/audit.csv", ADMIN);
        expected.put("GET /studies/{studyId}/dashboard", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/cases/{caseId}/queries", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/cases/{caseId}/queries/{queryId}/answer", INVESTIGATOR);
        expected.put("POST /studies/{studyId}/cases/{caseId}/queries/{queryId}/close", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/dashboard", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/queries", INVESTIGATOR);
        expected.put("GET /api/studies/{studyId}/cases/{caseId}/queries", INVESTIGATOR);
        expected.put("POST /api/studies/{studyId}/cases/{caseId}/queries", INVESTIGATOR);
        expected.put("POST /api/studies/{studyId}/cases/{caseId}/queries/{queryId}/answer", INVESTIGATOR);
        expected.put("POST /api/studies/{studyId}/cases/{caseId}/queries/{queryId}/close", INVESTIGATOR);
        expected.put("GET /v3/api-docs", SIGNED_IN);
        expected.put("GET /v3/api-docs.yaml", SIGNED_IN);
        expected.put("GET /v3/api-docs/swagger-config", SIGNED_IN);
        expected.put("GET /swagger-ui.html", SIGNED_IN);
        return expected;
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private StudyFixture fixture;

    @BeforeAll
    void seed()
    {
        fixture = StudyFixture.seed(context, "");
    }

    @Test
    void everyMappedEndpointHasAnExpectedAccess()
    {
        assertThat(new TreeSet<>(endpoints())).isSubsetOf(EXPECTED.keySet());
    }

    @Test
    void everyRoleIsAllowedOrDeniedAsExpectedOnEveryEndpoint()
            throws Exception
    {
        List<String> wrong = new ArrayList<>();
        int checks = 0;
        for (String endpoint : endpoints()) {
            Set<String> allowed = EXPECTED.getOrDefault(endpoint, Set.of());
            for (String who : EVERYONE) {
                MvcResult result = call(endpoint, who);
                MockHttpServletResponse response = result == null ? failed() : result.getResponse();
                boolean denied = isDenied(result);
                checks++;
                if (denied == allowed.contains(who)) {
                    wrong.add(endpoint + " as " + who + ": expected " + (allowed.contains(who) ? "allowed" : "denied")
                            + ", got " + response.getStatus() + " " + response.getRedirectedUrl());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checks).isGreaterThanOrEqualTo(EXPECTED.size() * EVERYONE.size() - 6 * 4);
    }

    /**
     * "Not found" versus "no access": an outsider (no role in the study) is answered 404 on every
     * route of the study, exactly as for a study id that does not exist, so the answer does not
     * say which studies exist; a member refused a route of another role gets 403, as they know the study.
     */
    @Test
    void studyTheCallerHasNoRoleInIsNotFoundExactlyAsAMissingOne()
            throws Exception
    {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : endpoints()) {
            String[] parts = endpoint.split(" ", 2);
            if (!parts[1].contains("{studyId}")) {
                continue;
            }
            MvcResult existingResult = perform(parts[0], parts[1].replace("{studyId}", Long.toString(fixture.studyId)), "outsider");
            MvcResult missingResult = perform(parts[0], parts[1].replace("{studyId}", "987654"), "outsider");
            MockHttpServletResponse existing = existingResult.getResponse();
            MockHttpServletResponse missing = missingResult.getResponse();
            // the answers may differ only by the path asked for
            String existingBody = existing.getContentAsString().replace(existingResult.getRequest().getRequestURI(), "PATH");
            String missingBody = missing.getContentAsString().replace(missingResult.getRequest().getRequestURI(), "PATH");
            if (existing.getStatus() != 404 || missing.getStatus() != 404 || !existingBody.equals(missingBody)) {
                wrong.add(endpoint + ": " + existing.getStatus() + " " + existingBody + " vs missing study " + missing.getStatus() + " " + missingBody);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void memberRefusedARouteOfAnotherRoleIsForbiddenWithWhoItIsFor()
            throws Exception
    {
        MockHttpServletResponse reader = perform("GET", "/api/studies/" + fixture.studyId + "/cases", "reader").getResponse();
        assertThat(reader.getStatus()).isEqualTo(403);
        assertThat(reader.getContentAsString()).contains("is for the study's investigators");
        assertThat(perform("GET", "/studies/" + fixture.studyId + "/cases/" + fixture.caseId, "analyst").getResponse().getStatus()).isEqualTo(403);
        // an admin sees every study: a route of another role is refused, a study that does not exist is not found
        assertThat(perform("GET", "/api/studies/" + fixture.studyId + "/cases", "admin").getResponse().getStatus()).isEqualTo(403);
        assertThat(perform("GET", "/api/studies/987654/cases", "admin").getResponse().getStatus()).isEqualTo(404);
        assertThat(perform("GET", "/api/studies/987654", "admin").getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void pathThatIsNoRouteIsNotFound()
            throws Exception
    {
        MockHttpServletResponse api = perform("GET", "/api/no-such-thing", "investigator").getResponse();
        assertThat(api.getStatus()).isEqualTo(404);
        assertThat(api.getContentAsString()).contains("not found: GET /api/no-such-thing");
        assertThat(perform("GET", "/no-such-page", "investigator").getResponse().getStatus()).isEqualTo(404);
        // inside a study the caller works in, a missing case is "not found" too
        assertThat(perform("GET", "/studies/" + fixture.studyId + "/cases/987654", "investigator").getResponse().getStatus()).isEqualTo(404);
        assertThat(perform("GET", "/api/studies/" + fixture.studyId + "/worklist/CT-NOSUCH1", "reader").getResponse().getStatus()).isEqualTo(404);
    }

    private static MockHttpServletResponse failed()
    {
        MockHttpServletResponse failed = new MockHttpServletResponse();
        failed.setStatus(500);
        return failed;
    }

    private List<String> endpoints()
    {
        List<String> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add("GET " + pattern);
                }
                for (RequestMethod method : methods) {
                    endpoints.add(method.name() + " " + pattern);
                }
            }
        }
        return endpoints.stream().distinct().sorted().toList();
    }

    private MvcResult call(String endpoint, String who)
            throws Exception
    {
        String[] parts = endpoint.split(" ", 2);
        return perform(parts[0], parts[1]
                .replace("{studyId}", Long.toString(fixture.studyId)), who);
    }

    private MvcResult perform(String method, String pattern, String who)
            throws Exception
    {
        String path = pattern
                .replace("{studyId}", Long.toString(fixture.studyId))
                .replace("{caseId}", Long.toString(fixture.caseId))
                .replace("{code}", fixture.scanCode)
                .replace("{patientId}", "P1")
                .replace("{eventId}", Long.toString(fixture.adverseEventId))
                // no such query: an allowed call answers 404
                .replace("{queryId}", "999999")
                // no such user: an allowed call answers 404 or 400 and changes no account or membership
                .replace("{username}", "nobody");
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method), path).with(csrf());
        if (!who.equals(ANONYMOUS)) {
            request.with(who.equals("admin") ? user(who).roles("USER", "ADMIN") : user(who).roles("USER"));
        }
        try {
            return mvc.perform(request).andReturn();
        }
        catch (jakarta.servlet.ServletException e) {
            // the request passed security and then failed in the handler (an empty body, say): allowed
            return null;
        }
    }

    /**
     * Denied: 401 or 403, a 404 answered by security before any handler ran (a study the caller
     * has no role in), or (pages, anonymous) a redirect to the login page.
     */
    private static boolean isDenied(MvcResult result)
    {
        if (result == null) {
            return false;
        }
        MockHttpServletResponse response = result.getResponse();
        int status = response.getStatus();
        String location = response.getRedirectedUrl();
        return status == 401 || status == 403 || (status == 404 && result.getHandler() == null)
                || (status / 100 == 3 && location != null && location.contains("/login"));
    }
}
