package org.casebook.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.report.StudyData;
import org.casebook.report.bench.ScaledSeries;
import org.casebook.workbook.WorkbookWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code casebook bench}: timings of casebook's work (report, screening) on generated data. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks on generated series.",
        subcommands = {BenchCommand.ReportBench.class, org.casebook.cli.screening.BenchScreenCommand.class})
final class BenchCommand
        implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code casebook bench report}: the demo's patients repeated with new ids and jittered values up
     * to {@code --patients}, written as a CSV workbook, then imported, analyzed and reported in this
     * JVM. The time from JVM start to the command is printed apart and not included.
     */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Time the report for a generated workbook of N patients (the demo's patients repeated, jittered).")
    static final class ReportBench
            implements Callable<Integer>
    {
        @Option(names = "--patients", paramLabel = "N", defaultValue = "500", description = "Patients in the generated workbook (default: ${DEFAULT-VALUE}).")
        int patients;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "2", description = "Timed runs; the first is cold (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--seed", defaultValue = "20240101", description = "Seed of the jitter (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "casebook-out/bench", description = "Working folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--workbook-only", description = "Only write the generated workbook (OUT/cases-N), for timing `casebook analyze` and `casebook report` as processes of their own (bench/report-cold.sh).")
        boolean workbookOnly;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            long commandStart = System.currentTimeMillis();
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            PrintWriter console = spec.commandLine().getOut();
            console.printf("JVM start until the command ran: %d ms (not included below)%n", commandStart - jvmStart);
            if (patients < 1 || runs < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--patients and --runs must be at least 1");
            }
            StudyProtocol protocol = Protocols.builtIn(Protocols.SEED);
            Path demo = DemoWorkbook.unpackTo(out.resolve("demo-cases"));
            CaseWorkbook original = StudyInput.importCases(protocol, demo, spec.commandLine().getErr()).workbook();
            CaseWorkbook scaled = new ScaledSeries(protocol, seed).scale(original, patients);
            Path cases = out.resolve("cases-" + patients);
            new WorkbookWriter().writeCsvFolder(scaled, cases);
            console.printf("generated workbook: %s (%d patients from the demo's %d)%n", cases, patients, original.cases().size());
            if (workbookOnly) {
                console.flush();
                return 0;
            }
            console.printf("load average before the runs: %.2f on %d processors (other processes slow the runs down)%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
            for (int run = 1; run <= runs; run++) {
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                CaseWorkbook imported = StudyInput.importCasesForAnalysis(protocol, cases, spec.commandLine().getErr()).workbook();
                long importedAt = System.nanoTime();
                StudyData analyzed = StudyData.analyze(protocol, imported);
                long analyzedAt = System.nanoTime();
                var files = ReportCommand.write(analyzed, cases, out.resolve("report-" + patients), Clock.systemUTC());
                long end = System.nanoTime();
                console.printf("run %d%s: import %d ms + analysis %d ms + report %d ms = %d ms in-process (CPU time of the JVM: %d ms; heap limit %d MB), written to %s%n",
                        run, run == 1 ? " (cold)" : "", millis(start, importedAt), millis(importedAt, analyzedAt), millis(analyzedAt, end),
                        millis(start, end), millis(cpuStart, processCpuNanos()),
                        Runtime.getRuntime().maxMemory() >> 20,
                        files.html().getParent());
            }
            console.flush();
            return 0;
        }

        /** CPU time of this JVM (all threads), where the platform reports it; -1 elsewhere. */
        private static long processCpuNanos()
        {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return -1;
        }

        private static long millis(long from, long to)
        {
            return (to - from) / 1_000_000;
        }
    }
}
