package org.casebook.redcap;

import static java.util.Objects.requireNonNull;

/**
 * One problem with a REDCap file, located by file, data row (1 = the first row under the
 * header; 0 = the file as a whole), column and value, as the workbook importer locates its own.
 */
public record RedcapIssue(String file, int row, String column, String value, String problem)
{
    public RedcapIssue
    {
        requireNonNull(file, "file is null");
        requireNonNull(problem, "problem is null");
    }

    /** {@code data.csv row 3 (record 12), column age: '300': expected a number from 0 to 120} */
    public String message()
    {
        StringBuilder message = new StringBuilder(file);
        if (row > 0) {
            message.append(" row ").append(row);
        }
        if (column != null) {
            message.append(", column ").append(column);
        }
        if (value != null) {
            message.append(": '").append(value).append("'");
        }
        return message.append(": ").append(problem).toString();
    }
}
