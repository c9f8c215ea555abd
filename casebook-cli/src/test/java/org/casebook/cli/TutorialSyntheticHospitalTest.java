package org.casebook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The tutorial's protocol (copied from docs/protocol.md) gets a synthetic hospital that screening reproduces exactly. */
class TutorialSyntheticHospitalTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {2, 9})
    void synthThenScreenOfTheTutorialsProtocolGiveTheExpectedFiles(long seed)
            throws IOException
    {
        for (Map.Entry<String, String> file : ProtocolTutorialTest.tutorialFiles().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        String protocol = dir.resolve("amiodarone-thyroid/protocol.yaml").toString();
        Path hospital = dir.resolve("hospital");
        Path screening = dir.resolve("screening");

        CliRun synth = CliRun.of("synth", "--protocol", protocol, "--patients", "800", "--seed", Long.toString(seed), "--out", hospital.toString(), "--quiet");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).doesNotContain("otherwise than");
        CliRun screen = CliRun.of("screen", "--protocol", protocol, "--extract", hospital.toString(), "--out", screening.toString(), "--quiet");
        assertThat(screen.exitCode()).as(screen.err()).isZero();

        assertThat(Files.readAllLines(screening.resolve("screening.csv")).stream().map(line -> String.join(",", List.of(line.split(",", -1)).subList(0, 6))).toList())
                .containsExactlyElementsOf(Files.readAllLines(hospital.resolve("expected/screening.csv")));
        for (String name : List.of("cases.csv", "measurements.csv", "provenance.csv")) {
            assertThat(Files.readAllLines(screening.resolve("cases").resolve(name))).as(name)
                    .containsExactlyElementsOf(Files.readAllLines(hospital.resolve("expected/cases").resolve(name)));
        }
        assertThat(Files.readString(hospital.resolve("expected/cases/cases.csv"))).contains(",yes,");
    }
}
