package org.casebook.workbook;

import java.util.List;
import java.util.stream.Collectors;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/** An import that found errors: all of them, reported together; nothing was imported. */
public class WorkbookImportException
        extends CasebookException
{
    private final List<ImportIssue> errors;

    public WorkbookImportException(String source, List<ImportIssue> errors)
    {
        super(ErrorCode.BAD_INPUT, errors.size() + " error(s) in case workbook " + source + ":\n"
                + errors.stream().map(issue -> "  " + issue.message()).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ImportIssue> errors()
    {
        return errors;
    }
}
