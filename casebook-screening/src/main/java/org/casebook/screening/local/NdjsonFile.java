package org.casebook.screening.local;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;

/**
 * A file of a FHIR bulk export as the readers read it, or a range of its lines: an
 * {@link ExtractFile} on this machine's disk, or a part of a file on any Hadoop file system that a
 * Spark task reads (casebook-spark). Line numbers are the file's, whichever part is read, so that
 * skipped.csv and every value's source name the same line.
 */
public interface NdjsonFile
{
    /** The bytes to read and the number of their first line in the file. */
    record Lines(InputStream bytes, long firstLine) {}

    /** The file's name, as skipped.csv and the records' sources name it. */
    String name();

    /** The resource type its name gives ({@code Observation-2.ndjson.gz}: Observation). */
    String typeName();

    /** Where the file is, for messages. */
    String location();

    /** Opens the bytes to read (compressed as stored): the whole file, or the lines of a range. */
    Lines open()
            throws IOException;

    default boolean isGzip()
    {
        return name().endsWith(".gz");
    }

    /** Reads every line; a truncated or corrupt .gz file is an error naming the file. */
    default void readLines(NdjsonLines.Handler handler, LongConsumer bytesRead)
    {
        read((in, firstLine) -> NdjsonLines.read(in, firstLine, handler), bytesRead);
    }

    /**
     * Reads the lines that may name one of the patients ({@link NdjsonLines#readNaming}); with
     * {@code unnamedToo}, also the lines without any {@code Patient/} reference: only lines that
     * name other patients alone are passed over ({@link PatientReferences#namesOnlyOthers}), and
     * {@code passedOver} is told how many there were.
     */
    default void readNaming(PatientReferences.IdSet patients, boolean unnamedToo, NdjsonLines.Handler handler, LongConsumer passedOver,
            LongConsumer bytesRead)
    {
        read((in, firstLine) -> NdjsonLines.readNaming(in, firstLine, patients, unnamedToo, new NdjsonLines.NamingHandler()
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

    /** Reads the bytes as {@code open()} gives them, decompressed. */
    private void read(StreamReader reader, LongConsumer bytesRead)
    {
        Lines lines;
        try {
            lines = open();
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + location() + ": " + e.getMessage(), e);
        }
        try (InputStream raw = new CountingStream(lines.bytes(), bytesRead);
                InputStream in = isGzip() ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16)) {
            reader.read(in, lines.firstLine());
        }
        catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, name() + ": truncated or corrupt gzip file (" + e.getMessage() + ")", e);
        }
        catch (IOException e) {
            throw new CasebookException(ErrorCode.BAD_INPUT, "cannot read " + location() + ": " + e.getMessage(), e);
        }
    }

    /** Reads decompressed bytes whose first line has the given number. */
    @FunctionalInterface
    interface StreamReader
    {
        void read(InputStream in, long firstLine)
                throws IOException;
    }

    /** Tells how many bytes were read, as they are read (the progress bar). */
    final class CountingStream
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
