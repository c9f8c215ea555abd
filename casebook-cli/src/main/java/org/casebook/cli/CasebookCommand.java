package org.casebook.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

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
        description = "Reproducible retrospective case series from hospital records.")
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
        org.casebook.io.StepClock.mark("main");
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
        org.casebook.io.StepClock.mark(org.casebook.io.StepClock.EXIT);
        System.exit(exitCode);
    }

    /**
     * The subcommands in the order {@code --help} lists them. Each is made only when needed: picocli
     * reads every option of every command it is given, which cost a tenth of a demo's CPU time and
     * loaded the web server's classes on every batch command.
     */
    private static Map<String, Supplier<Object>> subcommands()
    {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("demo", DemoCommand::new);
        commands.put("analyze", AnalyzeCommand::new);
        commands.put("report", ReportCommand::new);
        commands.put("bench", BenchCommand::new);
        commands.put("protocol", ProtocolCommand::new);
        commands.put("redcap", RedcapCommand::new);
        commands.put("odm", OdmCommand::new);
        commands.put("serve", org.casebook.cli.web.ServeCommand::new);
        commands.put("user", org.casebook.cli.web.UserCommand::new);
        commands.put("audit", org.casebook.cli.web.AuditCommand::new);
        commands.put("screen", org.casebook.cli.screening.ScreenCommand::new);
        commands.put("synth", org.casebook.cli.screening.SynthCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return commands;
    }

    /** Runs the command line and returns the exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args)
    {
        return newCommandLine(args).execute(args);
    }

    /** The whole command line, every subcommand in it. */
    public static CommandLine newCommandLine()
    {
        return newCommandLine(new String[0]);
    }

    /** The options that print the version; picocli answers them before reading any subcommand. */
    private static final java.util.Set<String> VERSION_OPTIONS = java.util.Set.of("--version", "-V");

    /**
     * The command line for these arguments: when the first names a subcommand (other than
     * {@code help}), only that one is in it, which parses and runs the same; when the only argument
     * asks for the version, none; otherwise (no subcommand, another option first, {@code help}, a mistyped name)
     * every subcommand, so that the usage lists them all and a mistyped name gets picocli's
     * suggestions.
     */
    public static CommandLine newCommandLine(String... args)
    {
        // Apache POI logs through Log4j; without a provider Log4j prints a warning on every run.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        // and POI's own error logs (with stack traces) of a damaged .xlsx stay off the terminal: the import reports them as located errors
        if (System.getProperty("org.apache.logging.log4j.simplelog.level") == null) {
            System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
        }
        CommandLine commandLine = new CommandLine(new CasebookCommand());
        Map<String, Supplier<Object>> commands = subcommands();
        String first = args.length > 0 ? args[0] : "";
        if (commands.containsKey(first) && !first.equals("help")) {
            if (first.equals("screen")) {
                org.casebook.cli.screening.ScreenCommand.warmUpReading(args);
            }
            commandLine.addSubcommand(first, commands.get(first).get());
        }
        else if (!(args.length == 1 && VERSION_OPTIONS.contains(first))) {
            commands.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        }
        ErrorReporter reporter = new ErrorReporter(arguments -> java.util.Arrays.asList(arguments).contains("--debug"));
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setExitCodeExceptionMapper(reporter);
        return commandLine;
    }
}
