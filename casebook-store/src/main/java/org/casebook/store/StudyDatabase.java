package org.casebook.store;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.sqlite.SQLiteConfig;

import static java.util.Objects.requireNonNull;

/**
 * The study database: opens a connection pool on SQLite (WAL, busy timeout, immediate write
 * transactions) or PostgreSQL, migrates the schema with Flyway and runs transactions, retrying
 * a transaction SQLite refused because the database was busy.
 *
 * <pre>{@code
 * try (StudyDatabase database = StudyDatabase.open("jdbc:sqlite:/srv/casebook/casebook.db", Clock.systemUTC())) { ... }
 * }</pre>
 */
public final class StudyDatabase
        implements AutoCloseable
{
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int BUSY_RETRIES = 5;
    private static final String DEADLOCK_DETECTED = "40P01";
    /**
     * Connections to PostgreSQL: twice the cores plus one (HikariCP's rule of thumb). More
     * connections than the cores can serve only queue inside the database: under the load test's
     * 50 readers on 2 cores, 20 connections were slower than 5 (docs/web.md, *Tests*).
     */
    private static final int POSTGRES_POOL_SIZE = 2 * Runtime.getRuntime().availableProcessors() + 1;

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Clock clock;
    /**
     * Write transactions queue here, first come first served, before they take a connection.
     * SQLite lets one writer in at a time; the others waited in its busy handler, which polls with
     * sleeps growing to 100 ms, so under load a writer often slept long after the lock was freed.
     * On PostgreSQL every write transaction appends to the audit trail, whose hash chain has one
     * row ({@link AuditChain}) that serializes them anyway; the waiting writers held pooled
     * connections meanwhile, which the requests' reads (role checks) then waited for. The load
     * test's profile showed both (docs/web.md, *Tests*). Queued here, each writer starts the moment
     * the one before commits, and reads always find a connection. Another process writing the same
     * database (a command line tool, a second server) still meets the busy timeout or the row lock.
     */
    private final java.util.concurrent.locks.ReentrantLock writers = new java.util.concurrent.locks.ReentrantLock(true);
    /**
     * Write transactions running side by side on PostgreSQL ({@link #inTransactionAuditedLast}),
     * at most the pool less two: a long writer (an import) holds the audit chain until it commits,
     * and the saves waiting for it hold their connections meanwhile; one connection always stays for
     * that writer and one for the requests' reads (role checks), which must never wait on a save.
     */
    private final java.util.concurrent.Semaphore sideBySide = new java.util.concurrent.Semaphore(POSTGRES_POOL_SIZE - 2, true);

    private StudyDatabase(Dialect dialect, HikariDataSource dataSource, Clock clock)
    {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // exception messages end up in server logs: keep bound values (patient data) out of them
        this.jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.clock = clock;
    }

    /** Opens the database at {@code jdbcUrl} and brings its schema up to date. */
    public static StudyDatabase open(String jdbcUrl, Clock clock)
    {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        Dialect dialect = Dialect.fromJdbcUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("casebook");
        config.setMaximumPoolSize(dialect == Dialect.SQLITE ? 8 : POSTGRES_POOL_SIZE);
        if (dialect == Dialect.SQLITE) {
            sqliteFile(jdbcUrl).ifPresent(OwnerOnlyFiles::createFile);
            config.setDataSource(sqliteDataSource(jdbcUrl));
        }
        else {
            config.setJdbcUrl(jdbcUrl);
            // PostgreSQL puts key values in error details ("Key (patient_id)=(P1) already exists"): not in our logs
            config.addDataSourceProperty("logServerErrorDetail", "false");
            // a batch of inserts (a save's audit lines, a read's values) goes as multi-row INSERTs: one
            // statement for 36 rows instead of 36; ids still follow the rows' order, as the audit chain needs
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        StudyDatabase database = new StudyDatabase(dialect, new HikariDataSource(config), requireNonNull(clock, "clock is null"));
        database.migrate();
        return database;
    }

    /** The database file of {@code jdbc:sqlite:FILE[?options]}; none for an in-memory database. */
    static java.util.Optional<java.nio.file.Path> sqliteFile(String jdbcUrl)
    {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(java.nio.file.Path.of(path));
    }

    private static DataSource sqliteDataSource(String jdbcUrl)
    {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        // BEGIN IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
        // instead of one failing when it upgrades a read lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource(config);
        dataSource.setUrl(jdbcUrl);
        return dataSource;
    }

    private void migrate()
    {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                .placeholders(Map.of("id_column", dialect.idColumn()))
                .load()
                .migrate();
    }

    public Dialect dialect()
    {
        return dialect;
    }

    public Clock clock()
    {
        return clock;
    }

    public DataSource dataSource()
    {
        return dataSource;
    }

    /**
     * Runs {@code callback} in one transaction, after the write transactions before it have
     * committed (see {@link #writers}); a transaction refused because SQLite was busy, or aborted
     * by PostgreSQL as a deadlock, is retried a few times.
     */
    public <T> T inTransaction(HandleCallback<T, RuntimeException> callback)
    {
        writers.lock();
        try {
            return retried(callback);
        }
        finally {
            writers.unlock();
        }
    }

    /**
     * Runs {@code callback}, a write transaction that appends to the audit trail only at its end,
     * as {@link #inTransaction} does, except that on PostgreSQL it does not queue behind the other
     * writers: they meet only at the audit chain's row lock ({@link AuditChain}), which it takes
     * last and holds for its audit lines and commit, so saves of different records run side by
     * side until then. A callback that wrote rows after its audit lines could deadlock with one
     * waiting for the chain; PostgreSQL would abort one of the two and it would be retried, but
     * keep the audit lines last. The callback must be safe to run again, and must not rely on
     * writers being serialised (a first insert races another: use {@code ON CONFLICT}). On
     * SQLite, which lets one writer in at a time anyway, it queues as {@link #inTransaction}. At
     * most {@link #sideBySide} of them run at once.
     */
    public <T> T inTransactionAuditedLast(HandleCallback<T, RuntimeException> callback)
    {
        if (dialect == Dialect.SQLITE) {
            return inTransaction(callback);
        }
        sideBySide.acquireUninterruptibly();
        try {
            return retried(callback);
        }
        finally {
            sideBySide.release();
        }
    }

    private <T> T retried(HandleCallback<T, RuntimeException> callback)
    {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(callback);
            }
            catch (RuntimeException e) {
                if (attempt >= BUSY_RETRIES || !isRetryable(e)) {
                    throw e;
                }
            }
        }
    }

    /** Runs {@code callback} on a connection in auto-commit mode (reads). */
    public <T> T withHandle(HandleCallback<T, RuntimeException> callback)
    {
        return jdbi.withHandle(callback);
    }

    /** SQLite was busy, or PostgreSQL aborted the transaction as a deadlock (SQLSTATE 40P01): running it again will do. */
    private static boolean isRetryable(Throwable e)
    {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (sql.getMessage() != null && sql.getMessage().contains("SQLITE_BUSY") || DEADLOCK_DETECTED.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** For tests and tools that need raw access. */
    public Handle openHandle()
    {
        return jdbi.open();
    }

    @Override
    public void close()
    {
        dataSource.close();
    }
}
