package org.casebook.screening.generic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory bounded by the spill limit, not by the number of candidates (docs/screening.md,
 * "Memory"): an all-candidates export whose candidates' records do not fit in a 256 MB heap runs
 * out of memory there when nothing is spilled, and screens with the default limit (from -Xmx),
 * giving the files a large heap gives. Each run is a JVM of its own ({@link ScreenWithLimit}).
 */
class SpillingHeapTest
{
    /**
     * Patients, nearly all candidates, whose kept records (about 23 each, about 1 KB of heap each)
     * need well over 256 MB when held, so the run without spilling ends in an OutOfMemoryError
     * rather than thrashing at the edge; and whose decisions and case values (about 4 KB of heap
     * each, about 46,800 candidates) filled a 256 MB heap when they were kept until the outputs
     * were written (measured before the candidates' rows went to disk as they were made: 247 of
     * 247 MB live after every full collection in the final merge, stopped after 17 minutes).
     * Without the heart rates, which do not matter, to keep the extract small (about 380 MB).
     */
    static final int PATIENTS = 52_000;

    @TempDir
    static Path temp;
    static Path extract;

    @BeforeAll
    static void write()
    {
        extract = temp.resolve("extract");
        AllCandidatesExtract.write(extract, PATIENTS, Long.MAX_VALUE, 11, false);
    }

    @Test
    void screensIn256MegabytesWithTheDefaultLimitAndGivesTheLargeHeapsFiles()
            throws Exception
    {
        Path inMemory = temp.resolve("in-memory");
        GenericScreening.forProtocol(AllCandidatesExtract.protocol().toString(), false).spillAfter(SpillLimit.NEVER).screen(extract, inMemory);
        Path spilled = temp.resolve("spilled");
        Run run = screen(spilled, "heap");
        assertThat(run.exit()).as(run.output()).isZero();
        // the candidates are many: what was kept of each until the outputs were written would not have fitted
        assertThat(run.output()).containsPattern("candidates 4[5-9]\\d{3}, included [1-9]\\d{4}, limit");
        SpillingTest.assertSameFiles(spilled, inMemory);
    }

    @Test
    void runsOutOfMemoryIn256MegabytesWithoutSpilling()
            throws Exception
    {
        Path out = temp.resolve("never");
        Run run = screen(out, "never");
        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("OutOfMemoryError");
        assertThat(out).doesNotExist();
    }

    private record Run(int exit, String output) {}

    private static Run screen(Path out, String limit)
            throws IOException, InterruptedException
    {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), ScreenWithLimit.class.getName(), extract.toString(), out.toString(), limit));
        Path log = Files.createTempFile(temp, "run", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("a screening in its own JVM took more than 15 minutes");
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
