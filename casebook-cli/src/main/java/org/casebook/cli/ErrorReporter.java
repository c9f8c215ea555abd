package org.casebook.cli;

import java.util.function.Predicate;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.error.Messages;
import picocli.CommandLine;

/**
 * Turns an exception from a subcommand into a message and an exit code: 1 for input the user
 * can fix, 2 for internal errors. Stack traces only with {@code --debug}.
 */
final class ErrorReporter
        implements CommandLine.IExecutionExceptionHandler, CommandLine.IExitCodeExceptionMapper
{
    private final Predicate<String[]> debugRequested;

    ErrorReporter(Predicate<String[]> debugRequested)
    {
        this.debugRequested = debugRequested;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult)
    {
        var err = commandLine.getErr();
        boolean debug = debugRequested.test(parseResult.originalArgs().toArray(String[]::new));
        if (exception instanceof CasebookException casebookException) {
            err.println("casebook: " + Messages.safeForTerminal(casebookException.getMessage()));
        }
        else {
            err.println("casebook: internal error: " + Messages.safeForTerminal(exception.toString()));
            if (!debug) {
                err.println("(run again with --debug to see the stack trace)");
            }
        }
        if (debug) {
            exception.printStackTrace(err);
        }
        err.flush();
        return getExitCode(exception);
    }

    @Override
    public int getExitCode(Throwable exception)
    {
        if (exception instanceof CasebookException casebookException) {
            return casebookException.errorCode().exitCode();
        }
        if (exception instanceof CommandLine.ParameterException) {
            return ErrorCode.BAD_INPUT.exitCode();
        }
        return ErrorCode.INTERNAL.exitCode();
    }
}
