package org.casebook.cli.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where the study database is: an SQLite file in the data folder (default), or PostgreSQL by URL. */
public final class DatabaseOptions
{
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "casebook-data",
            description = "Data folder; the SQLite database is DIR/casebook.db (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Use this database instead, e.g. jdbc:postgresql://localhost/casebook?user=casebook&password=… "
                    + "(or set CASEBOOK_DB, which keeps the password out of the process list).")
    String db;

    /** The JDBC URL to open, creating the data folder for SQLite. */
    public String jdbcUrl()
    {
        String url = db != null ? db : System.getenv("CASEBOOK_DB");
        if (url != null && !url.isBlank()) {
            return url.strip();
        }
        try {
            Files.createDirectories(data);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "jdbc:sqlite:" + data.toAbsolutePath().resolve("casebook.db");
    }

    /** The URL without its query (which may hold a password), for messages. */
    public static String describe(String jdbcUrl)
    {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
    }
}
