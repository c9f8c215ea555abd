package org.casebook.screening.local;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A byte string to find in a line, with its Horspool skip table. */
final class BytePattern
{
    final byte[] bytes;
    final int[] skip = new int[256];

    BytePattern(String text)
    {
        bytes = text.getBytes(StandardCharsets.UTF_8);
        Arrays.fill(skip, bytes.length);
        for (int index = 0; index < bytes.length - 1; index++) {
            skip[bytes[index] & 0xff] = bytes.length - 1 - index;
        }
    }

    int find(byte[] buffer, int from, int end)
    {
        if (bytes[0] == 'P' && bytes.length > 1) {
            return findByFirstByte(buffer, from, end);
        }
        int last = bytes.length - 1;
        int at = from;
        while (at + last < end) {
            byte tail = buffer[at + last];
            if (tail == bytes[last] && matchesAt(buffer, at)) {
                return at;
            }
            at += skip[tail & 0xff];
        }
        return -1;
    }

    /** For a pattern starting with a byte that is rare in FHIR JSON ('P'): find that byte eight at a time. */
    private int findByFirstByte(byte[] buffer, int from, int end)
    {
        int at = from;
        while (true) {
            at = NdjsonLines.nextByte(buffer, at, end, 0x5050505050505050L, (byte) 'P');
            if (at + bytes.length > end) {
                return -1;
            }
            if (buffer[at + bytes.length - 1] == bytes[bytes.length - 1] && matchesAt(buffer, at)) {
                return at;
            }
            at++;
        }
    }

    /** Whether the pattern is at {@code at}, given that its last byte is (callers check that first). */
    boolean matchesAt(byte[] buffer, int at)
    {
        // Backwards: the bytes before the last differ soonest ("http://", "Encounter/").
        for (int index = bytes.length - 2; index >= 0; index--) {
            if (buffer[at + index] != bytes[index]) {
                return false;
            }
        }
        return true;
    }
}
