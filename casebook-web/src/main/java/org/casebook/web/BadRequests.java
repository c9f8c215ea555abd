package org.casebook.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * A request Spring cannot even hand to its handler (a path or query value of the wrong type, a
 * missing parameter or file, a body that is not the JSON expected) is a 400 with a message saying
 * what was wrong, on the page's error page or as the API's JSON error: never a bare status page,
 * and never the parser's own message (it can name Java classes). After the other advice, which
 * handles casebook's own errors.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class BadRequests
{
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object wrongType(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response, Model model)
    {
        String expected = e.getRequiredType() != null && Number.class.isAssignableFrom(boxed(e.getRequiredType())) ? "a whole number" : "another value";
        // the parameter in words: caseId as "case id"
        String name = e.getName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return answer(String.format("'%s' is not a valid %s: expected %s", e.getValue(), name, expected), request, response, model);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missingParameter(MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response, Model model)
    {
        return answer("the request has no " + e.getParameterName() + ": fill it in and send it again", request, response, model);
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    Object missingFile(MissingServletRequestPartException e, HttpServletRequest request, HttpServletResponse response, Model model)
    {
        return answer("the request has no file '" + e.getRequestPartName() + "': choose one and send it again", request, response, model);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response, Model model)
    {
        return answer(unreadableMessage(e), request, response, model);
    }

    /** Where the JSON went wrong, by the field's path and line, without the parser's class names. */
    private static String unreadableMessage(HttpMessageNotReadableException e)
    {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            String value = mismatch instanceof InvalidFormatException invalid ? " '" + invalid.getValue() + "'" : "";
            Class<?> target = mismatch.getTargetType();
            if (target != null && target.isEnum()) {
                // say what would be accepted (a role is INVESTIGATOR, READER or ANALYST)
                String accepted = java.util.Arrays.stream(target.getEnumConstants()).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
                return "the JSON body's " + field + value + " is not one of " + accepted + line(mismatch);
            }
            return "the JSON body's " + field + value + " is not of the expected kind" + line(mismatch);
        }
        if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            return "the request body is not valid JSON" + line(json);
        }
        return "the request body is missing or not the JSON expected";
    }

    private static String line(com.fasterxml.jackson.core.JsonProcessingException e)
    {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static Class<?> boxed(Class<?> type)
    {
        if (type == long.class) {
            return Long.class;
        }
        return type == int.class ? Integer.class : type;
    }

    private static Object answer(String message, HttpServletRequest request, HttpServletResponse response, Model model)
    {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ResponseEntity.badRequest().body(Map.of("error", message, "fieldErrors", Map.of(), "importErrors", List.of(), "otherChanges", List.of()));
        }
        response.setStatus(400);
        model.addAttribute("error", "Bad request: " + message + ".");
        return "error-page";
    }
}
