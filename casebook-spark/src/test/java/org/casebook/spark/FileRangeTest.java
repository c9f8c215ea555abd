package org.casebook.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.casebook.screening.local.ExtractFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file cut into ranges of any size is read, range by range, as the whole file: every line once,
 * whole, with its number in the file; lines longer than a range, a range inside one line, blank
 * lines, CRLF ends, a byte order mark and a last line without its newline included.
 */
class FileRangeTest
{
    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path temp;

    @Test
    void everyRangeSizeReadsTheWholeFilesLinesOnceWithTheirNumbers()
            throws IOException
    {
        String text = "\uFEFF{\"a\":1}\n\n{\"b\":\"a long line, longer than most ranges below\"}\r\n  \nx\n{\"c\":3}\n\n\n{\"d\":4}";
        Path file = temp.resolve("Observation.ndjson");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<String> whole = new ArrayList<>();
        new ExtractFile(file, "Observation", Files.size(file)).readLines(collect(whole), bytes -> { });
        assertThat(whole).hasSize(5).first().isEqualTo("1:{\"a\":1}");

        for (long split = 1; split <= Files.size(file) + 1; split++) {
            List<String> ranges = new ArrayList<>();
            for (ExportFile range : numbered(ExportFile.list(temp.toString(), HADOOP, split))) {
                range.open(HADOOP).readLines(collect(ranges), bytes -> { });
            }
            assertThat(ranges).as("split every %d bytes", split).isEqualTo(whole);
        }
    }

    @Test
    void aFileOfOneLineWithoutNewlineAndAnEmptyFileReadAlike()
            throws IOException
    {
        Files.writeString(temp.resolve("Condition.ndjson"), "{\"only\":true}", StandardCharsets.UTF_8);
        Files.writeString(temp.resolve("Encounter.ndjson"), "", StandardCharsets.UTF_8);
        for (long split = 1; split <= 14; split++) {
            List<String> lines = new ArrayList<>();
            for (ExportFile range : numbered(ExportFile.list(temp.toString(), HADOOP, split))) {
                range.open(HADOOP).readLines(collect(lines), bytes -> { });
            }
            assertThat(lines).as("split every %d bytes", split).containsExactly("1:{\"only\":true}");
        }
    }

    @Test
    void gzipFilesAreNeverSplitAndMedicationFilesComeFirst()
            throws IOException
    {
        Files.write(temp.resolve("Observation.ndjson.gz"), new byte[100]);
        Files.write(temp.resolve("Encounter.ndjson"), new byte[100]);
        Files.write(temp.resolve("Medication.ndjson"), new byte[10]);
        Files.writeString(temp.resolve("notes.txt"), "not part of the export");

        List<ExportFile> ranges = ExportFile.list(temp.toUri().toString(), HADOOP, 30);

        assertThat(ranges).extracting(ExportFile::name).containsExactly("Medication.ndjson", "Encounter.ndjson", "Encounter.ndjson", "Encounter.ndjson",
                "Encounter.ndjson", "Observation.ndjson.gz");
        assertThat(ranges).extracting(ExportFile::order).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(ranges.get(4).start()).isEqualTo(90);
        assertThat(ranges.get(5).isWhole()).isTrue();
    }

    /** The ranges with their newlines before, as the engine counts them. */
    private static List<ExportFile> numbered(List<ExportFile> ranges)
    {
        List<ExportFile> numbered = new ArrayList<>();
        long before = 0;
        String file = null;
        for (ExportFile range : ranges) {
            if (!range.uri().equals(file)) {
                file = range.uri();
                before = 0;
            }
            numbered.add(range.withNewlinesBefore(before));
            before += range.countNewlines(HADOOP);
        }
        return numbered;
    }

    private static org.casebook.screening.local.NdjsonLines.Handler collect(List<String> lines)
    {
        return (buffer, start, length, number) -> lines.add(number + ":" + new String(buffer, start, length, StandardCharsets.UTF_8));
    }
}
