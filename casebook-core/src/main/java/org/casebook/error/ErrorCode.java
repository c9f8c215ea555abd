package org.casebook.error;

/**
 * Category of a failure. Each maps to one command-line exit code (and later one HTTP status),
 * so the user learns whether they can fix the problem themselves.
 */
public enum ErrorCode
{
    /** The user's input (protocol, workbook, extract, arguments) is wrong; they can fix it. */
    BAD_INPUT(1, 400),
    /** Something the user asked for does not exist (a protocol name, a file). */
    NOT_FOUND(1, 404),
    /** The user may not do this (a study setting or a role rule forbids it); asking someone else can fix it. */
    FORBIDDEN(1, 403),
    /** A bug or an environment failure; not the user's fault. */
    INTERNAL(2, 500);

    private final int exitCode;
    private final int httpStatus;

    ErrorCode(int exitCode, int httpStatus)
    {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    public int exitCode()
    {
        return exitCode;
    }

    public int httpStatus()
    {
        return httpStatus;
    }
}
