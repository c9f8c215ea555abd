package org.casebook.cli.fuzz;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input that ever crashed a reader (exit 2, a hang, a library's stack trace on stderr, an
 * output {@code analyze} refused), kept under {@code src/test/resources/fuzz/READER/NAME/}: the
 * files there are laid over the reader's seed input (so a fixture holds only what differs) and
 * checked as {@link ReaderFuzzTest} checks a generated input.
 */
class FuzzRegressionTest
{
    @TempDir
    static Path seeds;

    @TempDir
    Path temp;

    @BeforeAll
    static void writeSeeds()
            throws IOException
    {
        FuzzReaders.writeSeeds(seeds);
    }

    static Path fixtures()
            throws URISyntaxException
    {
        return Path.of(FuzzRegressionTest.class.getResource("/fuzz").toURI());
    }

    @Test
    void thereAreFixturesForEveryReaderThatEverCrashed()
            throws Exception
    {
        assertThat(FuzzReaders.list(fixtures(), Files::isDirectory)).extracting(path -> path.getFileName().toString())
                .contains("xlsx-workbook", "csv-workbook", "protocol", "code-set", "ndjson", "odm");
    }

    @TestFactory
    Stream<DynamicTest> everyKeptInputEndsInResultsOrALocatedError()
            throws Exception
    {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path readerFolder : FuzzReaders.list(fixtures(), Files::isDirectory)) {
            FuzzReaders.Reader reader = FuzzReaders.named(readerFolder.getFileName().toString());
            for (Path fixture : FuzzReaders.list(readerFolder, Files::isDirectory)) {
                tests.add(DynamicTest.dynamicTest(reader.name + "/" + fixture.getFileName(), () -> {
                    Path input = Files.createDirectories(temp.resolve(reader.name + "-" + fixture.getFileName() + "-input"));
                    Path work = Files.createDirectories(temp.resolve(reader.name + "-" + fixture.getFileName() + "-work"));
                    reader.copySeed(seeds, input);
                    FuzzReaders.copyFolder(fixture, input);
                    reader.check(seeds, input, work);
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Writes generated cases as fixtures: {@code -Dcasebook.fuzz.keep=READER:N,N,…} (the case
     * numbers {@link ReaderFuzzTest} reported) writes each case's files that differ from the seed
     * into {@code src/test/resources/fuzz/READER/case-N/}.
     */
    @Test
    void keepGeneratedCasesAsFixtures()
            throws IOException
    {
        String keep = System.getProperty("casebook.fuzz.keep", "");
        if (keep.isEmpty()) {
            return;
        }
        String[] parts = keep.split(":");
        FuzzReaders.Reader reader = FuzzReaders.named(parts[0]);
        for (String number : parts[1].split(",")) {
            int index = Integer.parseInt(number.strip());
            Path input = Files.createDirectories(temp.resolve("keep-" + index));
            Path seed = Files.createDirectories(temp.resolve("seed-" + index));
            reader.write(seeds, input, new Random(FuzzReaders.seed(reader.name, index)));
            reader.copySeed(seeds, seed);
            Path target = Path.of("src", "test", "resources", "fuzz", reader.name, "case-" + index);
            try (Stream<Path> files = Files.walk(input)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path relative = input.relativize(file);
                    Path original = seed.resolve(relative.toString());
                    if (!Files.exists(original) || Files.mismatch(original, file) != -1) {
                        Files.createDirectories(target.resolve(relative.toString()).getParent());
                        Files.copy(file, target.resolve(relative.toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
