package org.casebook.store.screening;

import static java.util.Objects.requireNonNull;

/**
 * One problem of an imported screening output, located by file, line (1 = the header of a CSV
 * file; 0 = the file as a whole), column and value.
 */
public record ScreeningFileError(String file, int line, String column, String value, String problem)
{
    public ScreeningFileError
    {
        requireNonNull(file, "file is null");
        requireNonNull(problem, "problem is null");
    }

    /** {@code screening.csv line 3, column day0: '2024-13-01': not a date (YYYY-MM-DD)} */
    public String message()
    {
        StringBuilder message = new StringBuilder(file);
        if (line > 0) {
            message.append(" line ").append(line);
        }
        if (column != null) {
            message.append(line > 0 ? ", column " : " column ").append(column);
        }
        if (value != null) {
            message.append(": '").append(value).append('\'');
        }
        return message.append(": ").append(problem).toString();
    }
}
