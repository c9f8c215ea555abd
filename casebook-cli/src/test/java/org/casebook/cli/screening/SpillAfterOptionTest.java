package org.casebook.cli.screening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.cli.screening.ScreeningCommandsTest.run;

/** {@code casebook screen --spill-after}: any limit writes the same files; a bad value, or the option with Spark, is a message (exit 1). */
class SpillAfterOptionTest
{
    @TempDir
    Path temp;

    @Test
    void spillingEveryRecordWritesWhatHoldingThemWrites()
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        assertThat(run("synth", "--protocol", "dm-ild-tofacitinib", "--patients", "100", "--out", hospital.toString(), "--quiet").exitCode()).isZero();
        Path held = temp.resolve("held");
        Path spilled = temp.resolve("spilled");
        assertThat(run("screen", "--quiet", "--fhir", hospital.toString(), "--protocol", "dm-ild-tofacitinib", "--spill-after", "never",
                "--out", held.toString()).exitCode()).isZero();
        ScreeningCommandsTest.Run spilling = run("screen", "--quiet", "--fhir", hospital.toString(), "--protocol", "dm-ild-tofacitinib", "--spill-after", "1",
                "--out", spilled.toString());
        assertThat(spilling.exitCode()).as(spilling.err()).isZero();
        List<Path> files = files(held);
        assertThat(files(spilled)).containsExactlyElementsOf(files).contains(Path.of("screening.csv"), Path.of("cases", "cases.csv"));
        for (Path file : files) {
            assertThat(Files.readString(spilled.resolve(file))).as(file.toString()).isEqualTo(Files.readString(held.resolve(file)));
        }
    }

    @Test
    void aLimitThatIsNotACountOrTheOptionWithSparkIsAMessage()
    {
        for (String bad : new String[] {"0", "-1", "64m"}) {
            ScreeningCommandsTest.Run run = run("screen", "--spill-after", bad, "--fhir", temp.toString(), "--out", temp.resolve("out").toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("--spill-after: expected a whole number of records of at least 1, or 'never'; found '" + bad + "'");
        }
        ScreeningCommandsTest.Run spark = run("screen", "--engine", "spark", "--spill-after", "1000", "--fhir", temp.toString(), "--out", temp.resolve("out").toString());
        assertThat(spark.exitCode()).isEqualTo(1);
        assertThat(spark.err()).contains("--spill-after is the local engine's");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    private static List<Path> files(Path folder)
            throws IOException
    {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }
}
