package org.casebook.cli.screening;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.Protocols;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.ScreeningEngineProvider;
import org.casebook.screening.generic.GenericExtractReader;
import org.casebook.screening.generic.RecordSource;
import org.casebook.screening.generic.SpillLimit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code casebook screen}: find the consecutive eligible patients in a FHIR bulk export. */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {"Screen a FHIR R4 bulk-data export (<Type>[-suffix].ndjson[.gz] files) or OMOP CDM v5.4 tables by the protocol's eligibility rules",
                "into a screening log, flow counts, skipped lines and a case workbook of the included patients (docs/screening.md)."},
        footer = {"", "Example:", "  casebook synth --patients 10000 --seed 1 --out hospital/",
                "  casebook screen --extract hospital/ --out screening/",
                "  casebook screen --omop cdm/ --protocol dm-ild-tofacitinib --out screening-omop/",
                "  bin/casebook-spark screen --engine spark --master local[2] --fhir h2/ --protocol dm-ild-tofacitinib --out screening-spark/",
                "  casebook analyze --cases screening/cases/"})
public final class ScreenCommand
        implements Callable<Integer>
{
    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    /** The input format: a FHIR bulk export or OMOP CDM tables. */
    static final class Input
    {
        @Option(names = {"--extract", "--fhir"}, paramLabel = "DIR", required = true,
                description = "Folder of a FHIR R4 bulk-data export: a path or a file: URI; with --engine spark also hdfs://… or s3a://… (docs/spark.md).")
        String extract;

        @Option(names = "--omop", paramLabel = "SOURCE", required = true,
                description = "OMOP CDM v5.4 tables: a folder (or .zip) of CSV table files (PERSON.csv or person.csv, Athena's tab-separated vocabulary files) "
                        + "or Parquet files (with DuckDB on the class path: bin/casebook-bench), or a database: jdbc:postgresql://HOST/DB?currentSchema=cdm "
                        + "(user and password from CASEBOOK_OMOP_USER and CASEBOOK_OMOP_PASSWORD, never on the command line). "
                        + "With --engine spark: a folder (not a .zip), also hdfs://… or s3a://…, read in Spark tasks (docs/spark.md).")
        String omop;
    }

    @Option(names = "--protocol", paramLabel = "NAME|FILE", defaultValue = Protocols.SEED,
            description = "Built-in protocol name or protocol file (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (new or empty); written atomically.")
    Path out;

    @Option(names = "--strict", description = "Stop at the first line that cannot be used, naming its file and line.")
    boolean strict;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = {"Where to screen (default: ${DEFAULT-VALUE}): local, in this process; spark, on Apache Spark (the generic engine's rules in Spark tasks;",
                    "needs the casebook-spark module on the class path: bin/casebook-spark, or spark-submit, docs/spark.md)."})
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: Spark's master, e.g. local[2] (in this process), spark://HOST:7077, yarn (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--spill-after", paramLabel = "RECORDS|never",
            description = {"Local engine, FHIR export: how many of the candidates' records to hold in memory before writing them to disk, sorted by patient,",
                    "under the output's partial folder (deleted at the end); default: the maximum heap (-Xmx) / 4096 bytes, at least 10000 (docs/screening.md, \"Memory\")."})
    String spillAfter;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Starts the reading's warm-up ({@link GenericExtractReader#warmUp}) on a thread of its own, so
     * that it runs on the other core while picocli reads the command line and the engine the
     * protocol; not for OMOP tables or the Spark engine, which read otherwise. The thread only
     * gives the reading a head start: whatever befalls it, the screening reads on without it.
     */
    public static void warmUpReading(String... args)
    {
        java.util.List<String> arguments = java.util.Arrays.asList(args);
        if (arguments.contains("--omop") || arguments.contains("spark") || arguments.contains("--engine=spark")) {
            return;
        }
        Thread warmUp = new Thread(() -> {
            try {
                GenericExtractReader.warmUp();
            }
            catch (IOException | RuntimeException e) {
                // nothing lost but the head start
            }
        }, "screening-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    @Override
    public Integer call()
    {
        ScreeningEngine engine = engine();
        ScreeningEngine.Summary summary;
        try {
            // the local engine shows a progress bar over the export's bytes; Spark reports its own stages
            summary = input.extract == null ? engine.screenOmop(input.omop, out)
                    : engine.name().equals("local") ? engine.screen(RecordSource.fhir(ScreeningEngine.localFolder(input.extract), ProgressBars.of(quiet)), out)
                    : engine.screen(input.extract, out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("patients in extract: %d%n", summary.patientsInExtract());
        printer.printf("with an index %s: %d%n", summary.indexAdmission() ? "admission" : "event", summary.withIndexEvent());
        // in the protocol's order, each criterion in its own words: the first one a patient did not meet
        for (org.casebook.protocol.EligibilityCriterion criterion : summary.criteria()) {
            Long excluded = summary.excludedByReason().get(criterion.id());
            if (excluded != null && excluded > 0) {
                printer.printf("excluded, not met: %s (%s): %d%n", criterion.id(), criterion.description(), excluded);
            }
        }
        printer.printf("included: %d%n", summary.included());
        long skipped = summary.linesSkipped();
        printer.printf("lines skipped: %d%s%n", skipped, skipped > 0 ? " (see " + out.resolve("skipped.csv") + ")" : "");
        printer.printf("wrote %s (screening.csv, flow.json, flow.svg, skipped.csv, cases/)%n", out);
        printer.flush();
        return 0;
    }

    /** The local engine for the protocol, or an engine found on the class path ({@link ScreeningEngineProvider}): casebook-spark's. */
    private ScreeningEngine engine()
    {
        if (engine.equals("local")) {
            if (master != null) {
                throw new CasebookException(ErrorCode.BAD_INPUT, "--master is Spark's: use it with --engine spark");
            }
            return ScreeningEngine.forProtocol(protocol, strict, spillAfter == null ? SpillLimit.fromHeap() : SpillLimit.parse(spillAfter));
        }
        if (spillAfter != null) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "--spill-after is the local engine's: Spark spills by its own settings (spark.memory.*)");
        }
        if (!engine.equals("spark")) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "unknown --engine '" + engine + "': local or spark");
        }
        return ScreeningEngineProvider.find(engine)
                .orElseThrow(() -> new CasebookException(ErrorCode.BAD_INPUT, "--engine spark needs the casebook-spark module, which the casebook jar leaves out"
                        + " (Spark is 277 MiB of jars): run bin/casebook-spark screen ... instead (it builds the module and its class path with Maven),"
                        + " or spark-submit it on a cluster (docs/spark.md)"))
                .engine(protocol, strict, master);
    }
}
