package org.casebook.screening.generic;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.casebook.screening.output.CaseFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The candidates' rows written to sorted files as they come and merged afterwards give the log,
 * the evidence and the case files in the log's order, whatever order the candidates came in and
 * however many files they went to (docs/screening.md, "Memory").
 */
class CandidateLogTest
{
    @TempDir
    static Path temp;
    static GenericScreening screening;
    static Path inMemory;
    static List<GenericDecision> decisions;
    static Map<String, GenericCase> cases;

    @BeforeAll
    static void screen()
            throws IOException
    {
        Path extract = temp.resolve("extract");
        AllCandidatesExtract.write(extract, 200, Long.MAX_VALUE, 7);
        screening = SpillingTest.screening(SpillLimit.NEVER);
        inMemory = temp.resolve("in-memory");
        screening.screen(extract, inMemory);
        decisions = new ArrayList<>();
        cases = new HashMap<>();
        GenericScreening.Result result = screening.run(extract, Writer.nullWriter());
        decisions.addAll(result.candidates());
        result.cases().forEach(extracted -> cases.put(extracted.patientId(), extracted));
    }

    @Test
    void rowsInAnyOrderSpilledOneByOneAreWrittenInTheLogsOrder()
            throws IOException
    {
        List<GenericDecision> shuffled = new ArrayList<>(decisions);
        Collections.shuffle(shuffled, new Random(3));
        Path parent = Files.createDirectories(temp.resolve("parent"));
        Path out = Files.createDirectories(temp.resolve("one-by-one"));
        try (CandidateLog log = new CandidateLog(new CaseFiles(screening.protocol()), 1, parent)) {
            for (GenericDecision decision : shuffled) {
                log.add(decision, cases.get(decision.patientId()));
            }
            // a file per candidate, more than are merged at once
            assertThat(log.filesWritten()).isEqualTo(decisions.size()).isGreaterThan(CandidateLog.MOST_OPEN);
            try (Stream<Path> folders = Files.list(parent)) {
                Path folder = folders.findFirst().orElseThrow();
                assertThat(folder.getFileName().toString()).startsWith(".log-");
                if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
                }
            }
            log.writeInto(out);
            assertThat(log.filesWritten()).as("merged into fewer first").isGreaterThan(decisions.size());
        }
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).as("the rows' files deleted").isEmpty();
        }
        for (String file : List.of("screening.csv", "evidence.csv", "cases/cases.csv", "cases/measurements.csv", "cases/ct_studies.csv",
                "cases/provenance.csv", "cases/ct_reads.csv")) {
            assertThat(read(out.resolve(file))).as(file).isEqualTo(read(inMemory.resolve(file)));
        }
    }

    @Test
    void includedOnTheSameDayAreInPatientIdOrderAndNumbered()
            throws IOException
    {
        // the 200 patients' first prescriptions fall on fewer days than there are included patients: ties on day 0 exist
        List<String> included = read(inMemory.resolve("screening.csv")).lines().skip(1).filter(line -> line.contains(",included,")).toList();
        assertThat(included.stream().map(line -> line.split(",")[3]).distinct().count()).isLessThan(included.size());
        for (int index = 1; index < included.size(); index++) {
            String[] before = included.get(index - 1).split(",");
            String[] after = included.get(index).split(",");
            assertThat(after[0]).isEqualTo(Integer.toString(index + 1));
            assertThat(before[3] + " " + before[1]).isLessThan(after[3] + " " + after[1]);
        }
    }

    @Test
    void noCandidatesWriteTheHeadersOnly()
            throws IOException
    {
        Path out = Files.createDirectories(temp.resolve("none"));
        try (CandidateLog log = new CandidateLog(new CaseFiles(screening.protocol()), 1, temp)) {
            log.writeInto(out);
            assertThat(log.filesWritten()).isZero();
        }
        assertThat(read(out.resolve("screening.csv"))).isEqualTo("case_no,patient_id,status,day0,encounter_id,reason,evidence,matched_by_text\n");
        assertThat(read(out.resolve("evidence.csv")).lines().count()).isOne();
        assertThat(read(out.resolve("cases/cases.csv")).lines().count()).isOne();
        assertThat(read(out.resolve("cases/provenance.csv")).lines().count()).isOne();
    }

    @Test
    void theLimitsRowBytesFollowTheRecordLimit()
    {
        assertThat(SpillLimit.NEVER.logBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(new SpillLimit(1).logBytes()).isEqualTo(SpillLimit.LOG_BYTES_PER_RECORD);
        assertThat(new SpillLimit(Long.MAX_VALUE - 1).logBytes()).isEqualTo(Long.MAX_VALUE);
    }

    private static String read(Path file)
            throws IOException
    {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
