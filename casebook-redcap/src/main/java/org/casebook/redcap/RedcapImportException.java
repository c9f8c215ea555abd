package org.casebook.redcap;

import java.util.List;
import java.util.stream.Collectors;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/** REDCap input with errors: all of them, reported together; nothing was written. */
public class RedcapImportException
        extends CasebookException
{
    private final List<RedcapIssue> issues;

    public RedcapImportException(String what, List<RedcapIssue> issues)
    {
        super(ErrorCode.BAD_INPUT, issues.size() + " error(s) in " + what + ":\n"
                + issues.stream().map(issue -> "  " + issue.message()).collect(Collectors.joining("\n")));
        this.issues = List.copyOf(issues);
    }

    public List<RedcapIssue> issues()
    {
        return issues;
    }
}
