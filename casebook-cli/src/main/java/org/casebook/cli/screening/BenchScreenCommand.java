package org.casebook.cli.screening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.casebook.protocol.Protocols;
import org.casebook.screening.bench.ScreenBenchmark;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.SyntheticHospital;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code casebook bench screen}: casebook's screen against the parse floor, HAPI FHIR and DuckDB on one synthetic extract. */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {"Time casebook screen, a Jackson parse of every line (the floor), and, when the casebook-bench module is on",
                "the class path (bin/casebook-bench), HAPI FHIR parsing and DuckDB read_json SQL, on the same synthetic extract."})
public final class BenchScreenCommand
        implements Callable<Integer>
{
    @Option(names = "--patients", paramLabel = "N", defaultValue = "100000", description = "Synthetic patients (default: ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--extract", paramLabel = "DIR", description = "Use (or create) this uncompressed extract instead of a temporary one.")
    Path extract;

    @Option(names = "--protocol", paramLabel = "NAME|FILE", defaultValue = Protocols.SEED, description = "Protocol (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "5",
            description = "Runs of each reader: the first half warm up, the median of the rest is reported, the first as its cold time (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
            throws Exception
    {
        Path folder = extract != null ? extract : Files.createTempDirectory("casebook-bench-");
        ProgressListener progress = ProgressBars.of(quiet);
        SyntheticHospital.Summary summary;
        if (!Files.isDirectory(folder.resolve("expected"))) {
            summary = new SyntheticHospital(seed, patients, false).write(folder, progress);
        }
        else {
            summary = null;
        }
        GenericScreening screening = GenericScreening.forProtocol(protocol, false);
        long resources = countResources(folder);
        List<ScreenBenchmark.Result> results = ScreenBenchmark.run(folder, ScreenBenchmark.baselines(screening), resources, Math.max(1, runs), progress);
        var out = spec.commandLine().getOut();
        out.printf("extract: %s, %d resources%s%n", folder, resources, summary == null ? "" : ", " + summary.patients() + " patients");
        out.print(ScreenBenchmark.table(results));
        out.printf("JVM max heap: %d MB%n", Runtime.getRuntime().maxMemory() / 1_000_000);
        out.flush();
        if (extract == null) {
            deleteRecursively(folder);
        }
        return 0;
    }

    private static long countResources(Path folder)
            throws IOException
    {
        long lines = 0;
        for (var file : org.casebook.screening.local.ExtractFile.list(folder)) {
            try (var stream = Files.lines(file.path())) {
                lines += stream.filter(line -> !line.isBlank()).count();
            }
        }
        return lines;
    }

    private static void deleteRecursively(Path folder)
            throws IOException
    {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
