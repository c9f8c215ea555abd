package org.casebook.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.omop.OmopSource;
import org.casebook.screening.omop.OmopWriter;
import org.casebook.screening.synth.generic.GenericHospital;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Spark engine reads OMOP CDM tables in tasks and writes the local engine's files byte for
 * byte: a synthetic hospital written as OMOP tables with bad rows of every kind, on
 * {@code local[1]}, {@code local[2]} and {@code local[3]} with different patient partition counts
 * and tables cut into several tasks; and OHDSI's Eunomia sample (../shared/omop) as CSV and (with
 * {@code -Pspark-large}) as Parquet, skipped, saying why, where ../shared is absent.
 */
class SparkOmopTest
{
    private static final String PROTOCOL = "ild-lung-resection";
    /** The Eunomia fixture study of casebook-screening's tests (first viral sinusitis, a body weight, no stress). */
    private static final String EUNOMIA_PROTOCOL = "../casebook-screening/src/test/resources/org/casebook/screening/omop/eunomia/protocol.yaml";
    private static final Path SHARED = Path.of("../../shared/omop");

    @TempDir
    static Path hospitalTemp;

    private static Path omop;
    private static Path local;

    @TempDir
    Path temp;

    /** One synthetic hospital for the class: its OMOP tables with bad rows added, and the local engine's screening of them. */
    @BeforeAll
    static void hospitalAndItsLocalScreening()
            throws IOException
    {
        Path fhir = hospitalTemp.resolve("fhir");
        GenericHospital.load(PROTOCOL, 9, 200, false).write(fhir, ProgressListener.NONE);
        omop = hospitalTemp.resolve("omop");
        OmopWriter.fromFhir(fhir, omop);
        addBadRows(omop);
        local = hospitalTemp.resolve("local");
        ScreeningEngine.forProtocol(PROTOCOL, false).screen(OmopSource.of(omop), local);
        assertThat(Files.readString(local.resolve("screening.csv"))).contains(",included,");
        assertThat(Files.readString(local.resolve("skipped.csv"))).contains(",unknown_concept,", ",bad_date,", ",end_before_start,", ",wrong_width,",
                ",missing_column,", ",bad_number,");
        assertThat(Files.readString(local.resolve("flow.json"))).containsPattern("\"references_missing\" : \\{[^}]*\"visit_occurrence\" : 2\\b");
    }

    @AfterEach
    void noMoreHooks()
    {
        OmopFile.opening = file -> { };
    }

    @ParameterizedTest(name = "{0}, {1} patient partitions, tables cut every {2} bytes")
    @CsvSource({"local[1], 1, 0", "local[2], 4, 8000", "local[3], 3, 0"})
    void aSyntheticHospitalsOmopTablesGiveTheLocalEnginesFiles(String master, int partitions, long splitBytes)
            throws IOException
    {
        SparkSession spark = SparkSessions.on(master);
        Map<String, Set<Long>> rangesByFile = new ConcurrentHashMap<>();
        Path out = temp.resolve("spark");
        if (splitBytes > 0) {
            spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(splitBytes));
        }
        try {
            OmopFile.opening = file -> rangesByFile.computeIfAbsent(file, key -> ConcurrentHashMap.newKeySet()).add(System.nanoTime());
            new SparkScreening(spark, ProtocolText.load(PROTOCOL), false, partitions).screen(OmopSource.of(omop), out);
        }
        finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
        }
        SparkScreeningTest.assertSameFiles(local, out);
        if (splitBytes > 0) {
            long largest = Files.size(omop.resolve("MEASUREMENT.csv"));
            assertThat(largest).as("a table worth cutting").isGreaterThan(3 * splitBytes);
            assertThat(rangesByFile.get("MEASUREMENT.csv")).as("tasks reading MEASUREMENT.csv").hasSizeGreaterThanOrEqualTo(3);
            // a quoted value may hold a line break: a comma-separated table with quotes is read whole
            assertThat(rangesByFile.get("PROCEDURE_OCCURRENCE.csv")).hasSize(1);
        }
    }

    @Test
    void aStrictRunStopsAtABadRowNamingItsFileAndLineAndWritesNothing()
    {
        Path out = temp.resolve("out");
        assertThatThrownBy(() -> new SparkScreening(SparkSessions.on("local[2]"), ProtocolText.load(PROTOCOL), true, 2).screen(OmopSource.of(omop), out))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageMatching("[A-Z_]+\\.csv line \\d+: .*; without --strict such rows are skipped and listed in skipped.csv");
        assertThat(out).doesNotExist();
        assertThat(temp.toFile().list()).isEmpty();
    }

    @Test
    void aZipOrAMissingFolderIsAClearMessage()
            throws IOException
    {
        SparkSession spark = SparkSessions.on("local[2]");
        Path zip = Files.createFile(temp.resolve("cdm.zip"));
        assertThatThrownBy(() -> new SparkScreening(spark, ProtocolText.load(PROTOCOL), false, 2).screen(OmopSource.of(zip), temp.resolve("out")))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("is a .zip").hasMessageContaining("unpack it");
        assertThatThrownBy(() -> new SparkScreening(spark, ProtocolText.load(PROTOCOL), false, 2).screen(OmopSource.of(temp.resolve("nowhere")), temp.resolve("out")))
                .isInstanceOfSatisfying(CasebookException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("OMOP source not found");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    /** The Eunomia sample as CSV, tables cut into tasks, on {@code local[3]}: the local engine's files (read from the .zip), 28 persons. */
    @Test
    void theEunomiaCsvSampleGivesTheLocalEnginesFiles()
            throws IOException
    {
        Path csvZip = SHARED.resolve("Synthea27Nj_5.4.zip");
        assumeTrue(Files.isRegularFile(csvZip), "the shared OMOP sample is not at " + csvZip.toAbsolutePath().normalize());
        Path localCsv = temp.resolve("local-csv");
        ScreeningEngine.forProtocol(EUNOMIA_PROTOCOL, false).screen(OmopSource.of(csvZip), localCsv);
        Path sparkCsv = screenEunomiaOnSpark(csvZip);
        assertThat(Files.readString(sparkCsv.resolve("flow.json"))).contains("\"patients_in_extract\" : 28");
        assertThat(Files.readString(sparkCsv.resolve("screening.csv"))).contains(",included,");
        SparkScreeningTest.assertSameFiles(localCsv, sparkCsv);
    }

    /**
     * The Eunomia sample as Parquet, cut by Spark's Parquet reader: the local engine's files (read
     * through DuckDB), and the CSV form's on Spark but for where provenance says a row is stored.
     * Tagged large: the first Spark SQL query in a JVM loads Spark's query engine and generates
     * code, a minute or two on this shared machine ({@code -Pspark-large}).
     */
    @org.junit.jupiter.api.Tag("large")
    @Test
    void theEunomiaParquetSampleGivesTheLocalEnginesFilesAndTheCsvForms()
            throws IOException
    {
        Path csvZip = SHARED.resolve("Synthea27Nj_5.4.zip");
        Path parquetZip = SHARED.resolve("Synthea27NjParquet_5.4.zip");
        assumeTrue(Files.isRegularFile(csvZip) && Files.isRegularFile(parquetZip), "the shared OMOP samples are not at " + SHARED.toAbsolutePath().normalize());
        Path localParquet = temp.resolve("local-parquet");
        ScreeningEngine.forProtocol(EUNOMIA_PROTOCOL, false).screen(OmopSource.of(parquetZip), localParquet);
        Path sparkParquet = temp.resolve("spark-parquet");
        new SparkScreening(SparkSessions.on("local[2]"), ProtocolText.load(EUNOMIA_PROTOCOL), false, 2)
                .screen(OmopSource.of(unzip(parquetZip, temp.resolve("parquet"))), sparkParquet);
        assertThat(Files.readString(sparkParquet.resolve("flow.json"))).contains("\"patients_in_extract\" : 28");
        SparkScreeningTest.assertSameFiles(localParquet, sparkParquet);

        Path sparkCsv = screenEunomiaOnSpark(csvZip);
        for (String file : List.of("screening.csv", "flow.json", "flow.svg", "skipped.csv", "cases/cases.csv", "cases/measurements.csv")) {
            assertThat(Files.readString(sparkParquet.resolve(file))).as(file).isEqualTo(Files.readString(sparkCsv.resolve(file)));
        }
        assertThat(withoutPlace(sparkParquet.resolve("cases/provenance.csv"))).isEqualTo(withoutPlace(sparkCsv.resolve("cases/provenance.csv")));
    }

    /** The CSV sample unpacked and screened on {@code local[3]}, its tables cut every MiB (MEASUREMENT.csv into two tasks, CONCEPT_RELATIONSHIP.csv into 14). */
    private Path screenEunomiaOnSpark(Path csvZip)
            throws IOException
    {
        SparkSession spark = SparkSessions.on("local[3]");
        Path out = temp.resolve("spark-csv");
        spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(1024 * 1024));
        try {
            new SparkScreening(spark, ProtocolText.load(EUNOMIA_PROTOCOL), false, 3).screen(OmopSource.of(unzip(csvZip, temp.resolve("csv"))), out);
        }
        finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
        }
        return out;
    }

    /** provenance.csv without its last two columns (the file and line a value was read from). */
    private static List<String> withoutPlace(Path provenance)
            throws IOException
    {
        return Files.readAllLines(provenance).stream().map(line -> line.substring(0, line.lastIndexOf(',', line.lastIndexOf(',') - 1))).toList();
    }

    /** The .zip's files, unpacked into {@code folder} with their folders (Spark reads table files where they lie). */
    static Path unzip(Path zip, Path folder)
            throws IOException
    {
        try (FileSystem files = FileSystems.newFileSystem(zip); Stream<Path> walk = Files.walk(files.getPath("/"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = folder.resolve(file.toString().substring(1));
                Files.createDirectories(target.getParent());
                try (InputStream in = Files.newInputStream(file)) {
                    Files.copy(in, target);
                }
            }
        }
        return folder;
    }

    /**
     * Bad rows of every kind the reader lists (an unknown concept, a date in the wrong form, a
     * wrong width, a person id that is no number, a visit ending before it starts), a VISIT_DETAIL
     * naming a missing visit, a table without a column it needs, a duplicate PERSON row, and a
     * quoted value holding a line break (so that one table cannot be cut at line ends).
     */
    static void addBadRows(Path omop)
            throws IOException
    {
        List<String> conditions = Files.readAllLines(omop.resolve("CONDITION_OCCURRENCE.csv"));
        String header = conditions.get(0);
        String first = conditions.get(1);
        String[] values = first.split(",", -1);
        int concept = List.of(header.split(",")).indexOf("condition_concept_id");
        int date = List.of(header.split(",")).indexOf("condition_start_date");
        int person = List.of(header.split(",")).indexOf("person_id");
        String unknown = with(values, concept, "987654321");
        String badDate = with(values, date, "03/02/2024");
        String badPerson = with(values, person, "x");
        append(omop.resolve("CONDITION_OCCURRENCE.csv"), unknown + "\n" + badDate + "\n" + first + ",extra\n" + badPerson + "\n");

        List<String> persons = Files.readAllLines(omop.resolve("PERSON.csv"));
        String personId = persons.get(1).split(",")[0];
        List<String> columns = List.of(Files.readAllLines(omop.resolve("VISIT_OCCURRENCE.csv")).get(0).split(","));
        String[] visit = new String[columns.size()];
        java.util.Arrays.fill(visit, "");
        visit[columns.indexOf("visit_occurrence_id")] = "99999001";
        visit[columns.indexOf("person_id")] = personId;
        visit[columns.indexOf("visit_concept_id")] = "9201";
        visit[columns.indexOf("visit_start_date")] = "2024-06-02";
        visit[columns.indexOf("visit_end_date")] = "2024-06-01";
        append(omop.resolve("VISIT_OCCURRENCE.csv"), String.join(",", visit) + "\n");
        Files.writeString(omop.resolve("visit_detail.csv"), "visit_detail_id,person_id,visit_detail_start_date,visit_detail_end_date,visit_occurrence_id\n"
                + "1," + personId + ",2024-06-02,2024-06-03,424242\n2," + personId + ",2024-06-02,2024-06-03,424242\n", StandardCharsets.UTF_8);
        Files.writeString(omop.resolve("DEVICE_EXPOSURE.csv"), "device_exposure_id,person_id,device_exposure_start_date\n1," + personId + ",2024-01-01\n",
                StandardCharsets.UTF_8);
        append(omop.resolve("PERSON.csv"), persons.get(persons.size() - 1) + "\n");
        List<String> procedures = Files.readAllLines(omop.resolve("PROCEDURE_OCCURRENCE.csv"));
        if (procedures.size() > 1) {
            append(omop.resolve("PROCEDURE_OCCURRENCE.csv"), "\"" + procedures.get(1).replaceFirst(",", "\n\",") + "\n");
        }
    }

    private static String with(String[] values, int index, String value)
    {
        String[] changed = values.clone();
        changed[index] = value;
        return String.join(",", changed);
    }

    private static void append(Path file, String text)
            throws IOException
    {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
