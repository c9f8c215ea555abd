package org.casebook.screening.local;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits an NDJSON stream into lines without decoding them: each line is handed over as a slice
 * of a reused byte buffer, so lines that cannot matter cost only the newline search.
 */
public final class NdjsonLines
{
    /** Receives each non-blank line; the buffer is reused after the call returns. */
    @FunctionalInterface
    public interface Handler
    {
        void line(byte[] buffer, int start, int length, long lineNumber)
                throws IOException;
    }

    private NdjsonLines() {}

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long CAPITAL_PS = 0x5050505050505050L;

    static void read(InputStream in, Handler handler)
            throws IOException
    {
        read(in, 1, handler);
    }

    /** Reads lines numbered from {@code firstLine} (a range of a file's lines, read apart). */
    static void read(InputStream in, long firstLine, Handler handler)
            throws IOException
    {
        byte[] buffer = new byte[1 << 20];
        int filled = 0;
        int lineStart = 0;
        int scan = 0;
        long lineNumber = firstLine - 1;
        while (true) {
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
            while ((scan = nextNewline(buffer, scan, filled)) < filled) {
                lineNumber++;
                emit(buffer, lineStart, scan, lineNumber, handler);
                lineStart = ++scan;
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

    /** Receives the lines {@link #readNaming} hands over, and the count of lines it passed over. */
    interface NamingHandler
            extends Handler
    {
        void passedOver(long lines);
    }

    /**
     * Like {@link #read}, but hands over only the lines that may name one of {@code patients} (a
     * {@code Patient/<id>} or escaped {@code Patient\\/<id>} reference to one of them, or with an escape in
     * the id, which the parser then decides; or, in a line without any such reference,
     * {@code urn:uuid:<id>}), and counts the other non-blank lines. One pass over the bytes finds line
     * ends and {@code P} bytes together, eight bytes at a time: most lines of a large extract are
     * about other patients, and this scan is most of their cost.
     */
    static void readNaming(InputStream in, PatientReferences.IdSet patients, NamingHandler handler)
            throws IOException
    {
        readNaming(in, patients, false, handler);
    }

    /**
     * Like {@link #readNaming(InputStream, PatientReferences.IdSet, NamingHandler)}; with
     * {@code unnamedToo} a line without any {@code Patient/} reference is handed over too (the parser
     * decides: no subject, a {@code urn:uuid:} one), so only lines naming other patients alone are passed over.
     */
    static void readNaming(InputStream in, PatientReferences.IdSet patients, boolean unnamedToo, NamingHandler handler)
            throws IOException
    {
        readNaming(in, 1, patients, unnamedToo, handler);
    }

    /** As {@link #readNaming(InputStream, PatientReferences.IdSet, boolean, NamingHandler)}, with lines numbered from {@code firstLine}. */
    static void readNaming(InputStream in, long firstLine, PatientReferences.IdSet patients, boolean unnamedToo, NamingHandler handler)
            throws IOException
    {
        byte[] buffer = new byte[1 << 20];
        int filled = 0;
        int lineStart = 0;
        int scan = 0;
        long lineNumber = firstLine - 1;
        long passedOver = 0;
        // What is known of the current line so far: it names a patient; it has some Patient/ reference.
        boolean names = false;
        boolean anyPatient = false;
        while (true) {
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
            while (true) {
                if (names) {
                    scan = nextNewline(buffer, scan, filled);
                }
                else {
                    scan = nextMark(buffer, scan, filled);
                }
                if (scan >= filled) {
                    break;
                }
                byte mark = buffer[scan];
                if (mark == '\n') {
                    lineNumber++;
                    if (names || (!anyPatient && (unnamedToo || PatientReferences.namesByUrn(buffer, lineStart, scan, patients)))) {
                        emit(buffer, lineStart, scan, lineNumber, handler);
                    }
                    else if (!isBlank(buffer, lineStart, scan)) {
                        passedOver++;
                    }
                    names = anyPatient = false;
                    lineStart = ++scan;
                }
                else {
                    // A 'P': a reference needs the whole "Patient/<id>" and its closing quote or slash in the buffer.
                    int result = PatientReferences.referenceAt(buffer, scan, filled, patients);
                    if (result == PatientReferences.INCOMPLETE) {
                        break;
                    }
                    names = result == PatientReferences.MATCH;
                    anyPatient |= result != PatientReferences.NOT_FOUND;
                    scan++;
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
            if (names || (unnamedToo ? !PatientReferences.namesOnlyOthers(buffer, lineStart, filled - lineStart, patients)
                    : PatientReferences.namesAny(buffer, lineStart, filled - lineStart, patients))) {
                emit(buffer, lineStart, filled, lineNumber + 1, handler);
            }
            else if (!isBlank(buffer, lineStart, filled)) {
                passedOver++;
            }
        }
        handler.passedOver(passedOver);
    }

    /** The index of the first newline or {@code P} in {@code from … end}, or {@code end}. */
    private static int nextMark(byte[] buffer, int from, int end)
    {
        int at = from;
        while (at + 8 <= end) {
            long word = (long) LONGS.get(buffer, at);
            long marks = zeroBytes(word ^ NEWLINES) | zeroBytes(word ^ CAPITAL_PS);
            if (marks != 0) {
                return at + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
            at += 8;
        }
        while (at < end && buffer[at] != '\n' && buffer[at] != 'P') {
            at++;
        }
        return at;
    }

    static final int MAX_ANCHORS = 4;

    /** Finds the next of up to four bytes, eight bytes at a time. */
    static final class Anchors
    {
        private final long first;
        private final long second;
        private final long third;
        private final long fourth;
        private final byte[] bytes;

        Anchors(byte[] bytes)
        {
            if (bytes.length == 0 || bytes.length > MAX_ANCHORS) {
                throw new IllegalArgumentException("1 to " + MAX_ANCHORS + " anchor bytes, not " + bytes.length);
            }
            this.bytes = bytes.clone();
            // Unused slots repeat the first byte.
            first = repeat(bytes[0]);
            second = repeat(bytes[Math.min(1, bytes.length - 1)]);
            third = repeat(bytes[Math.min(2, bytes.length - 1)]);
            fourth = repeat(bytes[Math.min(3, bytes.length - 1)]);
        }

        private static long repeat(byte value)
        {
            return (value & 0xFFL) * LOW_BITS;
        }

        int next(byte[] buffer, int from, int end)
        {
            int at = from;
            while (at + 8 <= end) {
                long word = (long) LONGS.get(buffer, at);
                long marks = zeroBytes(word ^ first) | zeroBytes(word ^ second) | zeroBytes(word ^ third) | zeroBytes(word ^ fourth);
                if (marks != 0) {
                    return at + (Long.numberOfTrailingZeros(marks) >>> 3);
                }
                at += 8;
            }
            while (at < end && !isAnchor(buffer[at])) {
                at++;
            }
            return at;
        }

        private boolean isAnchor(byte value)
        {
            for (byte anchor : bytes) {
                if (anchor == value) {
                    return true;
                }
            }
            return false;
        }
    }

    /** High bit set in each byte of the word that may be zero: exact for the lowest such byte, which is the one used. */
    private static long zeroBytes(long word)
    {
        return (word - LOW_BITS) & ~word & HIGH_BITS;
    }

    private static boolean isBlank(byte[] buffer, int start, int end)
    {
        for (int at = start; at < end; at++) {
            byte b = buffer[at];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    /**
     * The line feeds among the first {@code limit} bytes of the stream (all of it when shorter),
     * eight bytes at a time: every line feed is counted, not only the first of a word.
     */
    static long countNewlines(InputStream in, long limit)
            throws IOException
    {
        byte[] buffer = new byte[1 << 20];
        long count = 0;
        long left = limit;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                break;
            }
            left -= read;
            int at = 0;
            for (; at + 8 <= read; at += 8) {
                long word = (long) LONGS.get(buffer, at) ^ NEWLINES;
                // High bit set exactly in the bytes that are zero (no borrow between bytes, unlike zeroBytes).
                long zero = ~(((word & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | word | LOW_SEVEN_BITS);
                count += Long.bitCount(zero);
            }
            for (; at < read; at++) {
                if (buffer[at] == '\n') {
                    count++;
                }
            }
        }
        return count;
    }

    /** The index of the first newline in {@code from … end}, or {@code end}; eight bytes at a time. */
    static int nextNewline(byte[] buffer, int from, int end)
    {
        return nextByte(buffer, from, end, NEWLINES, (byte) '\n');
    }

    /** The index of the first {@code wanted} byte in {@code from … end}, or {@code end}; {@code repeated} is it in all eight bytes of a long. */
    static int nextByte(byte[] buffer, int from, int end, long repeated, byte wanted)
    {
        int at = from;
        while (at + 8 <= end) {
            long word = (long) LONGS.get(buffer, at) ^ repeated;
            long zeros = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (zeros != 0) {
                return at + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
            at += 8;
        }
        while (at < end && buffer[at] != wanted) {
            at++;
        }
        return at;
    }

    private static void emit(byte[] buffer, int start, int end, long lineNumber, Handler handler)
            throws IOException
    {
        if (end > start && buffer[end - 1] == '\r') {
            end--;
        }
        if (lineNumber == 1 && end - start >= 3 && buffer[start] == (byte) 0xEF && buffer[start + 1] == (byte) 0xBB && buffer[start + 2] == (byte) 0xBF) {
            start += 3; // a UTF-8 byte order mark before the first line
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
