package org.casebook.store;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/** A study, case, scan or user that does not exist (or that the caller may not see). */
public class NotFoundException
        extends CasebookException
{
    public NotFoundException(String what)
    {
        super(ErrorCode.NOT_FOUND, what + " not found");
    }
}
