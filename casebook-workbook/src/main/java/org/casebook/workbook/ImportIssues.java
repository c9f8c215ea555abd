package org.casebook.workbook;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors and warnings of one import, in the order they were found. */
final class ImportIssues
{
    private final List<ImportIssue> errors = new ArrayList<>();
    private final List<ImportIssue> warnings = new ArrayList<>();

    void error(String sheet, int row, String column, String value, String problem)
    {
        errors.add(ImportIssue.error(sheet, row, column, value, problem));
    }

    void warning(String sheet, int row, String column, String value, String problem)
    {
        warnings.add(ImportIssue.warning(sheet, row, column, value, problem));
    }

    boolean hasErrors()
    {
        return !errors.isEmpty();
    }

    List<ImportIssue> errors()
    {
        return List.copyOf(errors);
    }

    List<ImportIssue> warnings()
    {
        return List.copyOf(warnings);
    }
}
