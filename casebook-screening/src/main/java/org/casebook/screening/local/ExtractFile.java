package org.casebook.screening.local;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

import static java.util.Objects.requireNonNull;

/**
 * One file of a bulk-data export: {@code <ResourceType>[-suffix].ndjson} or {@code .ndjson.gz},
 * of the resource type {@code typeName}.
 */
public record ExtractFile(Path path, String typeName, long size)
{
    private static final Pattern NAME = Pattern.compile("([A-Z][A-Za-z]+)(?:[-.][^/]*)?\\.ndjson(\\.gz)?");

    public ExtractFile
    {
        requireNonNull(path, "path is null");
        requireNonNull(typeName, "typeName is null");
    }

    /** The export's NDJSON files in name order; other files are not part of the export. */
    public static List<ExtractFile> list(Path folder)
    {
        if (!Files.isDirectory(folder)) {
            throw new CasebookException(ErrorCode.NOT_FOUND, "extract folder not found: " + folder);
        }
        List<ExtractFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.sorted(Comparator.comparing(Path::toString)).toList()) {
                Matcher matcher = NAME.matcher(path.getFileName().toString());
                if (Files.isRegularFile(path) && matcher.matches()) {
                    files.add(new ExtractFile(path, matcher.group(1), Files.size(path)));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public String name()
    {
        return path.getFileName().toString();
    }

    public boolean isGzip()
    {
        return name().endsWith(".gz");
    }

    /** Reads every line; a truncated or corrupt .gz file is an error naming the file. */
    public void readLines(NdjsonLines.Handler handler, LongConsumer bytesRead)
    {
        read(in -> NdjsonLines.read(in, handler), bytesRead);
    }

    /** Reads the lines that may name one of the patients ({@link NdjsonLines#readNaming}); {@code passedOver} is told how many others there were. */
    public void readNaming(PatientReferences.IdSet patients, NdjsonLines.Handler handler, LongConsumer passedOver, LongConsumer bytesRead)
    {
        readNaming(patients, false, handler, passedOver, bytesRead);
    }

    /**
     * With {@code unnamedToo}, also the lines without any {@code Patient/} reference: only lines that
     * name other patients alone are passed over ({@link PatientReferences#namesOnlyOthers}).
     */
    public void readNaming(PatientReferences.IdSet patients, boolean unnamedToo, NdjsonLines.Handler handler, LongConsumer passedOver, LongConsumer bytesRead)
    {
        read(in -> NdjsonLines.readNaming(in, patients, unnamedToo, new NdjsonLines.NamingHandler()
        {
            @Override
            public void line(byte[] buffer, int start, int length, long lineNumber)
                    throws IOException
            {
                handler.line(buffer, start, length, lineNumber);
            }

            @Override
            public void passedOver(long lines)
            {
                passedOver.accept(lines);
            }
        }), bytesRead);
    }

    private interface StreamReader
    {
        void read(InputStream in)
                throws IOException;
    }

    private void read(StreamReader reader, LongConsumer bytesRead)
    {
        try (InputStream raw = new CountingStream(Files.newInputStream(path), bytesRead);
                InputStream in = isGzip() ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16)) {
            reader.read(in);
        }
        catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, name() + ": truncated or corrupt gzip file (" + e.getMessage() + ")", e);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static final class CountingStream
            extends FilterInputStream
    {
        private final LongConsumer bytesRead;

        CountingStream(InputStream in, LongConsumer bytesRead)
        {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                bytesRead.accept(read);
            }
            return read;
        }
    }
}
