package org.casebook.web.api;

import java.util.List;

import org.casebook.store.screening.ScreeningFileError;
import org.casebook.store.screening.ScreeningFileException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A bad screening output as JSON {@code {error, fileErrors: [{file, line, column, value, problem}]}} (400).
 * Ordered before {@link ApiErrors}, which answers every other failure of the screening API.
 */
@RestControllerAdvice(assignableTypes = ScreeningApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ScreeningApiErrors
{
    public record FileErrors(String error, List<ScreeningFileError> fileErrors) {}

    @ExceptionHandler(ScreeningFileException.class)
    ResponseEntity<FileErrors> fileErrors(ScreeningFileException e)
    {
        return ResponseEntity.badRequest().body(new FileErrors(e.getMessage(), e.errors()));
    }
}
