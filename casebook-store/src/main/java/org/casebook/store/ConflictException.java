package org.casebook.store;

import java.util.List;
import java.util.stream.Collectors;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/**
 * A save based on a version someone else has changed since: refused, naming the other change,
 * so nothing is silently overwritten. The web layer answers it with HTTP 409.
 */
public class ConflictException
        extends CasebookException
{
    private final int currentVersion;
    private final List<AuditEntry> otherChanges;

    public ConflictException(String what, int expectedVersion, int currentVersion, List<AuditEntry> otherChanges)
    {
        super(ErrorCode.BAD_INPUT, what + " was changed by someone else since you opened it (your version " + expectedVersion
                + ", now " + currentVersion + "); reload and apply your change again. Their change: "
                + otherChanges.stream().map(AuditEntry::describe).collect(Collectors.joining("; ")));
        this.currentVersion = currentVersion;
        this.otherChanges = List.copyOf(otherChanges);
    }

    public int currentVersion()
    {
        return currentVersion;
    }

    public List<AuditEntry> otherChanges()
    {
        return otherChanges;
    }
}
