package org.casebook.cli.screening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casebook.cli.screening.ScreeningCommandsTest.run;

/** {@code casebook synth --format fhir,omop} then {@code casebook screen --omop}: the OMOP tables screen as their FHIR export does, and bad sources are messages. */
class OmopScreenCommandTest
{
    static final String PROTOCOL = "dm-ild-tofacitinib";

    @TempDir
    Path temp;

    @Test
    void theSameHospitalWrittenAsFhirAndOmopScreensToTheSameIncludedPatients()
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        ScreeningCommandsTest.Run synth = run("synth", "--protocol", PROTOCOL, "--patients", "200", "--seed", "4", "--format", "fhir,omop", "--out", hospital.toString(), "--quiet");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(hospital.resolve("omop/PERSON.csv")).exists();
        assertThat(hospital.resolve("omop/fhir-ids.csv")).exists();

        ScreeningCommandsTest.Run fhir = run("screen", "--fhir", hospital.resolve("fhir").toString(), "--protocol", PROTOCOL, "--out", temp.resolve("from-fhir").toString(), "--quiet");
        ScreeningCommandsTest.Run omop = run("screen", "--omop", hospital.resolve("omop").toString(), "--protocol", PROTOCOL, "--strict", "--out", temp.resolve("from-omop").toString(), "--quiet");
        assertThat(omop.exitCode()).as(omop.err()).isZero();
        assertThat(summary(omop.out())).isEqualTo(summary(fhir.out())).anyMatch(line -> line.matches("included: [1-9]\\d*"));
        ScreeningCommandsTest.Run analyze = run("analyze", "--cases", temp.resolve("from-omop/cases").toString(), "--protocol", PROTOCOL);
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
    }

    @Test
    void omopAloneKeepsTheExpectedFilesBesideTheTables()
    {
        Path cdm = temp.resolve("cdm");
        ScreeningCommandsTest.Run synth = run("synth", "--protocol", PROTOCOL, "--patients", "60", "--format", "omop", "--out", cdm.toString(), "--quiet");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(cdm.resolve("CONCEPT.csv")).exists();
        assertThat(cdm.resolve("expected/screening.csv")).exists();
        assertThat(run("synth", "--patients", "60", "--format", "csv", "--out", temp.resolve("x").toString()).err()).contains("--format csv: expected fhir, omop or fhir,omop");
    }

    @Test
    void badSourcesAreMessagesAndLeaveNoOutput()
            throws IOException
    {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        ScreeningCommandsTest.Run noPerson = run("screen", "--omop", empty.toString(), "--protocol", PROTOCOL, "--out", temp.resolve("out").toString());
        assertThat(noPerson.exitCode()).isEqualTo(1);
        assertThat(noPerson.err()).contains("has no PERSON table");
        assertThat(temp.resolve("out")).doesNotExist();

        // the seed study reads OMOP tables as every protocol does
        ScreeningCommandsTest.Run seed = run("screen", "--omop", empty.toString(), "--out", temp.resolve("out").toString());
        assertThat(seed.exitCode()).isEqualTo(1);
        assertThat(seed.err()).contains("has no PERSON table");

        ScreeningCommandsTest.Run password = run("screen", "--omop", "jdbc:postgresql://127.0.0.1/cdm?password=x", "--protocol", PROTOCOL, "--out", temp.resolve("out").toString());
        assertThat(password.exitCode()).isEqualTo(1);
        assertThat(password.err()).contains("set CASEBOOK_OMOP_PASSWORD instead");

        ScreeningCommandsTest.Run unreachable = run("screen", "--omop", "jdbc:postgresql://127.0.0.1:1/cdm?currentSchema=cdm", "--protocol", PROTOCOL, "--out", temp.resolve("out").toString());
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot read the OMOP database jdbc:postgresql://127.0.0.1:1/cdm");
        assertThat(temp.resolve("out")).doesNotExist();

        ScreeningCommandsTest.Run both = run("screen", "--omop", empty.toString(), "--fhir", empty.toString(), "--protocol", PROTOCOL, "--out", temp.resolve("out").toString());
        assertThat(both.exitCode()).isNotIn(0, 2);
    }

    /** The casebook jar leaves DuckDB out: Parquet tables are a message saying where it is (bin/casebook-bench), not a crash. */
    @Test
    void parquetWithoutDuckDbSaysWhereToFindIt()
    {
        Path parquet = Path.of("../../shared/omop/Synthea27NjParquet_5.4.zip");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(parquet), "the shared OMOP Parquet sample is not at " + parquet.toAbsolutePath().normalize());
        ScreeningCommandsTest.Run screen = run("screen", "--omop", parquet.toString(), "--protocol", PROTOCOL, "--out", temp.resolve("out").toString());
        assertThat(screen.exitCode()).isEqualTo(1);
        assertThat(screen.err()).contains("needs DuckDB's JDBC driver").contains("bin/casebook-bench");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    /** The screen summary's counting lines (not the paths it names). */
    private static List<String> summary(String out)
    {
        return out.lines().filter(line -> !line.startsWith("wrote ") && !line.startsWith("lines skipped")).toList();
    }
}
