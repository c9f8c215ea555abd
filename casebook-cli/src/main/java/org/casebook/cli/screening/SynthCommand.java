package org.casebook.cli.screening;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.casebook.screening.synth.SyntheticHospital;
import org.casebook.screening.synth.generic.GenericHospital;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code casebook synth}: a synthetic hospital's bulk export with planted cases and the expected screening result. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a synthetic hospital's FHIR R4 bulk export: background patients, planted eligible patients and",
                "named near misses, with the expected screening result in DIR/expected/ (docs/screening.md)."},
        footer = {"", "Examples:", "  casebook synth --patients 100000 --seed 7 --out hospital/",
                "  casebook synth --protocol my-study/protocol.yaml --patients 5000 --seed 1 --out hospital/"})
public final class SynthCommand
        implements Callable<Integer>
{
    @Option(names = "--patients", paramLabel = "N", required = true, description = "Number of patients.")
    int patients;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed; the same seed writes the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--protocol", paramLabel = "NAME|FILE",
            description = {"Built-in protocol name or protocol file. A protocol with the seed's extraction rules (the default, ae-ra-ild-jaki)",
                    "gets the seed's hospital; any other gets patients planted from its criteria and extract rules."})
    String protocol;

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
        if (protocol != null && !GenericHospital.hasSeedExtraction(protocol)) {
            GenericHospital.Summary summary = GenericHospital.load(protocol, seed, patients, gzip).write(out, ProgressBars.of(quiet));
            double seconds = (System.nanoTime() - start) / 1e9;
            spec.commandLine().getOut().printf("wrote %d patients, %d resources to %s in %.1f s; %d planted, %d expected included, %d expected candidates%n",
                    summary.patients(), summary.resources(), out, seconds, summary.planted(), summary.included(), summary.candidates());
            if (!summary.surprises().isEmpty()) {
                spec.commandLine().getOut().printf("%d planted patients screen otherwise than their variant intends (criteria that interact; expected/ follows the rules): %s%n",
                        summary.surprises().size(), String.join("; ", summary.surprises().subList(0, Math.min(5, summary.surprises().size()))));
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
        SyntheticHospital.Summary summary = new SyntheticHospital(seed, patients, gzip).write(out, ProgressBars.of(quiet));
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf("wrote %d patients, %d resources to %s in %.1f s (%.0f patients/min); %d planted, %d expected included, %d expected candidates%n",
                summary.patients(), summary.resources(), out, seconds, summary.patients() / seconds * 60, summary.planted(), summary.included(), summary.candidates());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
