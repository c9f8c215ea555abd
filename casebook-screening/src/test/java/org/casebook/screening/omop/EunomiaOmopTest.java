package org.casebook.screening.omop;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.protocol.Protocols;
import org.casebook.screening.generic.GenericScreening;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** OHDSI's Eunomia Synthea27Nj sample (OMOP CDM 5.4, 28 persons, ../shared/omop), read as published. */
class EunomiaOmopTest
{
    static final Path SHARED = Path.of("../../shared/omop");
    static final Path CSV_ZIP = SHARED.resolve("Synthea27Nj_5.4.zip");

    /** The sample sits beside the checkout (../shared); a clone elsewhere skips these tests, saying why. */
    @BeforeAll
    static void sampleIsPresent()
    {
        assumeTrue(Files.isRegularFile(CSV_ZIP), "the shared OMOP sample is not at " + CSV_ZIP.toAbsolutePath().normalize());
    }

    @Test
    void csvSampleReadsEveryRowOfEveryTableOrListsItInSkipped(@TempDir Path temp)
            throws IOException
    {
        Path out = temp.resolve("screening");
        new GenericScreening(Protocols.load("dm-ild-tofacitinib"), null, null, false).screen(OmopSource.of(CSV_ZIP), out);
        JsonNode flow = new ObjectMapper().readTree(out.resolve("flow.json").toFile());
        assertThat(flow.get("patients_in_extract").asLong()).isEqualTo(28);

        Map<String, Long> skippedByFile = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(out.resolve("skipped.csv"));
                CSVParser skipped = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader().get())) {
            for (CSVRecord row : skipped) {
                skippedByFile.merge(row.get("file"), 1L, Long::sum);
            }
        }
        Map<String, Long> rows = rowsPerTable(CSV_ZIP);
        assertThat(rows).containsKeys("person", "visit_occurrence", "condition_occurrence", "drug_exposure", "measurement", "concept");
        for (Map.Entry<String, Long> table : rows.entrySet()) {
            String name = table.getKey();
            long accounted = flow.path("resources_read").path(name).asLong() + flow.path("resources_ignored").path(name).asLong()
                    + skippedByFile.getOrDefault(name.toUpperCase() + ".csv", 0L);
            assertThat(accounted).as("rows of %s read, counted or skipped", name).isEqualTo(table.getValue());
        }
        assertThat(flow.path("resources_read").path("person").asLong()).isEqualTo(28);
        assertThat(flow.path("resources_read").path("death").asLong()).isEqualTo(3);
    }

    static final Path PARQUET_ZIP = SHARED.resolve("Synthea27NjParquet_5.4.zip");
    static final String PROTOCOL = "src/test/resources/org/casebook/screening/omop/eunomia/protocol.yaml";

    /**
     * A fixture study over the sample finds the patients an independent reading of the CSV files
     * finds (python3 over CONDITION_OCCURRENCE, MEASUREMENT and CONCEPT: first viral sinusitis
     * 444814009, a body weight 29463-7 within 730 days, no stress 73595000 on or before): 23
     * candidates, 12 excluded for stress, these 11 included.
     */
    @Test
    void aStudyOverTheSampleFindsThePatientsAnIndependentReadingFinds(@TempDir Path temp)
            throws IOException
    {
        Path out = screen(OmopSource.of(CSV_ZIP), temp.resolve("csv"));
        JsonNode flow = new ObjectMapper().readTree(out.resolve("flow.json").toFile());
        assertThat(flow.get("with_index_admission").asLong()).isEqualTo(23);
        assertThat(flow.get("excluded_by_reason").get("no_stress").asLong()).isEqualTo(12);
        assertThat(flow.get("included").asLong()).isEqualTo(11);
        assertThat(Files.readAllLines(out.resolve("screening.csv")).stream().filter(line -> line.contains(",included,")).map(line -> line.split(",")[1]))
                .containsExactlyInAnyOrder("1", "4", "5", "6", "12", "13", "14", "17", "18", "23", "25");
        assertThat(Files.readAllLines(out.resolve("cases/cases.csv"))).contains("17,2003-03-10,38,F,");
        assertThat(Files.readAllLines(out.resolve("cases/provenance.csv"))).anyMatch(line -> line.startsWith("17,index_date,,2003-03-10,condition_occurrence,259,"));
    }

    /** The Parquet form (through DuckDB) gives the CSV form's files; only provenance's file names differ. */
    @Test
    void theParquetFormGivesTheSameOutputAsTheCsvForm(@TempDir Path temp)
            throws IOException
    {
        assumeTrue(Files.isRegularFile(PARQUET_ZIP), "the shared OMOP Parquet sample is not at " + PARQUET_ZIP.toAbsolutePath().normalize());
        Path csv = screen(OmopSource.of(CSV_ZIP), temp.resolve("csv"));
        Path parquet = screen(OmopSource.of(PARQUET_ZIP), temp.resolve("parquet"));
        assertSameOutput(csv, parquet);
    }

    static Path screen(org.casebook.screening.generic.RecordSource source, Path out)
            throws IOException
    {
        new GenericScreening(Protocols.load(PROTOCOL), null, null, true).screen(source, out);
        return out;
    }

    /** Every output file equal, provenance.csv but its file and line columns (where the row was stored). */
    static void assertSameOutput(Path expected, Path actual)
            throws IOException
    {
        for (String file : List.of("screening.csv", "flow.json", "flow.svg", "skipped.csv", "cases/cases.csv", "cases/measurements.csv")) {
            assertThat(Files.readAllLines(actual.resolve(file))).as(file).containsExactlyElementsOf(Files.readAllLines(expected.resolve(file)));
        }
        assertThat(withoutPlace(actual.resolve("cases/provenance.csv"))).containsExactlyElementsOf(withoutPlace(expected.resolve("cases/provenance.csv")));
    }

    private static List<String> withoutPlace(Path provenance)
            throws IOException
    {
        return Files.readAllLines(provenance).stream().map(line -> line.substring(0, line.lastIndexOf(',', line.lastIndexOf(',') - 1))).toList();
    }

    /** Every table file's data rows, counted by commons-csv independently of the reader. */
    static Map<String, Long> rowsPerTable(Path zip)
            throws IOException
    {
        Map<String, Long> rows = new HashMap<>();
        try (FileSystem files = FileSystems.newFileSystem(zip)) {
            List<Path> tables;
            try (var paths = Files.walk(files.getPath("/"))) {
                tables = paths.filter(path -> path.toString().endsWith(".csv") && !path.toString().contains("__MACOSX")).toList();
            }
            for (Path table : tables) {
                try (Reader reader = Files.newBufferedReader(table, StandardCharsets.UTF_8);
                        CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader().get())) {
                    rows.put(table.getFileName().toString().replace(".csv", "").toLowerCase(), parser.stream().count());
                }
            }
        }
        return rows;
    }
}
