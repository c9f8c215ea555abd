package org.casebook.synthea;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.local.ExtractFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that no one here wrote: a Synthea population (opt-in profile {@code synthea}) screens
 * without a crash or a skipped line, and every Patient Synthea wrote is counted. Synthea runs in its
 * own JVM on this module's test class path (Synthea and casebook-screening, no other FHIR library).
 */
class SyntheaPopulationTest
{
    @TempDir
    Path temp;

    @Test
    void syntheaPopulationScreensWithoutACrashOrASkippedLine()
            throws IOException, InterruptedException
    {
        Path synthea = temp.resolve("synthea");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "App",
                "-p", "200", "-s", "20241125", "--exporter.fhir.bulk_data=true", "--exporter.baseDirectory=" + synthea + File.separator))
                .redirectErrorStream(true).redirectOutput(temp.resolve("synthea.log").toFile()).start();
        assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("Synthea finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(temp.resolve("synthea.log"))).isZero();
        Path extract = synthea.resolve("fhir");
        long patientsWritten = 0;
        for (ExtractFile file : ExtractFile.list(extract)) {
            if (file.typeName().equals("Patient")) {
                try (var lines = Files.lines(file.path())) {
                    patientsWritten += lines.filter(line -> !line.isBlank()).count();
                }
            }
        }
        assertThat(patientsWritten).isGreaterThanOrEqualTo(200);

        GenericScreening.Screened result = GenericScreening.forProtocol(org.casebook.protocol.Protocols.SEED, true).screen(extract, temp.resolve("out"));

        assertThat(result.flow().patientsInExtract()).isEqualTo(patientsWritten);
        assertThat(result.flow().linesSkipped()).isEmpty();
        assertThat(Files.readAllLines(temp.resolve("out/skipped.csv"))).hasSize(1);
    }
}
