package org.casebook.screening.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.casebook.protocol.Protocols;
import org.casebook.screening.generic.GenericScreening;
import org.casebook.screening.local.ProgressListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Screening the seed's synthetic hospital (every planted near miss) gives the generator's expected files exactly. */
class SyntheticHospitalScreeningTest
{
    @TempDir
    Path temp;

    @ParameterizedTest(name = "seed {0}, {1} patients, gzip {2}")
    @CsvSource({"1, 1000, false", "7, 2500, true", "42, 5000, false"})
    void screeningGivesTheGeneratorsExpectedResultExactly(long seed, int patients, boolean gzip)
            throws IOException
    {
        Path extract = temp.resolve("extract");
        new SyntheticHospital(seed, patients, gzip).write(extract, ProgressListener.NONE);
        Path out = temp.resolve("out");
        GenericScreening.forProtocol(Protocols.SEED, true).screen(extract, out);

        assertThat(firstColumns(out.resolve("screening.csv"), 6)).containsExactlyElementsOf(lines(extract.resolve("expected/screening.csv")));
        assertThat(lines(out.resolve("cases/cases.csv"))).containsExactlyElementsOf(lines(extract.resolve("expected/cases.csv")));
        assertThat(lines(out.resolve("cases/measurements.csv"))).containsExactlyElementsOf(lines(extract.resolve("expected/measurements.csv")));
        assertThat(lines(out.resolve("cases/ct_studies.csv"))).containsExactlyElementsOf(lines(extract.resolve("expected/ct_studies.csv")));
        assertThat(lines(out.resolve("skipped.csv"))).containsExactly("file,line,reason,detail");
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
