package org.casebook.web.security;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;

import static java.util.Objects.requireNonNull;

/**
 * Every route of the app and who may call it, in one place. The security filter chain is built
 * from this table (anything not listed is denied) and the role-matrix test checks every handler
 * mapping of the running app against it. Pages and the REST API under {@code /api} share levels.
 */
public final class AccessRules
{
    /** A route pattern (Spring path pattern with {@code {studyId}}), its method (null: any) and its access level. */
    public record Rule(HttpMethod method, String pattern, Access access)
    {
        public Rule
        {
            requireNonNull(pattern, "pattern is null");
            requireNonNull(access, "access is null");
        }
    }

    public static final List<Rule> RULES = List.of(
            any("/login", Access.PUBLIC),
            any("/css/**", Access.PUBLIC),
            any("/js/**", Access.PUBLIC),
            any("/error", Access.PUBLIC),
            any("/favicon.ico", Access.PUBLIC),

            any("/", Access.AUTHENTICATED),
            any("/logout", Access.AUTHENTICATED),
            any("/account/password", Access.AUTHENTICATED),
            get("/studies", Access.AUTHENTICATED),
            get("/api/me", Access.AUTHENTICATED),
            get("/api/studies", Access.AUTHENTICATED),
            any("/v3/api-docs/**", Access.AUTHENTICATED),
            any("/v3/api-docs", Access.AUTHENTICATED),
            any("/v3/api-docs.yaml", Access.AUTHENTICATED),
            any("/swagger-ui/**", Access.AUTHENTICATED),
            any("/swagger-ui.html", Access.AUTHENTICATED),

            post("/studies", Access.ADMIN),
            any("/admin/users", Access.ADMIN),
            any("/admin/users/**", Access.ADMIN),
            any("/api/users", Access.ADMIN),
            any("/api/users/**", Access.ADMIN),
            post("/api/studies", Access.ADMIN),
            any("/studies/{studyId}/members", Access.ADMIN),
            any("/studies/{studyId}/members/**", Access.ADMIN),
            any("/api/studies/{studyId}/members", Access.ADMIN),
            any("/api/studies/{studyId}/members/**", Access.ADMIN),
            any("/studies/{studyId}/settings", Access.ADMIN),
            get("/admin/audit", Access.ADMIN),
            get("/admin/audit.csv", Access.ADMIN),
            get("/api/audit", Access.ADMIN),
            get("/studies/{studyId}/audit", Access.ADMIN),
            get("/studies/{studyId}/audit.csv", Access.ADMIN),
            any("/api/studies/{studyId}/settings", Access.ADMIN),

            get("/studies/{studyId}", Access.STUDY_MEMBER),
            get("/api/studies/{studyId}", Access.STUDY_MEMBER),

            any("/studies/{studyId}/import", Access.INVESTIGATOR),
            any("/studies/{studyId}/screening", Access.INVESTIGATOR),
            any("/studies/{studyId}/screening/**", Access.INVESTIGATOR),
            any("/studies/{studyId}/cases/**", Access.INVESTIGATOR),
            any("/studies/{studyId}/scans/**", Access.INVESTIGATOR),
            any("/api/studies/{studyId}/import", Access.INVESTIGATOR),
            any("/api/studies/{studyId}/screening", Access.INVESTIGATOR),
            any("/api/studies/{studyId}/screening/**", Access.INVESTIGATOR),
            any("/api/studies/{studyId}/cases/**", Access.INVESTIGATOR),
            any("/api/studies/{studyId}/scans/**", Access.INVESTIGATOR),
            get("/studies/{studyId}/dashboard", Access.INVESTIGATOR),
            get("/api/studies/{studyId}/dashboard", Access.INVESTIGATOR),
            get("/api/studies/{studyId}/queries", Access.INVESTIGATOR),

            any("/studies/{studyId}/worklist/**", Access.READER),
            any("/api/studies/{studyId}/worklist/**", Access.READER),

            // the study report has patient ids (Table 2): investigators only, declared before results/**
            any("/studies/{studyId}/results/report", Access.INVESTIGATOR),
            any("/studies/{studyId}/results/report/**", Access.INVESTIGATOR),
            any("/studies/{studyId}/results/**", Access.RESULTS),
            any("/api/studies/{studyId}/results/**", Access.RESULTS),
            any("/api/studies/{studyId}/report", Access.INVESTIGATOR),
            any("/api/studies/{studyId}/report/**", Access.INVESTIGATOR));

    /** Why the study report is withheld from analysts (and everyone but investigators). */
    public static final String REPORT_WITHHELD = "the study report lists every patient by id (Table 2) and their timelines, so only the study's "
            + "investigators may generate or download it; analysts have the de-identified results under /api/studies/{studyId}/results";

    /** Why a route is refused, where its level alone does not say; the API's 403 answer quotes it (by rule pattern). */
    public static final Map<String, String> DENIAL_REASONS = Map.of(
            "/api/studies/{studyId}/report", REPORT_WITHHELD,
            "/api/studies/{studyId}/report/**", REPORT_WITHHELD);

    private AccessRules() {}

    private static Rule any(String pattern, Access access)
    {
        return new Rule(null, pattern, access);
    }

    private static Rule get(String pattern, Access access)
    {
        return new Rule(HttpMethod.GET, pattern, access);
    }

    private static Rule post(String pattern, Access access)
    {
        return new Rule(HttpMethod.POST, pattern, access);
    }
}
