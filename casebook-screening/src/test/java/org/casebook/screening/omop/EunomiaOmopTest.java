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
