package org.casebook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed study, rewritten in the protocol language (case_fields, derived, day0.field), gives
 * the same outputs as before: the files under {@code src/test/resources/recorded/} were written by
 * the build of commit 12467d0 (before the case schema) with
 * {@code casebook demo --out D} and {@code casebook synth --patients 1000 --seed S --out H;
 * casebook screen --extract H --out O}. Only the protocol's SHA-256 differs, because the
 * protocol file itself changed; it is masked, as are the output paths. The test passed so at
 * commit b138285, with the case schema in. Two later changes were meant to change the demo's
 * files and they were recorded again from main after both: issue 11's statistics (results.json,
 * the printout, Tables 3 and 3b) and issue 10's random accession numbers (cases/ct_studies.csv).
 * Issue 11's files to submit changed the printout's last lines once more (8 table files, then
 * tables.docx, figures/ and text/), recorded with {@code casebook demo --out /tmp/base-demo},
 * and the CARE checklist's items 7, 10a and 10d, which now point at the report's own figures and
 * tables (no survival figure without a death); the other recorded tables and results.json were
 * compared unchanged then.
 * Exact CT scores then changed six numbers of results.json in their last digit and nothing
 * printed: a time point's CT mean and median and the Bland–Altman bias are now the nearest doubles
 * of their exact values (median 145/6 = 24.166666666666668, was 24.166666666666664; bias −115/18 =
 * −6.388888888888889, was −6.388888888888888; two limits that follow the bias moved by one unit in
 * the last place).
 * The demo's {@code cases/adverse_events.csv} was recorded again when
 * adverse events got an outcome: the file gained its {@code outcome} column, every other cell as
 * before, and the other recorded files were compared unchanged then.
 * Issue 11's treatment table changed three files again, recorded from
 * {@code casebook demo}: Table 1 (every n/N with its exact 95% CI, age in whole years, KL-6 at its
 * own 0 decimals), the checklist's item 7 (the treatment table 5 and the timing table 5b, split
 * from one) and the printout's count of table files (8 to 9).
 * The printout's KL-6, LDH and CRP rows then took the protocol's decimals, as Table 1 prints them
 * (KL-6 1073 ± 275, was 1073.3 ± 275.4; CRP at 2); nothing else changed. A CI bound that rounded
 * to 0 or 100 without being it then kept its decimals: Table 1's 1/6 (0.4–64, was 0–64) and 5/6
 * (36–99.6, was 36–100), and the printout's 5/6.
 * The other demo files and both screening recordings are still 12467d0's, but for three counts in
 * each screening's flow.json ({@code resources_read}, {@code resources_ignored},
 * {@code lines_passed_over_unparsed}), recorded again when the seed study moved to the generic
 * engine: they tell how the reader read the export, not the study, and the generic reader parses
 * other lines than the seed's former engine did (each line still counted once: the per-type sums
 * are unchanged; docs/screening.md, "The seed study on the generic engine").
 */
class SeedOutputsUnchangedTest
{
    @TempDir
    Path out;

    @Test
    void demoResultsWorkbookTablesAndPrintoutAreAsRecorded()
            throws Exception
    {
        CliRun run = CliRun.of("demo", "--out", out.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(mask(run.out()).replace(out.toString(), "OUT")).isEqualTo(mask(recorded("seed-demo/stdout.txt")).replace("/tmp/base-demo", "OUT"));
        assertSameFile(out.resolve("results.json"), "seed-demo/results.json");
        for (String name : List.of("cases.csv", "measurements.csv", "ct_reads.csv", "ct_studies.csv", "adverse_events.csv")) {
            assertSameFile(out.resolve("cases").resolve(name), "seed-demo/cases/" + name);
        }
        try (Stream<Path> tables = Files.list(recordedPath("seed-demo/tables"))) {
            for (Path table : tables.toList()) {
                assertSameFile(out.resolve("report/tables").resolve(table.getFileName()), "seed-demo/tables/" + table.getFileName());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void screeningOfASyntheticHospitalIsAsRecorded(int seed)
            throws Exception
    {
        Path hospital = out.resolve("hospital");
        Path screening = out.resolve("screening");
        assertThat(CliRun.of("synth", "--patients", "1000", "--seed", Integer.toString(seed), "--out", hospital.toString()).exitCode()).isZero();
        assertThat(CliRun.of("screen", "--extract", hospital.toString(), "--out", screening.toString()).exitCode()).isZero();
        String base = "seed-screen-" + seed + "/";
        for (String name : List.of("screening.csv", "flow.json", "skipped.csv")) {
            assertSameFile(screening.resolve(name), base + name);
        }
        try (Stream<Path> cases = Files.list(recordedPath(base + "cases"))) {
            for (Path file : cases.toList()) {
                assertSameFile(screening.resolve("cases").resolve(file.getFileName()), base + "cases/" + file.getFileName());
            }
        }
    }

    private static void assertSameFile(Path actual, String recordedName)
            throws IOException
    {
        assertThat(actual).as(recordedName).exists();
        assertThat(mask(Files.readString(actual, StandardCharsets.UTF_8))).as(recordedName).isEqualTo(mask(recorded(recordedName)));
    }

    /** The protocol's hash, in full or shortened, is the one thing expected to differ. */
    private static String mask(String text)
    {
        return text.replaceAll("[0-9a-f]{64}", "SHA256").replaceAll("sha256 [0-9a-f]{12}…", "sha256 SHA256…");
    }

    private static String recorded(String name)
            throws IOException
    {
        try (InputStream in = SeedOutputsUnchangedTest.class.getResourceAsStream("/recorded/" + name)) {
            assertThat(in).as("recorded file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path recordedPath(String name)
            throws URISyntaxException
    {
        return Path.of(SeedOutputsUnchangedTest.class.getResource("/recorded/" + name).toURI());
    }
}
