package org.casebook.screening.omop;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

import static java.util.Objects.requireNonNull;

/**
 * A CDM table read over JDBC by one query: a PostgreSQL table ({@code SELECT * FROM "cdm"."person"})
 * or a Parquet file through DuckDB ({@code SELECT * FROM read_parquet('…/person.parquet')}). Rows
 * stream (a fetch size, no auto-commit, so PostgreSQL uses a cursor); a row's place is its
 * number in the result, from 1. Values are the driver's text for them.
 */
final class JdbcTable
        implements OmopTable
{
    private static final int FETCH_SIZE = 10_000;

    private final Connection connection;
    private final String name;
    private final String place;
    private final String query;
    private final List<String> columns;

    JdbcTable(Connection connection, String name, String place, String query)
    {
        this.connection = requireNonNull(connection, "connection is null");
        this.name = requireNonNull(name, "name is null");
        this.place = requireNonNull(place, "place is null");
        this.query = requireNonNull(query, "query is null");
        this.columns = readColumns();
    }

    private List<String> readColumns()
    {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM (" + query + ") AS t LIMIT 0")) {
            ResultSetMetaData meta = result.getMetaData();
            List<String> names = new ArrayList<>();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                names.add(meta.getColumnName(column).toLowerCase(Locale.ROOT));
            }
            return names;
        }
        catch (SQLException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, place + ": cannot read the table (" + OmopReader.printable(e.getMessage()) + ")", e);
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String file()
    {
        return place;
    }

    @Override
    public List<String> columns()
    {
        return columns;
    }

    @Override
    public void forEachRow(RowConsumer consumer)
            throws IOException
    {
        Map<String, Integer> indexes = columnIndexes();
        long row = 0;
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet result = statement.executeQuery(query)) {
                    int width = result.getMetaData().getColumnCount();
                    boolean[] fixedScale = fixedScaleColumns(result.getMetaData());
                    while (result.next()) {
                        row++;
                        String[] values = new String[width];
                        for (int column = 0; column < width; column++) {
                            values[column] = fixedScale[column] ? unpadded(result.getBigDecimal(column + 1)) : result.getString(column + 1);
                        }
                        consumer.accept(new OmopRow(row, indexes, Arrays.asList(values)));
                    }
                }
            }
            finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
        catch (SQLException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, place + " row " + (row + 1) + ": cannot read (" + OmopReader.printable(e.getMessage()) + ")", e);
        }
    }

    /**
     * Decimal columns with a fixed scale (a Parquet {@code DECIMAL(9,3)}): their padding zeros say
     * nothing of the value's precision, so 2.800 is read as the 2.8 a CSV table holds.
     */
    private static boolean[] fixedScaleColumns(java.sql.ResultSetMetaData metadata)
            throws SQLException
    {
        boolean[] fixed = new boolean[metadata.getColumnCount()];
        for (int column = 0; column < fixed.length; column++) {
            int type = metadata.getColumnType(column + 1);
            fixed[column] = (type == java.sql.Types.DECIMAL || type == java.sql.Types.NUMERIC) && metadata.getScale(column + 1) > 0;
        }
        return fixed;
    }

    private static String unpadded(java.math.BigDecimal value)
    {
        if (value == null) {
            return null;
        }
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
