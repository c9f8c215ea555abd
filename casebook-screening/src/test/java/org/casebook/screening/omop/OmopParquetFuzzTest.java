package org.casebook.screening.omop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.ScreeningEngine;
import org.casebook.screening.local.ProgressListener;
import org.casebook.screening.synth.generic.GenericHospital;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Mutation fuzzing of the OMOP Parquet reader (DuckDB over JDBC), which the command line's fuzz
 * test cannot reach (the casebook jar leaves DuckDB out). A small synthetic hospital's OMOP tables
 * are written as Parquet; each case changes one table in one of the ways a warehouse export goes
 * wrong — a value replaced by one known to break readers (the column's type then read from the
 * values, so a date column may arrive as text or a number as a double), a required column
 * dropped, a column cast to another type, the file's bytes edited or cut short — and screens it,
 * strict or not. Every case must end in the outputs or a {@link CasebookException} of kind
 * BAD_INPUT whose message names the table's file, within a time bound; never another exception,
 * and a failed run leaves no output folder. {@code -Dcasebook.fuzz.scale=N} runs N times as many.
 */
class OmopParquetFuzzTest
{
    private static final String PROTOCOL = "dm-ild-tofacitinib";
    private static final int CASES = 80;
    private static final Duration TIME_BOUND = Duration.ofSeconds(60);
    private static final List<String> VALUES = List.of("", "NaN", "Infinity", "-1", "0", "1e400", "99999999999999999999", "2147483648", "-9223372036854775809",
            "0000-01-01", "9999-12-31", "2024-02-30", "2024-13-01", "20240101", "+999999999-12-31", "1900-01-01 00:00:00", "x", "é\u202e", "\u001b[31m",
            "\"", ",", "Patient/1", "0.5", "-0", "1e-999999999");

    private static final List<String> TEXT_IDS = List.of("vocabulary_id", "domain_id", "concept_class_id", "relationship_id");

    @TempDir
    static Path seed;

    @BeforeAll
    static void writeSeedTables()
            throws IOException
    {
        Path fhir = seed.resolve("fhir");
        GenericHospital.load(PROTOCOL, 7, 60, false).write(fhir, ProgressListener.NONE);
        OmopWriter.fromFhir(fhir, seed.resolve("csv"));
    }

    @Test
    void everyMutatedParquetSourceEndsInOutputsOrAMessageNamingTheTable(@TempDir Path temp)
            throws Exception
    {
        int total = CASES * Integer.getInteger("casebook.fuzz.scale", 1);
        Map<String, Integer> endings = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int index = 0; index < total; index++) {
            Random random = new Random(31L * index + 7);
            Path input = Files.createDirectories(temp.resolve("in-" + index));
            String change = writeMutatedTables(input, random);
            boolean strict = random.nextInt(4) == 0;
            Path out = temp.resolve("out-" + index);
            String ending;
            try {
                assertTimeoutPreemptively(TIME_BOUND, () -> ScreeningEngine.forProtocol(PROTOCOL, strict).screen(OmopSource.of(input), out),
                        () -> "no answer within " + TIME_BOUND + " after " + change);
                assertThat(out.resolve("flow.json")).as(change).exists();
                ending = "outputs";
            }
            catch (CasebookException e) {
                ending = "message";
                if (e.errorCode() != ErrorCode.BAD_INPUT || !namesATable(e.getMessage(), input) || Files.exists(out)) {
                    failures.add(change + (strict ? " (strict)" : "") + ": " + e.errorCode() + " " + e.getMessage() + (Files.exists(out) ? " [output folder left]" : ""));
                }
            }
            catch (Throwable e) {
                ending = "internal error";
                failures.add(change + (strict ? " (strict)" : "") + ": " + e);
            }
            endings.merge(ending, 1, Integer::sum);
            deleteRecursively(input);
            deleteRecursively(out);
        }
        System.out.printf("OMOP Parquet fuzz: %d inputs, %s%n", total, endings);
        assertThat(failures).as("inputs that ended otherwise than in outputs or a located BAD_INPUT message").isEmpty();
        assertThat(endings).as("both endings reached, so the mutations reach the reader").containsKeys("outputs", "message");
    }

    /** A message names the file it is about: one of the table files given. */
    private static boolean namesATable(String message, Path input)
            throws IOException
    {
        try (Stream<Path> files = Files.list(input)) {
            return files.map(file -> file.getFileName().toString()).anyMatch(message::contains) || message.contains(input.toString());
        }
    }

    /** Writes the seed's tables as Parquet into {@code input}, one of them changed; says what was changed. */
    private static String writeMutatedTables(Path input, Random random)
            throws IOException, SQLException
    {
        List<Path> tables;
        try (Stream<Path> files = Files.list(seed.resolve("csv"))) {
            tables = files.filter(file -> file.toString().endsWith(".csv")).sorted().toList();
        }
        Path chosen = tables.get(random.nextInt(tables.size()));
        String table = chosen.getFileName().toString().replace(".csv", "");
        int kind = random.nextInt(4);
        String change;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            for (Path csv : tables) {
                if (!csv.equals(chosen) || kind == 3) {
                    copy(sql, csv, typed(header(csv), Map.of()), input.resolve(csv.getFileName().toString().replace(".csv", ".parquet")));
                }
            }
            Path parquet = input.resolve(table + ".parquet");
            List<String> columns = header(chosen);
            String column = columns.get(random.nextInt(columns.size()));
            switch (kind) {
                case 0 -> {
                    Path edited = input.resolve(table + ".edited");
                    String value = replaceValue(chosen, edited, columns.indexOf(column), random);
                    boolean asText = random.nextBoolean();
                    change = table + ": a value of " + column + " replaced by '" + value + "'" + (asText ? ", the column as text" : "");
                    copy(sql, edited, typed(columns, asText ? Map.of(column, "VARCHAR") : Map.of()), parquet);
                    Files.delete(edited);
                }
                case 1 -> {
                    change = table + ": column " + column + " dropped";
                    copy(sql, chosen, typed(columns.stream().filter(name -> !name.equals(column)).toList(), Map.of()), parquet);
                }
                case 2 -> {
                    String type = List.of("VARCHAR", "DOUBLE", "BIGINT", "DATE", "BOOLEAN", "TIMESTAMP").get(random.nextInt(6));
                    change = table + ": column " + column + " cast to " + type;
                    copy(sql, chosen, typed(columns, Map.of(column, type)), parquet);
                }
                default -> change = table + ": " + editBytes(parquet, random);
            }
        }
        return change;
    }

    /** Writes {@code select} over the CSV file (read as text into a table first: a cast pushed into DuckDB's CSV reader fails even when it is TRY_CAST). */
    private static void copy(Statement sql, Path csv, String select, Path parquet)
            throws SQLException
    {
        sql.execute("CREATE OR REPLACE TEMP TABLE source AS SELECT * FROM read_csv(" + quoted(csv) + ", header = true, all_varchar = true)");
        sql.execute("COPY (" + select + ") TO " + quoted(parquet) + " (FORMAT parquet)");
    }

    /**
     * The {@code columns} of a CSV table typed as a CDM export types them (ids and numbers as
     * numbers, dates as dates; a value that does not fit becomes null), {@code types} overriding.
     * DuckDB's own type detection is not used: it guesses differently from file to file.
     */
    private static String typed(List<String> columns, Map<String, String> types)
    {
        List<String> select = new ArrayList<>();
        for (String column : columns) {
            String type = types.getOrDefault(column, column.endsWith("_datetime") ? "TIMESTAMP" : column.endsWith("_date") ? "DATE"
                    : column.endsWith("_id") && !TEXT_IDS.contains(column) || column.endsWith("_of_birth") ? "BIGINT"
                    : column.startsWith("value_as_number") || column.equals("quantity") || column.startsWith("range_") ? "DOUBLE" : "VARCHAR");
            select.add("TRY_CAST(\"" + column + "\" AS " + type + ") AS \"" + column + "\"");
        }
        return "SELECT " + String.join(", ", select) + " FROM source";
    }

    private static String quoted(Path path)
    {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static List<String> header(Path csv)
            throws IOException
    {
        try (Stream<String> lines = Files.lines(csv)) {
            return List.of(lines.findFirst().orElseThrow().split(",", -1));
        }
    }

    /** Writes {@code csv} to {@code edited} with one row's value in {@code column} replaced; returns the value put there. */
    private static String replaceValue(Path csv, Path edited, int column, Random random)
            throws IOException
    {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        String value = VALUES.get(random.nextInt(VALUES.size()));
        if (lines.size() > 1) {
            int row = 1 + random.nextInt(lines.size() - 1);
            String[] fields = lines.get(row).split(",", -1);
            if (column < fields.length) {
                fields[column] = value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
            }
            lines.set(row, String.join(",", fields));
        }
        Files.write(edited, lines, StandardCharsets.UTF_8);
        return value;
    }

    /** Cuts the file short, empties it, or overwrites some of its bytes. */
    private static String editBytes(Path parquet, Random random)
            throws IOException
    {
        byte[] bytes = Files.readAllBytes(parquet);
        switch (random.nextInt(3)) {
            case 0 -> {
                Files.write(parquet, java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length)));
                return "file cut short";
            }
            case 1 -> {
                Files.write(parquet, new byte[0]);
                return "file emptied";
            }
            default -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                Files.write(parquet, bytes);
                return "bytes overwritten";
            }
        }
    }

    private static void deleteRecursively(Path folder)
            throws IOException
    {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
