package org.casebook.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.omop.CsvTable;
import org.casebook.screening.omop.OmopTableReading;

/**
 * One OMOP CDM table file as the Spark engine reads it, or, for a CSV file cut into tasks, the
 * lines that begin in one range of its bytes. Serializable, as a task is given it; read through
 * Hadoop's {@link FileSystem}, so the tables may be on the local disk, HDFS or S3.
 *
 * @param uri the file, qualified ({@code file:/…}, {@code hdfs://…})
 * @param name the file's name, as skipped.csv names it
 * @param table the CDM table it holds, lower case
 * @param start the range's first byte (0 for a whole file or a Parquet file, which Spark cuts itself)
 * @param end the byte after the range
 * @param newlinesBefore how many newlines the file has before {@code start}
 */
record OmopFile(String uri, String name, String table, long size, long start, long end, long newlinesBefore)
        implements Serializable
{
    /**
     * For tests only: called as a task starts reading a table file (or its range, or a Parquet
     * split), so that a test can make a task fail once. A no-op otherwise.
     */
    static volatile java.util.function.Consumer<String> opening = file -> { };

    /**
     * The CDM table files under {@code location} (at any depth, as the local reader finds them:
     * not in {@code __MACOSX/}, not hidden), by table name, each whole.
     *
     * @throws CasebookException when the folder does not exist (NOT_FOUND), is a .zip, cannot be listed, or has two files for a table
     */
    static Map<String, OmopFile> list(String location, Configuration hadoop)
    {
        if (location.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "OMOP source " + location + " is a .zip: Spark reads table files where they lie, in parts; "
                    + "unpack it into a folder the executors can read and give the folder");
        }
        List<LocatedFileStatus> files = new ArrayList<>();
        try {
            Path folder = new Path(location);
            FileSystem fileSystem = folder.getFileSystem(hadoop);
            if (!fileSystem.getFileStatus(folder).isDirectory()) {
                throw new FileNotFoundException(location);
            }
            RemoteIterator<LocatedFileStatus> listed = fileSystem.listFiles(folder, true);
            while (listed.hasNext()) {
                LocatedFileStatus file = listed.next();
                String path = file.getPath().toString();
                if (!path.contains("__MACOSX") && !file.getPath().getName().startsWith(".")) {
                    files.add(file);
                }
            }
        }
        catch (FileNotFoundException e) {
            throw new CasebookException(ErrorCode.NOT_FOUND, "OMOP source not found: " + location, e);
        }
        catch (IOException | IllegalArgumentException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot list " + location + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(file -> file.getPath().toString()));
        Map<String, OmopFile> tables = new TreeMap<>();
        for (LocatedFileStatus file : files) {
            String name = file.getPath().getName();
            Optional<String> table = OmopTableReading.tableOf(name);
            if (table.isEmpty()) {
                continue;
            }
            OmopFile previous = tables.put(table.get(), new OmopFile(file.getPath().toString(), name, table.get(), file.getLen(), 0, file.getLen(), 0));
            if (previous != null) {
                throw new CasebookException(ErrorCode.BAD_INPUT, "OMOP source has two files for table " + table.get() + ": " + previous.name() + " and " + name
                        + "; keep one");
            }
        }
        return tables;
    }

    boolean isParquet()
    {
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
    }

    /** The table's header (columns and delimiter), read through Hadoop. */
    CsvTable header(Configuration hadoop)
    {
        Path path = new Path(uri);
        return CsvTable.open(name, () -> path.getFileSystem(hadoop).open(path), table);
    }

    /** This file cut into ranges of about {@code splitBytes}, in byte order (newlines before each still to be counted). */
    List<OmopFile> ranges(long splitBytes)
    {
        List<OmopFile> ranges = new ArrayList<>();
        long step = Math.max(1, Math.min(Math.max(1, size), splitBytes));
        long at = 0;
        do {
            long to = Math.min(size, at + step);
            ranges.add(new OmopFile(uri, name, table, size, at, to, 0));
            at = to;
        } while (at < size);
        return ranges;
    }

    OmopFile withNewlinesBefore(long newlines)
    {
        return new OmopFile(uri, name, table, size, start, end, newlines);
    }

    /** The table (part) to read in a task: the rows of the lines that begin in this range, numbered as in the whole file. */
    CsvTable open(Configuration hadoop)
            throws IOException
    {
        opening.accept(name);
        CsvTable whole = header(hadoop);
        FileRange.LinesInRange lines = FileRange.open(uri, start, end, size, newlinesBefore, hadoop);
        return whole.part(lines::bytes, lines.firstLine());
    }

    /** A byte scan of this range: its newlines, and whether it holds a quote or a lone carriage return. */
    FileRange.Scan scan(Configuration hadoop)
    {
        try {
            return FileRange.scan(uri, start, end, hadoop);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + uri + ": " + e.getMessage(), e);
        }
    }
}
