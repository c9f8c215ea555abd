package org.casebook.screening.generic;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spilling the candidates' records to disk changes nothing (docs/screening.md, "Memory"): an
 * export in which nearly every patient is a candidate ({@link AllCandidatesExtract}) screened with
 * limits small enough to force many spill files (and the merging of spill files into fewer) gives
 * the files screening writes with everything held in memory, byte for byte.
 */
class SpillingTest
{
    @TempDir
    static Path temp;
    static Path extract;
    static Path inMemory;

    @BeforeAll
    static void screenWithoutSpilling()
            throws IOException
    {
        extract = temp.resolve("extract");
        assertThat(AllCandidatesExtract.write(extract, 200, Long.MAX_VALUE, 7)).isEqualTo(200);
        inMemory = temp.resolve("in-memory");
        GenericScreening.Screened result = screening(SpillLimit.NEVER).screen(extract, inMemory);
        // the data is worth comparing: nearly all candidates, both included and excluded ones
        assertThat(result.flow().withIndexEvent()).isGreaterThan(160);
        assertThat(result.included()).isBetween(40L, 160L);
    }

    static GenericScreening screening(SpillLimit limit)
    {
        return GenericScreening.forProtocol(AllCandidatesExtract.protocol().toString(), false).spillAfter(limit);
    }

    @Test
    void aSmallLimitGivesTheSameFiles()
            throws IOException
    {
        Path out = temp.resolve("limit-60");
        screening(new SpillLimit(60)).screen(extract, out);
        assertSameFiles(out, inMemory);
    }

    @Test
    void spillingEveryRecordGivesTheSameFiles()
            throws IOException
    {
        Path small = temp.resolve("small");
        AllCandidatesExtract.write(small, 25, Long.MAX_VALUE, 3);
        Path held = temp.resolve("small-held");
        Path spilled = temp.resolve("small-spilled");
        screening(SpillLimit.NEVER).screen(small, held);
        screening(new SpillLimit(1)).screen(small, spilled);
        assertSameFiles(spilled, held);
    }

    @Test
    void thePatientsAreTheSameRecordForRecord()
            throws IOException
    {
        GenericScreening screening = screening(SpillLimit.NEVER);
        Map<String, GenericPatient> held = read(screening, SpillLimit.NEVER, null);
        Path parent = Files.createDirectories(temp.resolve("spill-parent"));
        Map<String, GenericPatient> spilled = read(screening, new SpillLimit(30), parent);
        assertThat(spilled.keySet()).containsExactlyElementsOf(held.keySet());
        assertThat(spilled).isEqualTo(held);
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).as("spill folder deleted").isEmpty();
        }
    }

    private static Map<String, GenericPatient> read(GenericScreening screening, SpillLimit limit, Path parent)
            throws IOException
    {
        Map<String, GenericPatient> patients = new TreeMap<>();
        List<String> order = new ArrayList<>();
        try (Patients read = RecordSource.fhir(extract).patients(false, Writer.nullWriter(), new GenericFlow(), screening.keep(), screening.protocol(),
                patient -> screening.decide(patient).isIncluded(), limit, parent)) {
            if (parent != null) {
                PatientParts parts = (PatientParts) read;
                // more files than are merged at once: some were merged into fewer first
                assertThat(parts.spillFiles()).isGreaterThan(PatientParts.MOST_OPEN);
                try (Stream<Path> folders = Files.list(parent)) {
                    Path folder = folders.findFirst().orElseThrow();
                    assertThat(folder.getFileName().toString()).startsWith(".spill-");
                    if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
                    }
                }
            }
            read.forEach(patient -> {
                order.add(patient.patientId());
                patients.put(patient.patientId(), patient);
            });
        }
        assertThat(order).as("handed over in patient id order").isSorted();
        return patients;
    }

    @Test
    void aFailedRunLeavesNoSpillFiles()
            throws IOException
    {
        Path broken = temp.resolve("broken");
        AllCandidatesExtract.write(broken, 40, Long.MAX_VALUE, 5);
        // a bad line at the end of the last file read, after the candidates' records were spilled
        Files.writeString(broken.resolve("Procedure.ndjson"), "{not json\n", java.nio.file.StandardOpenOption.APPEND);
        Path parent = Files.createDirectories(temp.resolve("failed-parent"));
        GenericScreening strict = GenericScreening.forProtocol(AllCandidatesExtract.protocol().toString(), true).spillAfter(new SpillLimit(5));
        assertThatThrownBy(() -> strict.run(RecordSource.fhir(broken), new StringWriter(), parent))
                .isInstanceOf(CasebookException.class).hasMessageContaining("Procedure.ndjson line");
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anExtractWithoutCandidatesSpillsNothingAndWritesTheSame()
            throws IOException
    {
        Path patientsOnly = Files.createDirectories(temp.resolve("patients-only"));
        Files.writeString(patientsOnly.resolve("Patient.ndjson"), Ndjson.patient("a", "1950-01-01", "female", null) + "\n"
                + Ndjson.patient("b", "1951-01-01", "male", null) + "\n");
        Path held = temp.resolve("none-held");
        Path spilled = temp.resolve("none-spilled");
        screening(SpillLimit.NEVER).screen(patientsOnly, held);
        screening(new SpillLimit(1)).screen(patientsOnly, spilled);
        assertSameFiles(spilled, held);
    }

    @Test
    void theLimitIsANumberOfRecordsOrNever()
    {
        assertThat(SpillLimit.parse("250_000").records()).isEqualTo(250_000);
        assertThat(SpillLimit.parse("never")).isEqualTo(SpillLimit.NEVER);
        assertThat(SpillLimit.fromHeap().records()).isGreaterThanOrEqualTo(SpillLimit.SMALLEST_DEFAULT);
        for (String bad : new String[] {"0", "-5", "lots", "", "1e6"}) {
            assertThatThrownBy(() -> SpillLimit.parse(bad)).isInstanceOf(CasebookException.class)
                    .hasMessageContaining("--spill-after").hasMessageContaining("'" + bad + "'");
        }
        assertThat(new SpillLimit(10).perReader(4)).isEqualTo(2);
        assertThat(new SpillLimit(3).perReader(4)).isEqualTo(1);
    }

    /** Every file under {@code actual} is under {@code expected} with the same bytes, and the other way round. */
    static void assertSameFiles(Path actual, Path expected)
            throws IOException
    {
        assertThat(files(actual)).containsExactlyElementsOf(files(expected));
        for (Path file : files(expected)) {
            assertThat(Files.readString(actual.resolve(file))).as(file.toString()).isEqualTo(Files.readString(expected.resolve(file)));
        }
    }

    private static List<Path> files(Path folder)
            throws IOException
    {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }
}
