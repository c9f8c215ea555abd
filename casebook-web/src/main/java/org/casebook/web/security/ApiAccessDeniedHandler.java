package org.casebook.web.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers a signed-in API caller who may not call a route with 403 and a JSON reason in the
 * shape of the API's other errors: who the route is for (from {@link AccessRules}) and, where
 * the rule has one, why ({@link AccessRules#DENIAL_REASONS}). A missing CSRF token says so. A path
 * that is no route, or a route of a study the caller has no role in, is a 404 {@code not found}
 * instead ({@link Denials}): the answer must not tell an outsider which study ids exist.
 */
final class ApiAccessDeniedHandler
        implements AccessDeniedHandler
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Denials denials;

    ApiAccessDeniedHandler(Denials denials)
    {
        this.denials = denials;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException
    {
        boolean notFound = !(denied instanceof CsrfException)
                && denials.answer(request, SecurityContextHolder.getContext().getAuthentication()) == Denials.Answer.NOT_FOUND;
        String error;
        if (denied instanceof CsrfException) {
            error = "missing or invalid CSRF token: send the token of a page (the _csrf field) as the X-CSRF-TOKEN header";
        }
        else if (notFound) {
            error = "not found: " + request.getMethod() + " " + request.getRequestURI();
        }
        else {
            error = reason(request);
        }
        response.setStatus(notFound ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), Map.of("error", error, "fieldErrors", Map.of(), "importErrors", List.of(), "otherChanges", List.of()));
    }

    private static String reason(HttpServletRequest request)
    {
        AccessRules.Rule rule = Denials.match(request).rule();
        String because = AccessRules.DENIAL_REASONS.get(rule.pattern());
        return "forbidden: " + request.getMethod() + " " + request.getRequestURI() + " is for " + who(rule.access())
                + (because == null ? "" : "; " + because);
    }

    private static String who(Access access)
    {
        return switch (access) {
            case PUBLIC -> "everyone";
            case AUTHENTICATED -> "signed-in users";
            case ADMIN -> "site admins";
            case STUDY_MEMBER -> "the study's members and site admins";
            case INVESTIGATOR -> "the study's investigators";
            case READER -> "the study's readers";
            case RESULTS -> "the study's investigators and analysts";
        };
    }
}
