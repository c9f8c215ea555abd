package org.casebook.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest
{
    @TempDir
    Path out;

    @Test
    void benchReportBuildsTheSeriesAndPrintsJvmStartApartFromTheRunTimes()
    {
        CliRun run = CliRun.of("bench", "report", "--patients", "12", "--runs", "1", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("JVM start until the command ran: \\d+ ms \\(not included below\\)")
                .contains("(12 patients from the demo's 6)")
                .containsPattern("run 1 \\(cold\\): import \\d+ ms \\+ analysis \\d+ ms \\+ report \\d+ ms = \\d+ ms in-process");
        assertThat(out.resolve("cases-12").resolve("cases.csv")).isRegularFile();
        assertThat(out.resolve("report-12").resolve("report.pdf")).isRegularFile();
    }

    @Test
    void benchReportRejectsZeroPatients()
    {
        CliRun run = CliRun.of("bench", "report", "--patients", "0", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
    }
}
