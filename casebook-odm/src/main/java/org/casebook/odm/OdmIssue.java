package org.casebook.odm;

import static java.util.Objects.requireNonNull;

/**
 * One problem with an ODM file, located by file, line (0 = the file as a whole), element and
 * value, as the workbook importer locates its own.
 */
public record OdmIssue(String file, int line, String element, String value, String problem)
{
    public OdmIssue
    {
        requireNonNull(file, "file is null");
        requireNonNull(problem, "problem is null");
    }

    /** {@code study.xml line 120, ItemData I.MX.pao2: '9999': expected …} */
    public String message()
    {
        StringBuilder message = new StringBuilder(file);
        if (line > 0) {
            message.append(" line ").append(line);
        }
        if (element != null) {
            message.append(", ").append(element);
        }
        if (value != null) {
            message.append(": '").append(value).append("'");
        }
        return message.append(": ").append(problem).toString();
    }
}
