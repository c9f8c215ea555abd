package org.casebook.screening.omop;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
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
import org.casebook.screening.generic.GenericFlow;
import org.casebook.screening.generic.GenericPatient;
import org.casebook.screening.generic.GenericRecord;
import org.casebook.screening.generic.RecordSource;

import static java.util.Objects.requireNonNull;

/**
 * OMOP CDM v5.4 tables as an input format of the generic engine (docs/screening.md, "OMOP CDM
 * input"): a folder (or a .zip of one) of table files named by their table, in upper or lower
 * case: {@code PERSON.csv}, {@code condition_occurrence.csv}, Athena's tab-separated
 * {@code CONCEPT.csv}. Files in {@code __MACOSX/} and files not named after a CDM table are
 * not read.
 */
public final class OmopSource
        implements RecordSource
{
    private static final List<String> TEXT_EXTENSIONS = List.of(".csv", ".tsv", ".txt");

    private final Path location;

    private OmopSource(Path location)
    {
        this.location = requireNonNull(location, "location is null");
    }

    /** A folder of table files, or a .zip holding them. */
    public static OmopSource of(Path location)
    {
        return new OmopSource(location);
    }

    @Override
    public String describe()
    {
        return "OMOP CDM tables " + location;
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
        Map<String, OmopTable> tables = tables(root);
        if (!tables.containsKey("person")) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "OMOP source " + location + " has no PERSON table (PERSON.csv or person.csv); found "
                    + (tables.isEmpty() ? "no CDM table files" : String.join(", ", tables.values().stream().map(OmopTable::file).toList())));
        }
        return new OmopReader(OmopConventions.standard(), strict, skipped, flow, keep).read(tables);
    }

    /** The CDM table files under {@code root}, by lower-case table name. */
    static Map<String, OmopTable> tables(Path root)
            throws IOException
    {
        Map<String, OmopTable> tables = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> paths = Files.walk(root)) {
            files = paths.filter(Files::isRegularFile)
                    .filter(path -> !path.toString().contains("__MACOSX") && !path.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String lower = fileName.toLowerCase(Locale.ROOT);
            for (String extension : TEXT_EXTENSIONS) {
                if (!lower.endsWith(extension)) {
                    continue;
                }
                String name = lower.substring(0, lower.length() - extension.length());
                if (!OmopReader.REQUIRED_COLUMNS.containsKey(name) && !OmopReader.OTHER_TABLES.contains(name)) {
                    continue;
                }
                OmopTable previous = tables.put(name, CsvTable.open(file, name));
                if (previous != null) {
                    throw new CasebookException(ErrorCode.BAD_INPUT, "OMOP source has two files for table " + name + ": " + previous.file() + " and " + fileName
                            + "; keep one");
                }
            }
        }
        return tables;
    }
}
