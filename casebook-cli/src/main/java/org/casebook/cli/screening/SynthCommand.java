package org.casebook.cli.screening;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.casebook.screening.synth.SyntheticHospital;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code casebook synth}: a synthetic hospital's bulk export with planted cases and the expected screening result. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a synthetic hospital's FHIR R4 bulk export: background patients, planted eligible patients and",
                "named near misses, with the expected screening result in DIR/expected/ (docs/screening.md)."},
        footer = {"", "Example:", "  casebook synth --patients 100000 --seed 7 --out hospital/"})
public final class SynthCommand
        implements Callable<Integer>
{
    @Option(names = "--patients", paramLabel = "N", required = true, description = "Number of patients.")
    int patients;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed; the same seed writes the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--gzip", description = "Write .ndjson.gz files.")
    boolean gzip;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        long start = System.nanoTime();
        SyntheticHospital.Summary summary = new SyntheticHospital(seed, patients, gzip).write(out, ProgressBars.of(quiet));
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf("wrote %d patients, %d resources to %s in %.1f s (%.0f patients/min); %d planted, %d expected included, %d expected candidates%n",
                summary.patients(), summary.resources(), out, seconds, summary.patients() / seconds * 60, summary.planted(), summary.included(), summary.candidates());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
