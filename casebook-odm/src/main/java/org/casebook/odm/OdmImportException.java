package org.casebook.odm;

import java.util.List;
import java.util.stream.Collectors;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/** An ODM file with errors: all of them, reported together; nothing was written. */
public class OdmImportException
        extends CasebookException
{
    private final List<OdmIssue> issues;

    public OdmImportException(String file, List<OdmIssue> issues)
    {
        super(ErrorCode.BAD_INPUT, issues.size() + " error(s) in " + file + ":\n"
                + issues.stream().map(issue -> "  " + issue.message()).collect(Collectors.joining("\n")));
        this.issues = List.copyOf(issues);
    }

    public List<OdmIssue> issues()
    {
        return issues;
    }
}
