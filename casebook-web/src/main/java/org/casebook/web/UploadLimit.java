package org.casebook.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The upload limit ({@code spring.servlet.multipart.max-request-size}, 20 MB) said in words: every
 * page gets it as {@code uploadLimitBytes} (progress.js refuses a larger choice before sending),
 * and an upload over it is a 413 with a message saying the limit, on the page's error page or as
 * the API's JSON error, never a bare error. Global advice: the upload is refused before any handler is chosen.
 */
@ControllerAdvice
public class UploadLimit
{
    private final DataSize limit;

    public UploadLimit(@Value("${spring.servlet.multipart.max-request-size:20MB}") DataSize limit)
    {
        this.limit = limit;
    }

    @ModelAttribute("uploadLimitBytes")
    long uploadLimitBytes()
    {
        return limit.toBytes();
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request, HttpServletResponse response, Model model)
    {
        String message = "The upload is larger than the limit of " + limit.toMegabytes() + " MB: zip the files, or import fewer at once.";
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ResponseEntity.status(413).body(Map.of("error", message, "fieldErrors", Map.of(), "importErrors", List.of(), "otherChanges", List.of()));
        }
        response.setStatus(413);
        model.addAttribute("error", message);
        return "error-page";
    }
}
