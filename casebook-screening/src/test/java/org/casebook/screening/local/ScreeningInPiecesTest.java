package org.casebook.screening.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.casebook.protocol.Protocols;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.generic.SpillLimit;
import org.casebook.screening.synth.SyntheticHospital;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading every file in pieces on several threads writes the same files, byte for byte, as reading
 * each file whole: the same records with the same line numbers, counts, skipped lines and cases.
 */
class ScreeningInPiecesTest
{
    @TempDir
    Path temp;

    @AfterEach
    void wholeFilesAgain()
    {
        ParallelFiles.forcedPieces = 0;
    }

    @ParameterizedTest(name = "{0} pieces a file")
    @ValueSource(ints = {2, 7})
    void piecesWriteTheSameFilesAsWholeFiles(int pieces)
            throws IOException
    {
        Path extract = temp.resolve("extract");
        new SyntheticHospital(1, 1000, false).write(extract, ProgressListener.NONE);
        // Lines that end in skipped.csv with their numbers, in the middle and at the end of files of each reading.
        for (String file : List.of("Encounter.ndjson", "Condition.ndjson", "Observation-1.ndjson", "Patient.ndjson")) {
            insertInTheMiddle(extract.resolve(file), "{\"resourceType\":\"Observation\",\"id\":\"odd\",\"subject\":{\"reference\":\"Patient/pt0000001\"}}\n{broken\n");
            Files.writeString(extract.resolve(file), "{\"resourceType\":\"Encounter\"}\n{\"no\":\"newline at the end\"", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        Path whole = temp.resolve("whole");
        GenericScreening.forProtocol(Protocols.SEED, false).screen(extract, whole);
        ParallelFiles.forcedPieces = pieces;
        Path inPieces = temp.resolve("pieces");
        GenericScreening.forProtocol(Protocols.SEED, false).screen(extract, inPieces);

        // Spilled as well: each piece's parts are merged after those of the pieces before it.
        Path spilled = temp.resolve("pieces-spilled");
        GenericScreening.forProtocol(Protocols.SEED, false).spillAfter(new SpillLimit(7)).screen(extract, spilled);

        List<Path> files = files(whole);
        assertThat(files).contains(Path.of("screening.csv"), Path.of("flow.json"), Path.of("skipped.csv"), Path.of("cases/provenance.csv"));
        assertThat(Files.readAllLines(whole.resolve("skipped.csv"))).hasSizeGreaterThan(8);
        assertThat(Files.readAllLines(whole.resolve("screening.csv"))).hasSizeGreaterThan(20);
        for (Path out : List.of(inPieces, spilled)) {
            assertThat(files(out)).isEqualTo(files);
            for (Path file : files) {
                assertThat(Files.readString(out.resolve(file))).as("%s in %s", file, out.getFileName()).isEqualTo(Files.readString(whole.resolve(file)));
            }
        }
    }

    private static void insertInTheMiddle(Path file, String lines)
            throws IOException
    {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int middle = text.indexOf('\n', text.length() / 2) + 1;
        Files.writeString(file, text.substring(0, middle) + lines + text.substring(middle), StandardCharsets.UTF_8);
    }

    private static List<Path> files(Path folder)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }
}
