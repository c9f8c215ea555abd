package org.casebook.cli.screening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.omop.OmopWriter;

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
            description = {"Built-in protocol name or protocol file: patients planted from its criteria and extract rules, the seed's",
                    "ae-ra-ild-jaki too. Without it, the seed study's own hospital (its richer near-miss catalogue)."})
    String protocol;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--format", paramLabel = "fhir|omop|fhir,omop", defaultValue = "fhir", split = ",",
            description = {"fhir (default): a FHIR bulk export in DIR; omop: the same patients as OMOP CDM tables in DIR (CSV, a CONCEPT table of",
                    "the codes used, fhir-ids.csv naming each row's FHIR record; DIR/expected/ as for fhir); fhir,omop: both, in DIR/fhir/ and DIR/omop/."})
    List<String> formats;

    @Option(names = "--gzip", description = "Write .ndjson.gz files.")
    boolean gzip;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
            throws IOException
    {
        Set<String> wanted = new TreeSet<>(formats);
        if (!Set.of("fhir", "omop").containsAll(wanted)) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "--format " + String.join(",", formats) + ": expected fhir, omop or fhir,omop");
        }
        if (wanted.equals(Set.of("fhir"))) {
            return writeFhir(out, out);
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyFolder(target)) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "output folder " + out + " already exists and is not empty; choose a new one");
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            Path fhir = temporary.resolve("fhir");
            int code = writeFhir(fhir, wanted.contains("fhir") ? out.resolve("fhir") : out);
            Path omop = temporary.resolve("omop");
            OmopWriter.Written written = OmopWriter.fromFhir(fhir, omop);
            Path result;
            if (wanted.contains("fhir")) {
                result = temporary;
            }
            else {
                Files.move(fhir.resolve("expected"), omop.resolve("expected"));
                result = omop;
            }
            spec.commandLine().getOut().printf("wrote the same %d patients as OMOP CDM tables to %s%n", written.patientIds().size(),
                    wanted.contains("fhir") ? out.resolve("omop") : out);
            spec.commandLine().getOut().flush();
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(result, target, StandardCopyOption.ATOMIC_MOVE);
            return code;
        }
        finally {
            if (Files.exists(temporary)) {
                try (Stream<Path> paths = Files.walk(temporary)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    private static boolean isEmptyFolder(Path folder)
            throws IOException
    {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Writes the FHIR export into {@code out}, naming it {@code shown} in the summary line. */
    private int writeFhir(Path out, Path shown)
    {
        long start = System.nanoTime();
        if (protocol != null) {
            GenericHospital.Summary summary = GenericHospital.load(protocol, seed, patients, gzip).write(out, ProgressBars.of(quiet));
            double seconds = (System.nanoTime() - start) / 1e9;
            spec.commandLine().getOut().printf("wrote %d patients, %d resources to %s in %.1f s; %d planted, %d expected included, %d expected candidates%n",
                    summary.patients(), summary.resources(), shown, seconds, summary.planted(), summary.included(), summary.candidates());
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
                summary.patients(), summary.resources(), shown, seconds, summary.patients() / seconds * 60, summary.planted(), summary.included(), summary.candidates());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
