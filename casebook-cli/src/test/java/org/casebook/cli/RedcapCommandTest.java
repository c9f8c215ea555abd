package org.casebook.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RedcapCommandTest
{
    @Test
    void exportMappingAndImportGiveBackTheDemoCases(@TempDir Path temp)
            throws IOException
    {
        Path demo = DemoWorkbook.unpackTo(temp.resolve("demo"));
        Path redcap = temp.resolve("redcap");

        CliRun export = CliRun.of("redcap", "export", "--protocol", "ae-ra-ild-jaki", "--cases", demo.toString(), "--out", redcap.toString(), "--project-xml");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(redcap.resolve("project.xml")).exists();
        assertThat(export.out()).contains("records.csv (6 records");

        CliRun mapping = CliRun.of("redcap", "mapping", "--dictionary", redcap.resolve("dictionary.csv").toString(), "--protocol", "ae-ra-ild-jaki",
                "--out", redcap.resolve("mapping.yaml").toString());
        assertThat(mapping.exitCode()).as(mapping.err()).isZero();

        CliRun imported = CliRun.of("redcap", "import", "--dictionary", redcap.resolve("dictionary.csv").toString(), "--records", redcap.resolve("records.csv").toString(),
                "--mapping", redcap.resolve("mapping.yaml").toString(), "--protocol", "ae-ra-ild-jaki", "--out", temp.resolve("cases").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("6 cases");

        CliRun analyze = CliRun.of("analyze", "--cases", temp.resolve("cases").toString());
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
    }

    @Test
    void aBadRecordExitsWithOneAndALocatedMessage(@TempDir Path temp)
            throws IOException
    {
        Path demo = DemoWorkbook.unpackTo(temp.resolve("demo"));
        Path redcap = temp.resolve("redcap");
        CliRun.of("redcap", "export", "--protocol", "ae-ra-ild-jaki", "--cases", demo.toString(), "--out", redcap.toString());
        CliRun.of("redcap", "mapping", "--dictionary", redcap.resolve("dictionary.csv").toString(), "--protocol", "ae-ra-ild-jaki", "--out", redcap.resolve("mapping.yaml").toString());
        Path records = redcap.resolve("records.csv");
        Files.writeString(records, Files.readString(records).replaceFirst("P01,,,2024-02-12", "P01,,,2024-13-12"));

        CliRun imported = CliRun.of("redcap", "import", "--dictionary", redcap.resolve("dictionary.csv").toString(), "--records", records.toString(),
                "--mapping", redcap.resolve("mapping.yaml").toString(), "--protocol", "ae-ra-ild-jaki", "--out", temp.resolve("cases").toString());

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err()).contains("records.csv row 1, column admission_date: '2024-13-12'");
        assertThat(temp.resolve("cases")).doesNotExist();
    }
}
