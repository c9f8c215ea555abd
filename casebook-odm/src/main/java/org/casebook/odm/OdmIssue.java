package org.casebook.odm;

import org.casebook.error.Messages;

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
        StringBuilder message = new StringBuilder(Messages.shorten(file, 200));
        if (line > 0) {
            message.append(" line ").append(line);
        }
        if (element != null) {
            message.append(", ").append(Messages.shorten(element, 200));
        }
        if (value != null) {
            message.append(": '").append(Messages.shorten(value)).append("'");
        }
        return message.append(": ").append(Messages.shorten(problem, 1000)).toString();
    }
}
