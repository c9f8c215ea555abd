package org.casebook.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code casebook} command. Subcommands do the work; this class wires them and maps
 * failures to exit codes (0 ok, 1 bad input, 2 internal error) through {@link ErrorReporter}.
 */
@Command(
        name = "casebook",
        mixinStandardHelpOptions = true,
        versionProvider = CasebookVersion.class,
        description = "Reproducible retrospective case series from hospital records.",
        subcommands = {
                DemoCommand.class,
                AnalyzeCommand.class,
                ReportCommand.class,
                BenchCommand.class,
                ProtocolCommand.class,
                RedcapCommand.class,
                OdmCommand.class,
                org.casebook.cli.web.ServeCommand.class,
                org.casebook.cli.web.UserCommand.class,
                org.casebook.cli.web.AuditCommand.class,
                org.casebook.cli.screening.ScreenCommand.class,
                org.casebook.cli.screening.SynthCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class CasebookCommand
        implements Runnable
{
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args)
    {
        int exitCode;
        try {
            exitCode = execute(args);
        }
        catch (Throwable error) {
            // Errors (not Exceptions) bypass picocli's handler: still a message and exit code 2.
            System.err.println("casebook: internal error: " + error);
            if (java.util.Arrays.asList(args).contains("--debug")) {
                error.printStackTrace();
            }
            exitCode = 2;
        }
        System.exit(exitCode);
    }

    /** Runs the command line and returns the exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args)
    {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine()
    {
        // Apache POI logs through Log4j; without a provider Log4j prints a warning on every run.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        // and POI's own error logs (with stack traces) of a damaged .xlsx stay off the terminal: the import reports them as located errors
        if (System.getProperty("org.apache.logging.log4j.simplelog.level") == null) {
            System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
        }
        CommandLine commandLine = new CommandLine(new CasebookCommand());
        ErrorReporter reporter = new ErrorReporter(args -> java.util.Arrays.asList(args).contains("--debug"));
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setExitCodeExceptionMapper(reporter);
        return commandLine;
    }
}
