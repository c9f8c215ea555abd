package org.casebook.web.api;

import java.util.List;
import java.util.Map;

import org.casebook.error.CasebookException;
import org.casebook.store.AuditEntry;
import org.casebook.store.ConflictException;
import org.casebook.store.cases.ValidationException;
import org.casebook.workbook.ImportIssue;
import org.casebook.workbook.WorkbookImportException;
import org.casebook.yaml.YamlFormatException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps casebook failures to JSON error bodies: 400 bad input, 404 not found, 409 conflict. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
public class ApiErrors
{
    public record Error(String error, Map<String, String> fieldErrors, List<ImportIssue> importErrors, List<AuditEntry> otherChanges) {}

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Error> conflict(ConflictException e)
    {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new Error(e.getMessage(), Map.of(), List.of(), e.otherChanges()));
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Error> invalid(ValidationException e)
    {
        return ResponseEntity.badRequest().body(new Error(e.getMessage(), e.fieldErrors(), List.of(), List.of()));
    }

    @ExceptionHandler(WorkbookImportException.class)
    ResponseEntity<Error> importErrors(WorkbookImportException e)
    {
        return ResponseEntity.badRequest().body(new Error(e.getMessage(), Map.of(), e.errors(), List.of()));
    }

    /** A mistake in an uploaded protocol: {@code {error, file, line, key}}. */
    public record ProtocolError(String error, String file, int line, String key) {}

    @ExceptionHandler(YamlFormatException.class)
    ResponseEntity<ProtocolError> protocolError(YamlFormatException e)
    {
        return ResponseEntity.badRequest().body(new ProtocolError(e.getMessage(), e.file(), e.line(), e.key()));
    }

    @ExceptionHandler(CasebookException.class)
    ResponseEntity<Error> casebook(CasebookException e)
    {
        return ResponseEntity.status(e.errorCode().httpStatus()).body(new Error(e.getMessage(), Map.of(), List.of(), List.of()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Error> illegalArgument(IllegalArgumentException e)
    {
        return ResponseEntity.badRequest().body(new Error(e.getMessage(), Map.of(), List.of(), List.of()));
    }
}
