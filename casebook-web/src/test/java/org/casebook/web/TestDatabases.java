package org.casebook.web;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.casebook.store.StudyDatabase;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * (A copy of casebook-store's test helper: test jars do not resolve in a `mvn test` reactor.)
 * The two databases every store and web test runs against: a fresh SQLite file, and a fresh
 * database in one embedded PostgreSQL server started once per test JVM (zonky: PostgreSQL
 * binaries from Maven Central, nothing to install).
 */
public final class TestDatabases
{
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static boolean statementStatistics;

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

    /** A new, empty data folder (for the study reports) when the database is not a SQLite file. */
    public static String newDataFolder()
    {
        return TestFolders.folder("casebook-data").toString();
    }

    /**
     * Starts the embedded PostgreSQL server (when this JVM has not yet) with pg_stat_statements
     * loaded and installed in its {@code postgres} database, so that the load test can count the
     * statements a save costs ({@link #postgresAdmin}).
     */
    public static synchronized void withStatementStatistics()
    {
        statementStatistics = true;
    }

    /** A connection source to the server's {@code postgres} database (statistics of every database). */
    public static synchronized javax.sql.DataSource postgresAdmin()
    {
        return postgres.getPostgresDatabase();
    }

    /**
     * CPU time so far of the embedded PostgreSQL server: its postmaster and every process it runs
     * (the backends serving connections), from /proc; -1 where there is none. A backend that
     * ended takes its time with it, so compare while the pool's connections stay open.
     */
    public static synchronized long postgresCpuMillis()
    {
        if (postgres == null) {
            return -1;
        }
        ProcessHandle postmaster;
        // pg_ctl started the server and left; a backend's parent is the postmaster
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement();
                var backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            postmaster = ProcessHandle.of(backend.getLong(1)).flatMap(ProcessHandle::parent).orElse(null);
        }
        catch (java.sql.SQLException e) {
            return -1;
        }
        if (postmaster == null) {
            return -1;
        }
        long total = 0;
        for (ProcessHandle process : java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants()).toList()) {
            // a backend that ended since the listing has no /proc entry: its time is gone either way
            total += Math.max(0, ProcessCpu.millis(process.pid()));
        }
        return total;
    }

    private static String sqliteUrl()
    {
        return "jdbc:sqlite:" + TestFolders.folder("casebook-test").resolve("casebook.db");
    }

    private static synchronized String postgresUrl()
    {
        try {
            if (postgres == null) {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (statementStatistics) {
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                }
                postgres = builder.start();
                if (statementStatistics) {
                    try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
                        statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                    }
                }
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
