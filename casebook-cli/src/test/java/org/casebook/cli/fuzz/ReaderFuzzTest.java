package org.casebook.cli.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mutation fuzzing of every reader through the command line (see {@link FuzzReaders} for what
 * must hold). The default build runs a few hundred deterministic cases per reader; the opt-in
 * profile {@code -Pfuzz} multiplies them by {@code casebook.fuzz.scale} (12: 12,120 inputs):
 * <pre>mvn -B -o -Pfuzz -pl casebook-cli -am test -Dtest='ReaderFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * What each input ended with is listed in {@code target/fuzz-log/READER.txt}. A case that fails is copied to {@code target/fuzz-failures/READER/case-N/}; keep it as a
 * regression fixture under {@code src/test/resources/fuzz/READER/} ({@link FuzzRegressionTest}).
 */
class ReaderFuzzTest
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

    static int scale()
    {
        return Integer.getInteger("casebook.fuzz.scale", 1);
    }

    @ParameterizedTest(name = "{0}: {1} cases")
    @CsvSource({"csv-workbook, 200", "xlsx-workbook, 120", "protocol, 200", "code-set, 120", "ndjson, 150", "ndjson-gz, 60", "odm, 100", "omop, 60"})
    void everyInputEndsInResultsOrALocatedError(String name, int cases)
            throws IOException
    {
        String only = System.getProperty("casebook.fuzz.only", "");
        Assumptions.assumeTrue(only.isEmpty() || List.of(only.split(",")).contains(name), "casebook.fuzz.only=" + only);
        FuzzReaders.Reader reader = FuzzReaders.named(name);
        int total = cases * scale();
        Map<Integer, Integer> exitCodes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> log = new ArrayList<>();
        long started = System.nanoTime();
        for (int index = 0; index < total; index++) {
            Path input = Files.createDirectories(temp.resolve("input-" + index));
            Path work = Files.createDirectories(temp.resolve("work-" + index));
            try {
                reader.write(seeds, input, new Random(FuzzReaders.seed(name, index)));
                FuzzReaders.Outcome outcome = reader.check(seeds, input, work);
                exitCodes.merge(outcome.exitCode(), 1, Integer::sum);
                log.add("case " + index + ": exit " + outcome.exitCode() + ": " + outcome.message());
            }
            catch (AssertionError e) {
                Path kept = Path.of("target", "fuzz-failures", name, "case-" + index);
                FuzzReaders.deleteRecursively(kept);
                FuzzReaders.copyFolder(input, kept);
                failures.add("case " + index + " (input kept in " + kept + "): " + e.getMessage());
                log.add("case " + index + ": FAILED");
            }
            finally {
                FuzzReaders.deleteRecursively(input);
                FuzzReaders.deleteRecursively(work);
            }
        }
        // what every input ended with, to see what the fuzzer reaches
        Files.write(Files.createDirectories(Path.of("target", "fuzz-log")).resolve(name + ".txt"), log);
        System.out.printf("fuzz %s: %d inputs in %.1f s, exit codes %s, %d failures%n", name, total, (System.nanoTime() - started) / 1e9, exitCodes, failures.size());
        if (!failures.isEmpty()) {
            Files.writeString(Files.createDirectories(Path.of("target", "fuzz-failures", name)).resolve("failures.txt"), String.join("\n\n", failures));
            throw new AssertionError(failures.size() + " of " + total + " " + name + " inputs failed:\n\n" + String.join("\n\n", failures.subList(0, Math.min(failures.size(), 10))));
        }
    }
}
