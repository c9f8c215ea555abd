package org.casebook.odm;

import org.casebook.store.StudyDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The two databases every store and web test runs against: a fresh SQLite file, and a fresh
 * database in one embedded PostgreSQL server started once per test JVM (zonky: PostgreSQL
 * binaries from Maven Central, nothing to install).
 */
public final class TestDatabases
{
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static Path sqliteRoot;

    private TestDatabases() {}

    public static List<String> names()
    {
        return List.of("sqlite", "postgresql");
    }

    /** A JDBC URL of a new, empty database of the named kind. */
    public static String newDatabaseUrl(String kind)
    {
        return switch (kind) {
            case "sqlite" -> sqliteUrl();
            case "postgresql" -> postgresUrl();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public static StudyDatabase open(String kind)
    {
        return StudyDatabase.open(newDatabaseUrl(kind), Clock.systemUTC());
    }

    private static String sqliteUrl()
    {
        try {
            Path folder = Files.createTempDirectory(sqliteRoot(), "casebook-test");
            return "jdbc:sqlite:" + folder.resolve("casebook.db");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One folder of this test JVM for its SQLite files, deleted when the JVM ends (a test's database may outlive its class). */
    private static synchronized Path sqliteRoot()
            throws IOException
    {
        if (sqliteRoot == null) {
            Path created = Files.createTempDirectory("casebook-sqlite-tests");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (java.util.stream.Stream<Path> paths = Files.walk(created)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
                catch (IOException | UncheckedIOException ignored) {
                    // a file vanished while walking: nothing left to delete
                }
            }));
            sqliteRoot = created;
        }
        return sqliteRoot;
    }

    private static synchronized String postgresUrl()
    {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    }
                    catch (IOException ignored) {
                        // the JVM is exiting; the temporary cluster is removed with it
                    }
                }));
            }
            String name = "casebook_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        }
        catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }
}
