package org.casebook.web;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a study database on the embedded PostgreSQL server executed between {@link #reset} and
 * {@link #collect}, from pg_stat_statements ({@link TestDatabases#withStatementStatistics}) and
 * pg_stat_database: statements (each row of a batch counts once, as the server executes it),
 * commits, and the statements by text, to say where a save's round trips go.
 */
final class PostgresStatements
{
    private static final Pattern DATABASE = Pattern.compile("/([^/?]+)(\\?|$)");

    private final String database;
    private long commitsBefore;
    private long commits;
    private final List<Object[]> byText = new ArrayList<>();

    private PostgresStatements(String database)
    {
        this.database = database;
    }

    static PostgresStatements of(String jdbcUrl)
    {
        Matcher matcher = DATABASE.matcher(jdbcUrl.substring("jdbc:postgresql://".length()));
        if (!matcher.find()) {
            throw new IllegalArgumentException("no database in " + jdbcUrl);
        }
        return new PostgresStatements(matcher.group(1));
    }

    void reset()
            throws SQLException
    {
        try (Connection connection = TestDatabases.postgresAdmin().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
            commitsBefore = commits(statement);
        }
    }

    void collect()
            throws SQLException
    {
        try (Connection connection = TestDatabases.postgresAdmin().getConnection(); Statement statement = connection.createStatement()) {
            commits = commits(statement) - commitsBefore;
            try (ResultSet rows = statement.executeQuery("""
                    SELECT s.calls, s.query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                    WHERE d.datname = '%s' ORDER BY s.calls DESC""".formatted(database))) {
                while (rows.next()) {
                    String text = rows.getString(2).replaceAll("\\s+", " ");
                    // a multi-row INSERT (a rewritten batch) repeats its VALUES: its start says enough
                    byText.add(new Object[] {rows.getLong(1), text.length() > 160 ? text.substring(0, 157) + "..." : text});
                }
            }
        }
    }

    private long commits(Statement statement)
            throws SQLException
    {
        // the statistics collector reports with a delay of up to half a second: ask for a fresh snapshot
        statement.execute("SELECT pg_stat_clear_snapshot()");
        try (ResultSet row = statement.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = '%s'".formatted(database))) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Statements and commits per save, and the statements by text that run at least once every 20 saves. */
    String perSave(int saves)
    {
        long total = byText.stream().mapToLong(row -> (Long) row[0]).sum();
        StringBuilder text = new StringBuilder("%.1f statements and %.2f commits per save:".formatted(total / (double) saves, commits / (double) saves));
        for (Object[] row : byText) {
            double perSave = (Long) row[0] / (double) saves;
            if (perSave >= 0.05) {
                text.append("%n  %5.2f  %s".formatted(perSave, row[1]));
            }
        }
        return text.toString();
    }
}
