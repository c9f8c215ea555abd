package org.casebook.screening.omop;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.casebook.error.CasebookException;
import org.casebook.screening.generic.GenericFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Eunomia sample loaded into a real PostgreSQL (embedded, zonky) in a schema {@code cdm},
 * typed as the CDM DDL types them (ids bigint, dates date, datetimes timestamp, numbers numeric),
 * screens over JDBC exactly as from its CSV files; the password comes from the environment.
 */
class EunomiaPostgresTest
{
    private static final java.util.Set<String> TEXT_IDS = java.util.Set.of("vocabulary_id", "domain_id", "concept_class_id", "relationship_id", "reverse_relationship_id",
            "unique_device_id", "production_id", "lot_number", "invalid_reason");
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void loadTheSample()
            throws IOException, SQLException
    {
        assumeTrue(Files.isRegularFile(EunomiaOmopTest.CSV_ZIP), "the shared OMOP sample is not at " + EunomiaOmopTest.CSV_ZIP.toAbsolutePath().normalize());
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                FileSystem zip = FileSystems.newFileSystem(EunomiaOmopTest.CSV_ZIP)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA cdm");
                statement.execute("ALTER USER postgres PASSWORD 'sample-secret'");
            }
            List<Path> tables;
            try (var paths = Files.walk(zip.getPath("/"))) {
                tables = paths.filter(path -> path.toString().endsWith(".csv") && !path.toString().contains("__MACOSX")).toList();
            }
            for (Path table : tables) {
                load(connection, table);
            }
        }
    }

    private static void load(Connection connection, Path file)
            throws IOException, SQLException
    {
        String name = file.getFileName().toString().replace(".csv", "").toLowerCase(Locale.ROOT);
        String header;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            header = lines.findFirst().orElseThrow();
        }
        List<String> columns = new ArrayList<>();
        for (String column : header.split(",")) {
            columns.add('"' + column + "\" " + type(column));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE cdm.\"" + name + "\" (" + String.join(", ", columns) + ")");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY cdm.\"" + name + "\" FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
        }
    }

    private static String type(String column)
    {
        if (column.endsWith("_datetime")) {
            return "timestamp";
        }
        if (column.endsWith("_date")) {
            return "date";
        }
        if (TEXT_IDS.contains(column)) {
            return "text";
        }
        if (column.endsWith("_id") || column.startsWith("year_of") || column.startsWith("month_of") || column.startsWith("day_of")) {
            return "bigint";
        }
        if (column.equals("value_as_number") || column.equals("quantity") || column.endsWith("_value") && column.startsWith("amount")) {
            return "numeric";
        }
        return "text";
    }

    @AfterAll
    static void stop()
            throws IOException
    {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String url()
    {
        return postgres.getJdbcUrl("postgres", "postgres").replaceAll("[?&]user=[^&]*", "") + "?currentSchema=cdm";
    }

    @Test
    void theDatabaseGivesTheSameOutputAsTheCsvFiles(@TempDir Path temp)
            throws IOException
    {
        Path csv = EunomiaOmopTest.screen(OmopSource.of(EunomiaOmopTest.CSV_ZIP), temp.resolve("csv"));
        Map<String, String> environment = Map.of(JdbcOmopSource.USER_VARIABLE, "postgres", JdbcOmopSource.PASSWORD_VARIABLE, "sample-secret");
        Path database = EunomiaOmopTest.screen(new JdbcOmopSource(url(), environment), temp.resolve("database"));
        EunomiaOmopTest.assertSameOutput(csv, database);
        assertThat(Files.readString(database.resolve("cases/provenance.csv"))).contains(",condition_occurrence,259,cdm.condition_occurrence,");
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedAndADatabaseThatCannotBeReadIsOneClearMessage()
    {
        assertThatThrownBy(() -> new JdbcOmopSource(url() + "&password=sample-secret", Map.of()))
                .hasMessageContaining("set CASEBOOK_OMOP_PASSWORD instead");
        // the embedded server trusts local connections, so a wrong database stands for a wrong login here
        Map<String, String> login = Map.of(JdbcOmopSource.USER_VARIABLE, "postgres", JdbcOmopSource.PASSWORD_VARIABLE, "sample-secret");
        String noDatabase = url().replace("/postgres?", "/no_such_database?");
        assertThatThrownBy(() -> new JdbcOmopSource(noDatabase, login).read(false, new StringWriter(), new GenericFlow(), record -> true))
                .isInstanceOf(CasebookException.class)
                .hasMessageStartingWith("cannot read the OMOP database " + noDatabase + ": ")
                .hasMessageContaining("no_such_database")
                .hasMessageNotContaining("sample-secret");
        String noSchema = url().replace("currentSchema=cdm", "currentSchema=elsewhere");
        assertThatThrownBy(() -> new JdbcOmopSource(noSchema, login).read(false, new StringWriter(), new GenericFlow(), record -> true))
                .hasMessageContaining("has no current schema");
        assertThatThrownBy(() -> new JdbcOmopSource("jdbc:postgresql://127.0.0.1:1/none?currentSchema=cdm", Map.of()).read(false, new StringWriter(), new GenericFlow(),
                record -> true))
                .isInstanceOf(CasebookException.class)
                .hasMessageStartingWith("cannot read the OMOP database jdbc:postgresql://127.0.0.1:1/none");
    }
}
