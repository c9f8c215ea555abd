package org.casebook.workbook;

import org.casebook.error.Messages;

import static java.util.Objects.requireNonNull;

/**
 * One problem found while importing a case workbook, located by sheet (or file), data row
 * (1 = the first row under the header; 0 = the sheet as a whole), column and value.
 */
public record ImportIssue(Severity severity, String sheet, int row, String column, String value, String problem)
{
    public enum Severity
    {
        ERROR, WARNING
    }

    public ImportIssue
    {
        requireNonNull(severity, "severity is null");
        requireNonNull(sheet, "sheet is null");
        requireNonNull(problem, "problem is null");
    }

    public static ImportIssue error(String sheet, int row, String column, String value, String problem)
    {
        return new ImportIssue(Severity.ERROR, sheet, row, column, value, problem);
    }

    public static ImportIssue warning(String sheet, int row, String column, String value, String problem)
    {
        return new ImportIssue(Severity.WARNING, sheet, row, column, value, problem);
    }

    /** {@code measurements.csv row 3, column value: 'abc': expected a number} */
    public String message()
    {
        StringBuilder message = new StringBuilder(Messages.shorten(sheet, 200));
        if (row > 0) {
            message.append(" row ").append(row);
        }
        if (column != null) {
            message.append(", column ").append(Messages.shorten(column));
        }
        if (value != null) {
            message.append(": '").append(Messages.shorten(value)).append("'");
        }
        return message.append(": ").append(problem).toString();
    }
}
