package org.casebook.screening.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits an NDJSON stream into lines without decoding them: each line is handed over as a slice
 * of a reused byte buffer, so lines that cannot matter cost only the newline search.
 */
final class NdjsonLines
{
    /** Receives each non-blank line; the buffer is reused after the call returns. */
    @FunctionalInterface
    interface Handler
    {
        void line(byte[] buffer, int start, int length, long lineNumber)
                throws IOException;
    }

    private NdjsonLines() {}

    static void read(InputStream in, Handler handler)
            throws IOException
    {
        byte[] buffer = new byte[1 << 20];
        int filled = 0;
        int lineStart = 0;
        int scan = 0;
        long lineNumber = 0;
        while (true) {
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
            for (; scan < filled; scan++) {
                if (buffer[scan] == '\n') {
                    lineNumber++;
                    emit(buffer, lineStart, scan, lineNumber, handler);
                    lineStart = scan + 1;
                }
            }
            if (lineStart > 0) {
                System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                filled -= lineStart;
                scan -= lineStart;
                lineStart = 0;
            }
            else if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        if (filled > lineStart) {
            emit(buffer, lineStart, filled, lineNumber + 1, handler);
        }
    }

    private static void emit(byte[] buffer, int start, int end, long lineNumber, Handler handler)
            throws IOException
    {
        if (end > start && buffer[end - 1] == '\r') {
            end--;
        }
        int first = start;
        while (first < end && (buffer[first] == ' ' || buffer[first] == '\t')) {
            first++;
        }
        if (first < end) {
            handler.line(buffer, start, end - start, lineNumber);
        }
    }
}
