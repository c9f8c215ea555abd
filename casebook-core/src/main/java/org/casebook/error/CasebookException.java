package org.casebook.error;

import static java.util.Objects.requireNonNull;

/** The one exception type casebook raises on purpose; its message is written for the user. */
public class CasebookException
        extends RuntimeException
{
    private final ErrorCode errorCode;

    public CasebookException(ErrorCode errorCode, String message)
    {
        this(errorCode, message, null);
    }

    public CasebookException(ErrorCode errorCode, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public static CasebookException badInput(String format, Object... args)
    {
        return new CasebookException(ErrorCode.BAD_INPUT, String.format(format, args));
    }

    public ErrorCode errorCode()
    {
        return errorCode;
    }
}
