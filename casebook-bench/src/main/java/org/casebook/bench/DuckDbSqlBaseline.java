package org.casebook.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.casebook.screening.bench.Baseline;

/**
 * What a data engineer would write: DuckDB reading the NDJSON files ({@code read_ndjson_objects})
 * and the seed protocol's four criteria as SQL ({@code screening.sql}). Dates are taken as the text
 * written (the first ten characters), never converted to UTC; year and month precisions are dropped,
 * which a SQL first draft typically does. Returns the number of included patients, so it can be
 * compared with casebook's.
 */
public final class DuckDbSqlBaseline
        implements Baseline
{
    @Override
    public String name()
    {
        return "DuckDB 2.0.0.1 read_ndjson_objects + SQL criteria";
    }

    @Override
    public String run(Path folder)
            throws IOException, SQLException
    {
        return includedPatients(folder) + " included";
    }

    public long includedPatients(Path folder)
            throws IOException, SQLException
    {
        String sql = script().replace("${extract}", folder.toAbsolutePath().toString().replace("'", "''"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads TO 2");
            String[] statements = sql.split(";\\s*\\n");
            for (int index = 0; index < statements.length - 1; index++) {
                if (!statements[index].isBlank()) {
                    statement.execute(statements[index]);
                }
            }
            try (ResultSet result = statement.executeQuery(statements[statements.length - 1])) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static String script()
            throws IOException
    {
        try (InputStream in = DuckDbSqlBaseline.class.getResourceAsStream("screening.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
