package org.casebook.screening.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The lines of an uncompressed file that begin in a byte range, for reading one large file on
 * several threads ({@link ExtractFile#pieces}): a piece begins at the first line start at or after
 * its first byte and ends where the next piece begins, so the pieces hold every line once.
 */
final class FilePiece
{
    private FilePiece() {}

    /** The piece's bytes, from its first line start to the first line start at or after {@code to}. */
    static InputStream open(Path path, long from, long to)
            throws IOException
    {
        FileChannel channel = FileChannel.open(path);
        try {
            long begin = lineStart(channel, from);
            long end = lineStart(channel, to);
            channel.position(begin);
            return new Bounded(Channels.newInputStream(channel), Math.max(0, end - begin));
        }
        catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** How many lines come before the piece starting at {@code from}: its line numbers continue from there. */
    static long linesBefore(Path path, long from)
            throws IOException
    {
        try (FileChannel channel = FileChannel.open(path)) {
            long begin = lineStart(channel, from);
            channel.position(0);
            return NdjsonLines.countNewlines(Channels.newInputStream(channel), begin);
        }
    }

    /** The first position at or after {@code position} where a line starts (after a line feed), or the file's end. */
    static long lineStart(FileChannel channel, long position)
            throws IOException
    {
        long length = channel.size();
        if (position <= 0) {
            return 0;
        }
        if (position >= length) {
            return length;
        }
        // A line starts at `position` when the byte before it is a line feed.
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long at = position - 1;
        while (at < length) {
            buffer.clear();
            int read = channel.read(buffer, at);
            if (read <= 0) {
                break;
            }
            for (int index = 0; index < read; index++) {
                if (buffer.get(index) == '\n') {
                    return at + index + 1;
                }
            }
            at += read;
        }
        return length;
    }

    /** At most {@code remaining} bytes of a stream, closing it with itself. */
    private static final class Bounded
            extends InputStream
    {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long remaining)
        {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read()
                throws IOException
        {
            if (remaining <= 0) {
                return -1;
            }
            int value = in.read();
            if (value >= 0) {
                remaining--;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
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
