package org.casebook.screening.synth.generic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.casebook.protocol.Protocols;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.local.ProgressListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** synth → screen on a protocol other than the seed's: screening gives the generator's expected files exactly. */
class GenericHospitalScreeningTest
{
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}, seed {1}, {2} patients, gzip {3}")
    @CsvSource({"glp1, 1, 600, false", "glp1, 29, 2300, true", "pneumonia, 3, 500, false", "pneumonia, 41, 1700, true", "edges, 5, 400, false", "edges, 77, 1300, false",
            "allrules, 6, 700, false", "allrules, 31, 1600, true", "oddrules, 6, 900, false", "oddrules, 44, 1500, true"})
    void screeningGivesTheGeneratorsExpectedResultExactly(String fixture, long seed, int patients, boolean gzip)
            throws IOException
    {
        String protocol = FixtureProtocolTest.fixture(fixture).toString();
        assertSynthThenScreenAgree(protocol, seed, patients, gzip, temp);
    }

    /** Every built-in protocol but the seed's (SeedProtocolSynthTest), each at two seeds. */
    static Stream<Arguments> builtInProtocols()
    {
        return Protocols.builtInNames().stream()
                .filter(name -> !name.equals(Protocols.SEED))
                .flatMap(name -> Stream.of(Arguments.of(name, 11L, 900, false), Arguments.of(name, 12L, 2100, true)));
    }

    @ParameterizedTest(name = "{0}, seed {1}, {2} patients, gzip {3}")
    @MethodSource("builtInProtocols")
    void screeningGivesTheGeneratorsExpectedResultExactlyForEachBuiltInProtocol(String protocol, long seed, int patients, boolean gzip)
            throws IOException
    {
        assertSynthThenScreenAgree(protocol, seed, patients, gzip, temp);
    }

    static void assertSynthThenScreenAgree(String protocol, long seed, int patients, boolean gzip, Path temp)
            throws IOException
    {
        assertSynthThenScreenAgree(protocol, seed, patients, gzip, temp, true);
    }

    static void assertSynthThenScreenAgree(String protocol, long seed, int patients, boolean gzip, Path temp, boolean asPlanted)
            throws IOException
    {
        Path extract = temp.resolve("extract-" + seed);
        GenericHospital.Summary summary = GenericHospital.load(protocol, seed, patients, gzip).write(extract, ProgressListener.NONE);
        if (asPlanted) {
            assertThat(summary.surprises()).isEmpty();
        }
        Path out = temp.resolve("out-" + seed);
        ScreeningEngine.forProtocol(protocol, true).screen(extract, out);

        assertThat(firstColumns(out.resolve("screening.csv"), 6)).containsExactlyElementsOf(lines(extract.resolve("expected/screening.csv")));
        List<String> expectedFiles = names(extract.resolve("expected/cases"));
        assertThat(names(out.resolve("cases"))).containsAll(expectedFiles);
        for (String name : expectedFiles) {
            assertThat(lines(out.resolve("cases").resolve(name))).as(name).containsExactlyElementsOf(lines(extract.resolve("expected/cases").resolve(name)));
        }
        assertThat(lines(out.resolve("skipped.csv"))).containsExactly("file,line,reason,detail");
    }

    private static List<String> names(Path folder)
            throws IOException
    {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    static List<String> lines(Path file)
            throws IOException
    {
        return Files.readAllLines(file);
    }

    static List<String> firstColumns(Path file, int count)
            throws IOException
    {
        return lines(file).stream().map(line -> String.join(",", List.of(line.split(",", -1)).subList(0, count))).toList();
    }
}
