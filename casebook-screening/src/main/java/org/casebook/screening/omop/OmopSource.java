package org.casebook.screening.omop;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

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
 * OMOP CDM v5.4 tables as an input format of the generic engine (docs/screening.md, "OMOP CDM
 * input"): a folder (or a .zip of one) of table files named by their table, in upper or lower
 * case: {@code PERSON.csv}, {@code condition_occurrence.csv}, Athena's tab-separated
 * {@code CONCEPT.csv}, {@code person.parquet} (read through DuckDB's JDBC driver when it is on
 * the class path). Files in {@code __MACOSX/} and files not named after a CDM table are not read.
 * {@link #open} also takes a JDBC URL ({@link JdbcOmopSource}).
 */
public final class OmopSource
        implements RecordSource
{
    private static final List<String> TEXT_EXTENSIONS = List.of(".csv", ".tsv", ".txt");

    private final Path location;
    private final Predicate<Coding> wanted;

    private OmopSource(Path location, Predicate<Coding> wanted)
    {
        this.location = requireNonNull(location, "location is null");
        this.wanted = wanted;
    }

    /** A folder of table files, or a .zip holding them. */
    public static OmopSource of(Path location)
    {
        return new OmopSource(location, null);
    }

    /** {@code --omop SOURCE}: a JDBC URL ({@code jdbc:…}, user and password from the environment) or a folder or .zip of table files. */
    public static RecordSource open(String source)
    {
        if (source.startsWith("jdbc:")) {
            return new JdbcOmopSource(source, System.getenv());
        }
        return of(Path.of(source));
    }

    /** The folder or .zip of table files. */
    public Path location()
    {
        return location;
    }

    @Override
    public String describe()
    {
        return "OMOP CDM tables " + location;
    }

    /** Reads keeping only the concepts the protocol's code sets can match whole (a full Athena CONCEPT table does not fit in memory otherwise). */
    @Override
    public Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep, StudyProtocol protocol)
            throws IOException
    {
        refuseImagingCriteria(protocol);
        return new OmopSource(location, ProtocolCodings.of(protocol)).read(strict, skipped, flow, keep);
    }

    /**
     * The CDM has no imaging table, so an imaging-study criterion would never be met (an exclusion
     * always met): every patient would be screened out, or in, without a word. Said instead, before
     * anything is read or written. (An imaging {@code extract} rule only leaves its value blank, as
     * docs/screening.md says.)
     */
    static void refuseImagingCriteria(StudyProtocol protocol)
    {
        protocol.eligibility().stream().filter(criterion -> criterion.kind().equals("imaging_study")).findFirst().ifPresent(criterion -> {
            throw new CasebookException(ErrorCode.BAD_INPUT, "protocol " + protocol.id() + ", criterion '" + criterion.id() + "': kind imaging_study has no table in OMOP CDM, so it could "
                    + (criterion.exclusion() ? "never exclude anyone" : "never be met") + "; screen this protocol from a FHIR export (--fhir)");
        });
    }

    @Override
    public Map<String, GenericPatient> read(boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep)
            throws IOException
    {
        if (Files.isRegularFile(location) && location.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            try (FileSystem zip = FileSystems.newFileSystem(location)) {
                return read(zip.getPath("/"), strict, skipped, flow, keep);
            }
        }
        if (!Files.isDirectory(location)) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "OMOP source " + location + " is not a folder or a .zip of table files");
        }
        return read(location, strict, skipped, flow, keep);
    }

    private Map<String, GenericPatient> read(Path root, boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep)
            throws IOException
    {
        List<Path> parquet = files(root).stream().filter(file -> tableName(file, ".parquet") != null).toList();
        if (parquet.isEmpty()) {
            return read(tables(root, null), strict, skipped, flow, keep);
        }
        // Parquet through DuckDB over JDBC: files inside a .zip are copied out first (DuckDB reads paths)
        Path copies = root.getFileSystem() == FileSystems.getDefault() ? null : Files.createTempDirectory("casebook-omop-parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            return read(tables(root, new ParquetTables(duckdb, copies)), strict, skipped, flow, keep);
        }
        catch (SQLException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "reading the Parquet tables of " + location + " needs DuckDB's JDBC driver (org.duckdb:duckdb_jdbc), "
                    + "which the casebook jar leaves out (80 MB): run bin/casebook-bench screen … instead, or export the tables as CSV ("
                    + OmopReader.printable(e.getMessage()) + ")", e);
        }
        finally {
            if (copies != null) {
                deleteRecursively(copies);
            }
        }
    }

    /** Parquet table files read through a DuckDB connection ({@code copies}: where files of a .zip are copied to, else null). */
    private record ParquetTables(Connection connection, Path copies)
    {
        OmopTable open(Path file, String name)
                throws IOException
        {
            Path local = file;
            if (copies != null) {
                local = copies.resolve(file.getFileName().toString());
                Files.copy(file, local, StandardCopyOption.REPLACE_EXISTING);
            }
            String path = local.toAbsolutePath().toString().replace("'", "''");
            return new JdbcTable(connection, name, file.getFileName().toString(), "SELECT * FROM read_parquet('" + path + "')");
        }
    }

    private Map<String, GenericPatient> read(Map<String, OmopTable> tables, boolean strict, Writer skipped, GenericFlow flow, Predicate<GenericRecord> keep)
            throws IOException
    {
        if (!tables.containsKey("person")) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "OMOP source " + location + " has no PERSON table (PERSON.csv or person.csv); found "
                    + (tables.isEmpty() ? "no CDM table files" : String.join(", ", tables.values().stream().map(OmopTable::file).toList())));
        }
        return new OmopReader(OmopConventions.standard(), strict, skipped, flow, keep, wanted).read(tables);
    }

    /** The CDM table files under {@code root}, by lower-case table name ({@code parquet}: how to open Parquet files, or null when there are none). */
    private static Map<String, OmopTable> tables(Path root, ParquetTables parquet)
            throws IOException
    {
        Map<String, OmopTable> tables = new TreeMap<>();
        for (Path file : files(root)) {
            String fileName = file.getFileName().toString();
            OmopTable table = null;
            for (String extension : TEXT_EXTENSIONS) {
                String name = tableName(file, extension);
                if (name != null) {
                    table = CsvTable.open(file, name);
                }
            }
            String parquetName = tableName(file, ".parquet");
            if (parquetName != null && parquet != null) {
                table = parquet.open(file, parquetName);
            }
            if (table == null) {
                continue;
            }
            OmopTable previous = tables.put(table.name(), table);
            if (previous != null) {
                throw new CasebookException(ErrorCode.BAD_INPUT, "OMOP source has two files for table " + table.name() + ": " + previous.file() + " and " + fileName
                        + "; keep one");
            }
        }
        return tables;
    }

    private static List<Path> files(Path root)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> !path.toString().contains("__MACOSX") && !path.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    /** The CDM table a file holds when its name is a table's with {@code extension} (any case), else null. */
    private static String tableName(Path file, String extension)
    {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!lower.endsWith(extension)) {
            return null;
        }
        String name = lower.substring(0, lower.length() - extension.length());
        return OmopReader.REQUIRED_COLUMNS.containsKey(name) || OmopReader.OTHER_TABLES.contains(name) ? name : null;
    }

    private static void deleteRecursively(Path folder)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
