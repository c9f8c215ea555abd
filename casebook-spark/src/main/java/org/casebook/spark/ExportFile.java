package org.casebook.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.screening.local.ExtractFile;
import org.casebook.screening.local.NdjsonFile;

/**
 * One Spark task's share of the export: a whole file, or, for an uncompressed file larger than
 * the split size, the lines that begin in one range of its bytes. It is serializable, as a task is
 * given it; {@link #open} reads it through Hadoop's {@link FileSystem}, so the export may be on the
 * local disk, HDFS or S3 ({@code s3a://}).
 *
 * @param order its place in the local reader's file order (Medication files, then the rest by name; a file's ranges in byte order)
 * @param uri the file, qualified ({@code file:/…}, {@code hdfs://…}): every executor must be able to read it
 * @param start the range's first byte
 * @param end the byte after the range
 * @param newlinesBefore how many newlines the file has before {@code start} (0 for a whole file), which numbers its lines
 */
record ExportFile(int order, String uri, String name, String typeName, long size, long start, long end, long newlinesBefore)
        implements Serializable
{
    /**
     * For tests only: called as a task opens its file, so that a test can make a task fail once
     * and see that Spark's retry changes no output. A no-op otherwise.
     */
    static volatile java.util.function.Consumer<ExportFile> opening = file -> { };

    /**
     * The export's files in name order, each cut into ranges of about {@code splitBytes} (a .gz
     * file whole: it cannot be read from the middle), numbered in the local reader's order.
     *
     * @throws CasebookException when the folder does not exist (NOT_FOUND) or cannot be listed
     */
    static List<ExportFile> list(String location, Configuration hadoop, long splitBytes)
    {
        List<FileStatus> files = new ArrayList<>();
        try {
            Path folder = new Path(location);
            FileSystem fileSystem = folder.getFileSystem(hadoop);
            if (!fileSystem.getFileStatus(folder).isDirectory()) {
                throw new FileNotFoundException(location);
            }
            for (FileStatus status : fileSystem.listStatus(folder)) {
                if (status.isFile() && ExtractFile.typeOf(status.getPath().getName()).isPresent()) {
                    files.add(status);
                }
            }
        }
        catch (FileNotFoundException e) {
            throw new CasebookException(ErrorCode.NOT_FOUND, "extract folder not found: " + location, e);
        }
        catch (IOException | IllegalArgumentException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot list " + location + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing((FileStatus status) -> !typeOf(status).equals("Medication")).thenComparing(status -> status.getPath().getName()));
        List<ExportFile> ranges = new ArrayList<>();
        for (FileStatus file : files) {
            addRanges(file, splitBytes, ranges);
        }
        return ranges;
    }

    private static void addRanges(FileStatus file, long splitBytes, List<ExportFile> ranges)
    {
        String name = file.getPath().getName();
        long size = file.getLen();
        long step = name.endsWith(".gz") || size <= splitBytes ? Math.max(1, size) : splitBytes;
        long start = 0;
        do {
            long end = Math.min(size, start + step);
            ranges.add(new ExportFile(ranges.size(), file.getPath().toString(), name, typeOf(file), size, start, end, 0));
            start = end;
        } while (start < size);
    }

    private static String typeOf(FileStatus file)
    {
        return ExtractFile.typeOf(file.getPath().getName()).orElseThrow();
    }

    /** Whether this is a whole file (its lines are numbered from 1 without counting). */
    boolean isWhole()
    {
        return start == 0 && end >= size;
    }

    ExportFile withNewlinesBefore(long newlines)
    {
        return new ExportFile(order, uri, name, typeName, size, start, end, newlines);
    }

    /** The file's lines that begin in this range, to read in a task. */
    NdjsonFile open(Configuration hadoop)
    {
        opening.accept(this);
        return new FileRange(this, hadoop);
    }

    /** The newlines in this range's bytes: what the ranges after it add to their line numbers. */
    long countNewlines(Configuration hadoop)
    {
        try {
            return FileRange.countNewlines(this, hadoop);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + uri + ": " + e.getMessage(), e);
        }
    }
}
