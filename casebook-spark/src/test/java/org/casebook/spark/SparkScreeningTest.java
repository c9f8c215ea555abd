package org.casebook.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.spark.sql.SparkSession;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.ScreeningEngineProvider;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.generic.GenericHospital;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Spark engine writes the local engine's outputs byte for byte on a FHIR bulk export: on
 * synthetic hospitals of two built-in protocols (index events of two kinds) with different
 * masters and patient partition counts, and on a messy export whose bad lines must be skipped
 * identically. The tests' one Spark session ({@link SparkSessions}: it takes seconds to start);
 * larger hospitals run with the Maven profile {@code spark-large} (tag {@code large}).
 */
class SparkScreeningTest
{
    private static final String MASTER = "local[2]";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{6}, {0}, seed {1}, {2} patients, {3} patient partitions, gzip {4}, split {5}")
    @CsvSource({"dm-ild-tofacitinib, 3, 150, 1, false, false, local[1]", "dm-ild-tofacitinib, 11, 200, 5, true, false, local[2]",
            "ild-lung-resection, 5, 150, 3, false, true, local[3]"})
    void sparkWritesTheLocalEnginesFilesOnASyntheticHospital(String protocol, long seed, int patients, int partitions, boolean gzip, boolean split, String master)
            throws IOException
    {
        screenBothWays(protocol, seed, patients, partitions, gzip, split, master);
    }

    /** Larger hospitals, more seeds: {@code mvn -B -o -Pspark-large -pl casebook-spark -am verify}. */
    @org.junit.jupiter.api.Tag("large")
    @ParameterizedTest(name = "{6}, {0}, seed {1}, {2} patients, {3} patient partitions, gzip {4}, split {5}")
    @CsvSource({"dm-ild-tofacitinib, 3, 400, 1, false, false, local[2]", "dm-ild-tofacitinib, 11, 700, 5, true, false, local[3]",
            "ild-lung-resection, 5, 500, 3, false, true, local[2]", "ae-ra-ild-jaki, 8, 2000, 7, false, true, local[3]",
            "dm-ild-tofacitinib, 17, 3000, 2, true, true, local[1]"})
    void sparkWritesTheLocalEnginesFilesOnALargerHospital(String protocol, long seed, int patients, int partitions, boolean gzip, boolean split, String master)
            throws IOException
    {
        screenBothWays(protocol, seed, patients, partitions, gzip, split, master);
    }

    private void screenBothWays(String protocol, long seed, int patients, int partitions, boolean gzip, boolean split, String master)
            throws IOException
    {
        SparkSession spark = SparkSessions.on(master);
        Path hospital = temp.resolve("hospital");
        GenericHospital.load(protocol, seed, patients, gzip).write(hospital, ProgressListener.NONE);
        if (split) {
            splitEveryFile(hospital);
        }

        Path local = temp.resolve("local");
        Path onSpark = temp.resolve("spark");
        ScreeningEngine.forProtocol(protocol, false).screen(hospital, local);
        new SparkScreening(spark, ProtocolText.load(protocol), false, partitions).screen(hospital, onSpark);

        assertThat(Files.readAllLines(local.resolve("screening.csv"))).as("a log worth comparing").hasSizeGreaterThan(10);
        assertThat(Files.readString(local.resolve("screening.csv"))).contains(",included,");
        assertSameFiles(local, onSpark);
    }

    @Test
    void badLinesAreSkippedAsTheLocalEngineSkipsThem()
            throws IOException
    {
        SparkSession spark = SparkSessions.on(MASTER);
        String protocol = "dm-ild-tofacitinib";
        Path hospital = temp.resolve("hospital");
        GenericHospital.load(protocol, 7, 150, false).write(hospital, ProgressListener.NONE);
        Path clean = temp.resolve("clean");
        ScreeningEngine.forProtocol(protocol, false).screen(hospital, clean);
        String candidate = Files.readAllLines(clean.resolve("screening.csv")).get(1).split(",")[1];
        mess(hospital, candidate);

        Path local = temp.resolve("local");
        Path onSpark = temp.resolve("spark");
        ScreeningEngine.forProtocol(protocol, false).screen(hospital, local);
        new SparkScreening(spark, ProtocolText.load(protocol), false, 4).screen(hospital, onSpark);

        String skipped = Files.readString(local.resolve("skipped.csv"));
        assertThat(skipped).contains(",malformed_json,", ",wrong_resource_type,", ",no_id,", ",no_subject,", "Condition-extra.ndjson.gz,");
        assertThat(Files.readString(local.resolve("flow.json"))).contains("\"Basic\"", "Medication");
        assertSameFiles(local, onSpark);
    }

    @Test
    void aFileCutIntoSeveralTasksGivesTheLocalEnginesFilesReadFromAFileUri()
            throws IOException
    {
        SparkSession spark = SparkSessions.on(MASTER);
        String protocol = "dm-ild-tofacitinib";
        Path hospital = temp.resolve("hospital");
        GenericHospital.load(protocol, 5, 150, false).write(hospital, ProgressListener.NONE);
        Path clean = temp.resolve("clean");
        ScreeningEngine.forProtocol(protocol, false).screen(hospital, clean);
        mess(hospital, Files.readAllLines(clean.resolve("screening.csv")).get(1).split(",")[1]);
        Path largest;
        try (Stream<Path> files = Files.list(hospital)) {
            largest = files.max(java.util.Comparator.comparingLong(SparkScreeningTest::size)).orElseThrow();
        }
        java.util.Map<Long, String> rangesOfLargest = new java.util.concurrent.ConcurrentHashMap<>();
        ExportFile.opening = range -> {
            if (range.name().equals(largest.getFileName().toString())) {
                rangesOfLargest.put(range.start(), range.name());
            }
        };

        Path local = temp.resolve("local");
        Path onSpark = temp.resolve("spark");
        ScreeningEngine.forProtocol(protocol, false).screen(hospital, local);
        spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(size(largest) / 4 + 1));
        try {
            new SparkScreening(spark, ProtocolText.load(protocol), false, 2).screen("file://" + hospital.toAbsolutePath(), onSpark);
        }
        finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
            ExportFile.opening = range -> { };
        }

        assertThat(rangesOfLargest).as("tasks reading " + largest.getFileName()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(Files.readString(local.resolve("skipped.csv"))).contains(",malformed_json,");
        assertSameFiles(local, onSpark);
    }

    @Test
    void aMissingFolderIsNotFound()
    {
        assertThatThrownBy(() -> new SparkScreening(SparkSessions.on(MASTER), ProtocolText.load("dm-ild-tofacitinib"), false, 2)
                .screen("file://" + temp.resolve("nowhere").toAbsolutePath(), temp.resolve("out")))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("extract folder not found: file://");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aStrictRunStopsAtABadLineNamingItsFileAndLineAndWritesNothing()
            throws IOException
    {
        String protocol = "ild-lung-resection";
        Path hospital = temp.resolve("hospital");
        GenericHospital.load(protocol, 2, 100, false).write(hospital, ProgressListener.NONE);
        Files.writeString(hospital.resolve("Procedure-zz.ndjson"), "{\"resourceType\":\"Procedure\",\"id\":\n", StandardCharsets.UTF_8);
        Path out = temp.resolve("out");

        assertThatThrownBy(() -> new SparkScreening(SparkSessions.on(MASTER), ProtocolText.load(protocol), true, 2).screen(hospital, out))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageStartingWith("Procedure-zz.ndjson line 1: malformed json");
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("hospital");
        }
    }

    @Test
    void theSeedStudysHospitalWithEveryNearMissGivesTheLocalEnginesFiles()
            throws IOException
    {
        Path hospital = temp.resolve("hospital");
        new org.casebook.screening.synth.SyntheticHospital(4, 300, false).write(hospital, ProgressListener.NONE);
        Path local = temp.resolve("local");
        Path onSpark = temp.resolve("spark");
        ScreeningEngine.forProtocol("ae-ra-ild-jaki", false).screen(hospital, local);
        new SparkScreening(SparkSessions.on(MASTER), ProtocolText.load("ae-ra-ild-jaki"), false, 3).screen(hospital, onSpark);

        assertThat(Files.readString(local.resolve("screening.csv"))).contains(",included,");
        // the seed's criteria leave types to the included only (Observation, ImagingStudy…): Spark reads them as the local reader does
        assertThat(Files.readString(local.resolve("flow.json"))).contains("lines_passed_over_unparsed", "\"Observation\"");
        assertSameFiles(local, onSpark);
    }

    @Test
    void theCommandLineFindsTheEngineOnTheClassPath()
    {
        assertThat(ScreeningEngineProvider.find("spark")).get().isInstanceOf(SparkEngineProvider.class);
        assertThat(ScreeningEngineProvider.find("flink")).isEmpty();
    }

    /** Bad lines of every kind, in every file, naming a candidate so that the readers parse them; an ignored type; a .gz file. */
    private static void mess(Path hospital, String candidate)
            throws IOException
    {
        List<Path> files;
        try (Stream<Path> listed = Files.list(hospital)) {
            files = listed.filter(path -> path.getFileName().toString().endsWith(".ndjson")).sorted().toList();
        }
        String subject = "\"subject\":{\"reference\":\"Patient/" + candidate + "\"}";
        for (Path file : files) {
            String type = file.getFileName().toString().replaceAll("[-.].*", "");
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            List<String> bad = List.of(
                    "{\"resourceType\":\"" + type + "\",\"id\":\"broken\"," + subject,
                    "{\"resourceType\":\"Basic\",\"id\":\"wrong\"," + subject + "}",
                    "{\"resourceType\":\"" + type + "\"," + subject + "}",
                    "{\"resourceType\":\"" + type + "\",\"id\":\"nosubject\",\"note\":\"Patient/" + candidate + "\"}",
                    "",
                    "[\"Patient/" + candidate + "\"]");
            lines.addAll(Math.min(3, lines.size()), bad);
            lines.addAll(bad);
            if (!lines.isEmpty()) {
                lines.add(lines.get(0));
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        }
        Files.writeString(hospital.resolve("Basic-1.ndjson"), "{\"resourceType\":\"Basic\",\"id\":\"b1\"}\n\n{\"resourceType\":\"Basic\",\"id\":\"b2\"}\n");
        Files.writeString(hospital.resolve("notes.txt"), "not part of the export\n");
        Files.writeString(hospital.resolve("Medication-zz.ndjson"), "{\"resourceType\":\"Medication\",\"id\":\"m-broken\"\n");
        Files.writeString(hospital.resolve("MedicationRequest-zz.ndjson"),
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"mr-missing\",\"status\":\"active\",\"medicationReference\":{\"reference\":\"Medication/none\"},"
                        + subject + ",\"authoredOn\":\"2024-05-01\"}\n", StandardCharsets.UTF_8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(hospital.resolve("Condition-extra.ndjson.gz"), StandardOpenOption.CREATE_NEW))) {
            out.write(("{\"resourceType\":\"Condition\",\"id\":\"gz-broken\"," + subject + "\n"
                    + "{\"resourceType\":\"Condition\",\"id\":\"gz-1\",\"code\":{\"text\":\"x\"},\"recordedDate\":\"2024-02-02\"," + subject + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Moves the second half of every {@code <Type>.ndjson} to {@code <Type>-2.ndjson}: a patient's records then span files, merged in file order. */
    private static void splitEveryFile(Path hospital)
            throws IOException
    {
        List<Path> files;
        try (Stream<Path> listed = Files.list(hospital)) {
            files = listed.filter(path -> path.getFileName().toString().endsWith(".ndjson")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(3);
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            int half = lines.size() / 2;
            Files.write(file, lines.subList(0, half));
            Files.write(file.resolveSibling(file.getFileName().toString().replace(".ndjson", "-2.ndjson")), lines.subList(half, lines.size()));
        }
    }

    /** The same file names under both folders, each with the same bytes. */
    static void assertSameFiles(Path expected, Path actual)
            throws IOException
    {
        List<String> names = relativeFiles(expected);
        assertThat(names).contains("screening.csv", "flow.json", "flow.svg", "skipped.csv", "cases/cases.csv", "cases/provenance.csv");
        assertThat(relativeFiles(actual)).isEqualTo(names);
        for (String name : names) {
            assertThat(Files.readString(actual.resolve(name))).as(name).isEqualTo(Files.readString(expected.resolve(name)));
        }
    }

    private static List<String> relativeFiles(Path folder)
            throws IOException
    {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(path -> folder.relativize(path).toString()).sorted().toList();
        }
    }
}
