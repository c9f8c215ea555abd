package org.casebook.cli.screening;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.cli.screening.ScreeningCommandsTest.run;

/**
 * {@code casebook screen --engine}: the casebook jar has only the local engine; {@code --engine spark}
 * without casebook-spark on the class path is a message saying how to get it (the Spark engine's
 * own tests are casebook-spark's).
 */
class EngineOptionTest
{
    @TempDir
    Path temp;

    @Test
    void sparkWithoutTheSparkModuleSaysHowToGetIt()
    {
        Path hospital = temp.resolve("hospital");
        assertThat(run("synth", "--protocol", "dm-ild-tofacitinib", "--patients", "100", "--out", hospital.toString(), "--quiet").exitCode()).isZero();

        ScreeningCommandsTest.Run spark = run("screen", "--engine", "spark", "--master", "local[2]", "--fhir", hospital.toString(),
                "--protocol", "dm-ild-tofacitinib", "--out", temp.resolve("out").toString());
        assertThat(spark.exitCode()).isEqualTo(1);
        assertThat(spark.err()).contains("--engine spark needs the casebook-spark module", "bin/casebook-spark", "spark-submit");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void anUnknownEngineOrAMasterForTheLocalEngineIsAMessage()
    {
        ScreeningCommandsTest.Run unknown = run("screen", "--engine", "flink", "--fhir", temp.toString(), "--out", temp.resolve("out").toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown --engine 'flink': local or spark");
        ScreeningCommandsTest.Run master = run("screen", "--master", "local[2]", "--fhir", temp.toString(), "--out", temp.resolve("out").toString());
        assertThat(master.exitCode()).isEqualTo(1);
        assertThat(master.err()).contains("--master is Spark's: use it with --engine spark");
    }
}
