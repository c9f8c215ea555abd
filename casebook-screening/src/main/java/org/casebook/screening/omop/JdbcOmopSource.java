package org.casebook.screening.omop;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.protocol.StudyProtocol;
import org.casebook.screening.fhir.Coding;
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericPatient;
import org.casebook.screening.generic.GenericRecord;
import org.casebook.screening.generic.RecordSource;

import static java.util.Objects.requireNonNull;

/**
 * OMOP CDM tables in a database over JDBC, e.g. PostgreSQL:
 * {@code jdbc:postgresql://dbhost/warehouse?currentSchema=cdm}. The schema is the connection's
 * ({@code currentSchema}); the user and password come from the environment
 * ({@value #USER_VARIABLE}, {@value #PASSWORD_VARIABLE}), never from the command line: a URL
 * holding a password is refused. Tables are found by name in any case.
 */
public final class JdbcOmopSource
        implements RecordSource
{
    public static final String USER_VARIABLE = "CASEBOOK_OMOP_USER";
    public static final String PASSWORD_VARIABLE = "CASEBOOK_OMOP_PASSWORD";

    private final String url;
    private final Map<String, String> environment;
    private final Predicate<Coding> wanted;

    /** @param environment where the user and password are looked up ({@code System.getenv()}) */
    public JdbcOmopSource(String url, Map<String, String> environment)
    {
        this(url, environment, null);
    }

    private JdbcOmopSource(String url, Map<String, String> environment, Predicate<Coding> wanted)
    {
        this.wanted = wanted;
        this.url = requireNonNull(url, "url is null");
        this.environment = Map.copyOf(environment);
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&;]password=.*")) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "the OMOP database URL holds a password; remove it and set " + PASSWORD_VARIABLE + " instead");
        }
    }

    @Override
    public String describe()
    {
        return "OMOP CDM database " + url;
    }

    /** Reads keeping only the concepts the protocol's code sets can match whole (as {@link OmopSource} does). */
    @Override
    public Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep, StudyProtocol protocol)
            throws IOException
    {
        OmopSource.refuseImagingCriteria(protocol);
        return new JdbcOmopSource(url, environment, ProtocolCodings.of(protocol)).read(strict, skipped, flow, keep);
    }

    @Override
    public Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep)
            throws IOException
    {
        Properties properties = new Properties();
        if (environment.get(USER_VARIABLE) != null) {
            properties.setProperty("user", environment.get(USER_VARIABLE));
        }
        if (environment.get(PASSWORD_VARIABLE) != null) {
            properties.setProperty("password", environment.get(PASSWORD_VARIABLE));
        }
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            if (connection.getSchema() == null) {
                throw new CasebookException(ErrorCode.BAD_INPUT, describe() + ": the connection has no current schema (a schema that does not exist?); "
                        + "name the CDM schema with ?currentSchema=<schema>");
            }
            Map<String, OmopTable> tables = tables(connection);
            if (!tables.containsKey("person")) {
                throw new CasebookException(ErrorCode.BAD_INPUT, describe() + " has no person table in schema " + connection.getSchema());
            }
            return new OmopReader(OmopConventions.standard(), strict, skipped, flow, keep, wanted).read(tables);
        }
        catch (SQLException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read the OMOP database " + url + ": " + OmopReader.printable(e.getMessage())
                    + " (user and password from " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ")", e);
        }
    }

    private static Map<String, OmopTable> tables(Connection connection)
            throws SQLException
    {
        String schema = connection.getSchema();
        Map<String, OmopTable> tables = new TreeMap<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet found = meta.getTables(connection.getCatalog(), schema, "%", new String[] {"TABLE", "VIEW"})) {
            while (found.next()) {
                String table = found.getString("TABLE_NAME");
                String name = table.toLowerCase(Locale.ROOT);
                if (OmopReader.REQUIRED_COLUMNS.containsKey(name) || OmopReader.OTHER_TABLES.contains(name)) {
                    String tableSchema = found.getString("TABLE_SCHEM");
                    String quoted = (tableSchema == null ? "" : quote(meta, tableSchema) + ".") + quote(meta, table);
                    tables.putIfAbsent(name, new JdbcTable(connection, name, (tableSchema == null ? "" : tableSchema + ".") + table, "SELECT * FROM " + quoted));
                }
            }
        }
        return tables;
    }

    private static String quote(DatabaseMetaData meta, String identifier)
            throws SQLException
    {
        String quote = meta.getIdentifierQuoteString().strip();
        return quote + identifier.replace(quote, quote + quote) + quote;
    }
}
