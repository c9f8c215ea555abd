package org.casebook.web.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.casebook.store.study.Studies;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Whether a refused request is answered "not found" (404) or "no access" (403), the same way on
 * pages and in the API. A path that is no route of the app is not found. So is any route of a
 * study the caller has no role in (and is not a site admin): a study they may not see answers
 * exactly as a study that does not exist, so its id tells them nothing. A member of the study
 * refused a route of another role gets 403 with who the route is for: they know the study exists;
 * so does a site admin, who sees every study, unless the study does not exist.
 */
public final class Denials
{
    public enum Answer
    {
        NOT_FOUND,
        FORBIDDEN
    }

    /** The route a request matched, with its path variables; empty when it is no route of casebook. */
    record Match(AccessRules.Rule rule, Map<String, String> variables) {}

    private final StudyAccess studyAccess;
    private final Studies studies;

    public Denials(StudyAccess studyAccess, Studies studies)
    {
        this.studyAccess = studyAccess;
        this.studies = studies;
    }

    public Answer answer(HttpServletRequest request, Authentication authentication)
    {
        Match match = match(request);
        if (match == null) {
            return Answer.NOT_FOUND;
        }
        String studyId = match.variables().get("studyId");
        if (studyId == null) {
            return Answer.FORBIDDEN;
        }
        long id = parse(studyId);
        boolean visible = StudyAccess.isAdmin(authentication) ? studies.find(id).isPresent() : !studyAccess.roles(authentication, id).isEmpty();
        return visible ? Answer.FORBIDDEN : Answer.NOT_FOUND;
    }

    /** The first rule of {@link AccessRules#RULES} matching the request (the one the filter chain applied), or null. */
    static Match match(HttpServletRequest request)
    {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        for (AccessRules.Rule rule : AccessRules.RULES) {
            RequestMatcher.MatchResult result = paths.matcher(rule.method(), rule.pattern()).matcher(request);
            if (result.isMatch()) {
                return new Match(rule, result.getVariables());
            }
        }
        return null;
    }

    private static long parse(String studyId)
    {
        try {
            return Long.parseLong(studyId);
        }
        catch (NumberFormatException e) {
            return -1;
        }
    }
}
