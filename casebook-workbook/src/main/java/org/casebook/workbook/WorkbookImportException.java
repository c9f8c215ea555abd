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
        this(source, errors, errors.size());
    }

    /**
     * @param errors the errors kept, the first of {@code total}: a workbook with a mistake in every row
     *         of a large series would otherwise list millions
     */
    public WorkbookImportException(String source, List<ImportIssue> errors, long total)
    {
        super(ErrorCode.BAD_INPUT, total + " error(s) in case workbook " + source + ":\n"
                + errors.stream().map(issue -> "  " + issue.message()).collect(Collectors.joining("\n"))
                + (total > errors.size() ? "\n  … and " + (total - errors.size()) + " more, not listed" : ""));
        this.errors = List.copyOf(errors);
    }

    public List<ImportIssue> errors()
    {
        return errors;
    }
}
