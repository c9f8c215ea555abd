package org.casebook.screening.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.casebook.screening.rules.ScreeningProtocol;
import org.casebook.screening.synth.SyntheticHospital;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Both passes read files on several threads; the output must not depend on how many. */
class ParallelReadingTest
{
    private static final ScreeningProtocol PROTOCOL = ScreeningProtocol.seed();

    @TempDir
    Path temp;

    @Test
    void oneThreadAndThreeThreadsWriteTheSameFiles()
            throws IOException
    {
        Path extract = temp.resolve("extract");
        new SyntheticHospital(3, 1500, false).write(extract, ProgressListener.NONE);
        splitIntoParts(extract, "Observation", 4);
        splitIntoParts(extract, "Condition", 2);
        splitIntoParts(extract, "MedicationRequest", 3);
        splitIntoParts(extract, "Encounter", 2);

        Path sequential = temp.resolve("one");
        Path parallel = temp.resolve("three");
        ScreeningOutput.screen(new LocalScreening(PROTOCOL, false, ProgressListener.NONE, 1), PROTOCOL, extract, sequential);
        ScreeningOutput.screen(new LocalScreening(PROTOCOL, false, ProgressListener.NONE, 3), PROTOCOL, extract, parallel);

        List<Path> files = relativeFiles(sequential);
        assertThat(files).contains(Path.of("screening.csv"), Path.of("flow.json"), Path.of("cases/provenance.csv"), Path.of("cases/measurements.csv"));
        assertThat(relativeFiles(parallel)).containsExactlyElementsOf(files);
        for (Path file : files) {
            assertThat(Files.readString(parallel.resolve(file))).as(file.toString()).isEqualTo(Files.readString(sequential.resolve(file)));
        }
        // The provenance names the split files, so the parts were really read (and by their own line numbers).
        assertThat(Files.readString(parallel.resolve("cases/provenance.csv"))).contains("Observation-part3.ndjson");
    }

    /** Replaces {@code <type>*.ndjson} by {@code parts} files taking lines in turn, so every part has included patients' lines. */
    private static void splitIntoParts(Path extract, String type, int parts)
            throws IOException
    {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(extract)) {
            for (Path file : files.filter(path -> path.getFileName().toString().matches(type + "(-.*)?\\.ndjson")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
                Files.delete(file);
            }
        }
        List<StringBuilder> contents = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            contents.add(new StringBuilder());
        }
        for (int index = 0; index < lines.size(); index++) {
            contents.get(index % parts).append(lines.get(index)).append('\n');
        }
        for (int part = 0; part < parts; part++) {
            Files.writeString(extract.resolve(type + "-part" + (part + 1) + ".ndjson"), contents.get(part));
        }
    }

    private static List<Path> relativeFiles(Path folder)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }
}
