package org.casebook.spark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.casebook.screening.local.NdjsonFile;

/**
 * The lines of a file that begin in a range of its bytes, read through Hadoop's file system, as
 * Hadoop's own text splits are read: a range that starts inside a line leaves that line to the
 * range before, and the last line that begins in the range is read to its end, past the range.
 * So every line is read by exactly one range, whole, and numbered as in the whole file.
 */
final class FileRange
        implements NdjsonFile
{
    private final ExportFile range;
    private final Configuration hadoop;

    FileRange(ExportFile range, Configuration hadoop)
    {
        this.range = range;
        this.hadoop = hadoop;
    }

    @Override
    public String name()
    {
        return range.name();
    }

    @Override
    public String typeName()
    {
        return range.typeName();
    }

    @Override
    public String location()
    {
        return range.uri();
    }

    @Override
    public Lines open()
            throws IOException
    {
        LinesInRange lines = open(range.uri(), range.start(), range.end(), range.size(), range.newlinesBefore(), hadoop);
        return new Lines(lines.bytes(), lines.firstLine());
    }

    /** The bytes of the lines that begin in a range, and the number of the first of them in the file. */
    record LinesInRange(InputStream bytes, long firstLine) {}

    /**
     * The lines of the file at {@code uri} that begin in bytes {@code start} to {@code end}
     * ({@code newlinesBefore}: the newlines before {@code start}, which number them); the whole
     * file from line 1 when the range is all of it.
     */
    static LinesInRange open(String uri, long start, long end, long size, long newlinesBefore, Configuration hadoop)
            throws IOException
    {
        Path path = new Path(uri);
        FSDataInputStream in = path.getFileSystem(hadoop).open(path);
        if (start == 0 && end >= size) {
            return new LinesInRange(in, 1);
        }
        try {
            return openRange(in, start, end, newlinesBefore);
        }
        catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Skips to the first line that begins in the range; its number is one past the newlines before it. */
    private static LinesInRange openRange(FSDataInputStream in, long start, long end, long newlinesBefore)
            throws IOException
    {
        long firstLine = newlinesBefore + 1;
        long position = start;
        InputStream buffered;
        if (position == 0) {
            buffered = new BufferedInputStream(in, 1 << 16);
        }
        else {
            in.seek(position - 1);
            buffered = new BufferedInputStream(in, 1 << 16);
            // The byte before the range: a newline there means a line begins at the range's start.
            int before = buffered.read();
            if (before != '\n') {
                long skipped = skipLine(buffered);
                if (skipped < 0) {
                    return new LinesInRange(InputStream.nullInputStream(), firstLine);
                }
                position += skipped;
                firstLine++;
            }
        }
        if (position >= end) {
            buffered.close();
            return new LinesInRange(InputStream.nullInputStream(), firstLine);
        }
        return new LinesInRange(new ToLineEnd(buffered, end - position), firstLine);
    }

    /** Reads past the next newline: how many bytes that was, or -1 when the file ended first. */
    private static long skipLine(InputStream in)
            throws IOException
    {
        long count = 0;
        for (int next = in.read(); next >= 0; next = in.read()) {
            count++;
            if (next == '\n') {
                return count;
            }
        }
        return -1;
    }

    /** The newlines in the range's bytes. */
    static long countNewlines(ExportFile range, Configuration hadoop)
            throws IOException
    {
        return scan(range.uri(), range.start(), range.end(), hadoop).newlines();
    }

    /**
     * What a byte scan of a range finds: its newlines (which number the lines of the ranges after
     * it), and whether it holds a double quote or a carriage return not followed by a newline
     * (either makes a CSV line possibly not a row: such a table is not cut).
     */
    record Scan(long newlines, boolean quote, boolean loneReturn)
            implements java.io.Serializable {}

    static Scan scan(String uri, long start, long end, Configuration hadoop)
            throws IOException
    {
        Path path = new Path(uri);
        try (FSDataInputStream in = path.getFileSystem(hadoop).open(path)) {
            in.seek(start);
            byte[] buffer = new byte[1 << 16];
            long left = end - start;
            long newlines = 0;
            boolean quote = false;
            boolean loneReturn = false;
            byte previous = 0;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                for (int at = 0; at < read; at++) {
                    byte next = buffer[at];
                    if (next == '\n') {
                        newlines++;
                    }
                    else if (next == '"') {
                        quote = true;
                    }
                    if (previous == '\r' && next != '\n') {
                        loneReturn = true;
                    }
                    previous = next;
                }
                left -= read;
            }
            // a return at the range's very end is taken as lone: the scan does not look past the range (at worst, the table is read whole)
            return new Scan(newlines, quote, loneReturn || previous == '\r');
        }
    }

    /** A stream's next {@code bytes} bytes and then the rest of the line they end in (through its newline). */
    private static final class ToLineEnd
            extends InputStream
    {
        private final InputStream in;
        private long left;
        private boolean atLineEnd;
        private boolean done;

        ToLineEnd(InputStream in, long bytes)
        {
            this.in = in;
            this.left = bytes;
        }

        @Override
        public int read()
                throws IOException
        {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            if (length == 0) {
                return 0;
            }
            if (left > 0) {
                int read = in.read(buffer, offset, (int) Math.min(length, left));
                if (read > 0) {
                    left -= read;
                    atLineEnd = buffer[offset + read - 1] == '\n';
                }
                return read;
            }
            if (done || atLineEnd) {
                return -1;
            }
            // Past the range: the rest of its last line. What is read beyond the newline belongs to the next range and is dropped.
            int read = in.read(buffer, offset, length);
            if (read < 0) {
                done = true;
                return -1;
            }
            for (int at = offset; at < offset + read; at++) {
                if (buffer[at] == '\n') {
                    done = true;
                    return at - offset + 1;
                }
            }
            return read;
        }

        @Override
        public void close()
                throws IOException
        {
            in.close();
        }
    }
}
