package org.casebook.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandTest
{
    private static final String CASES = "patient_id,admission_date,ae_onset_date,home_oxygen_at_discharge\nA,2024-03-01,2024-03-01,yes\nB,2024-04-01,,no\n";
    private static final String MEASUREMENTS = "patient_id,timepoint,variable,value,unit\n"
            + "A,onset,pao2,8,kPa\nA,onset,fio2,40,%\nA,after,pf_ratio,300,\n";
    private static final String ZONES = "patient_id,timepoint,reader,zone,normal,ggo,consolidation,ggo_traction,consolidation_traction,honeycombing\n"
            + "A,onset,R1,RU,50,50,0,0,0,0\nA,onset,R1,RM,50,50,0,0,0,0\nA,onset,R1,RL,50,50,0,0,0,0\n"
            + "A,onset,R1,LU,50,50,0,0,0,0\nA,onset,R1,LM,50,50,0,0,0,0\nA,onset,R1,LL,50,50,0,0,0,0\n";

    private static Path workbook(Path directory, String measurements)
            throws Exception
    {
        Files.writeString(directory.resolve("cases.csv"), CASES);
        Files.writeString(directory.resolve("measurements.csv"), measurements);
        Files.writeString(directory.resolve("ct_reads.csv"), ZONES);
        return directory;
    }

    @Test
    void analyzesAWorkbookAndWritesJson(@TempDir Path directory)
            throws Exception
    {
        Path json = directory.resolve("out/results.json");
        CliRun run = CliRun.of("analyze", "--cases", workbook(directory, MEASUREMENTS).toString(), "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // P/F at onset from 8 kPa / 40 %: 60.0050 mmHg / 0.4 = 150.0124; after 300 → increased
        assertThat(run.out()).contains("pf_increased                       1/1");
        assertThat(run.out()).contains("home_oxygen                        1/2");
        assertThat(run.out()).containsPattern("ct_total\\s+–\\s+150\\.0 ± – \\(1\\)");
        assertThat(Files.readString(json)).contains("\"pf_ratio\" : {\n        \"n\" : 1,\n        \"mean\" : 150.0124");
    }

    @Test
    void importErrorsAreAllReportedWithExitCode1AndNoResults(@TempDir Path directory)
            throws Exception
    {
        String bad = MEASUREMENTS.replace("A,onset,fio2,40,%", "A,onset,fio2,40,") + "C,onset,crp,1,g/L\n";
        Path json = directory.resolve("results.json");
        CliRun run = CliRun.of("analyze", "--cases", workbook(directory, bad).toString(), "--json", json.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("measurements.csv row 2, column value: '40'")
                .contains("measurements.csv row 4")
                .contains("'g/L'");
        assertThat(run.out()).isEmpty();
        assertThat(json).doesNotExist();
    }
}
