package org.casebook.screening.local;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * A byte-level pre-filter: does a line name one of a set of patients ({@code Patient/<id>}, or
 * {@code urn:uuid:<id>} in a line without any {@code Patient/}, or {@code Patient\/<id>} with an
 * escaped slash in a line without either, followed by a quote or slash; an id holding a JSON escape
 * is taken as a possible match)? Only
 * lines that do are handed to the JSON parser, which then decides for real; a line this filter
 * rejects cannot be about those patients. Searches with Boyer–Moore–Horspool skips.
 */
final class PatientReferences
{
    private static final long FIRST_P = 0x5050505050505050L;
    private static final Pattern PATIENT = new Pattern("Patient/");
    private static final Pattern URN_UUID = new Pattern("urn:uuid:");
    private static final Pattern PATIENT_ESCAPED_SLASH = new Pattern("Patient\\/");

    private PatientReferences() {}

    /** A set of patient ids with a 2^16-bit filter on a hash of their bytes, so most lookups allocate nothing. */
    static final class IdSet
    {
        private final Set<String> ids;
        private final long[] filter = new long[1 << 10];

        IdSet(Set<String> ids)
        {
            this.ids = Set.copyOf(ids);
            for (String id : ids) {
                byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
                int hash = hash(bytes, 0, bytes.length);
                filter[hash >>> 6] |= 1L << (hash & 63);
            }
        }

        boolean isEmpty()
        {
            return ids.isEmpty();
        }

        boolean contains(byte[] buffer, int start, int end)
        {
            int hash = hash(buffer, start, end);
            return (filter[hash >>> 6] & (1L << (hash & 63))) != 0
                    && ids.contains(new String(buffer, start, end - start, StandardCharsets.UTF_8));
        }

        private static int hash(byte[] buffer, int start, int end)
        {
            int hash = 0x811C9DC5;
            for (int index = start; index < end; index++) {
                hash = (hash ^ buffer[index]) * 0x01000193;
            }
            return (hash ^ (hash >>> 16)) & 0xFFFF;
        }
    }

    static boolean namesAny(byte[] buffer, int start, int length, IdSet ids)
    {
        if (ids.isEmpty()) {
            return false;
        }
        int end = start + length;
        int found = namesAny(buffer, start, end, PATIENT, ids);
        if (found != NOT_FOUND) {
            return found == MATCH;
        }
        if (namesAny(buffer, start, end, URN_UUID, ids) == MATCH) {
            return true;
        }
        // No "Patient/" at all (a rare line): a writer that escapes every '/' (PHP, some .NET) writes "Patient\/<id>".
        return namesAny(buffer, start, end, PATIENT_ESCAPED_SLASH, ids) == MATCH;
    }

    private static final int NOT_FOUND = 0;
    private static final int MATCH = 1;
    private static final int OTHERS_ONLY = 2;

    private static int namesAny(byte[] buffer, int start, int end, Pattern pattern, IdSet ids)
    {
        int result = NOT_FOUND;
        int at = start;
        while (true) {
            int found = pattern.find(buffer, at, end);
            if (found < 0) {
                return result;
            }
            int idStart = found + pattern.bytes.length;
            int idEnd = idStart;
            while (idEnd < end && buffer[idEnd] != '"' && buffer[idEnd] != '/') {
                idEnd++;
            }
            if (idEnd > idStart && (ids.contains(buffer, idStart, idEnd) || hasBackslash(buffer, idStart, idEnd))) {
                // An id written with a JSON escape (backslash-u, or an escaped slash after it) may name one of the
                // patients once decoded: the parser decides.
                return MATCH;
            }
            result = OTHERS_ONLY;
            at = idEnd;
        }
    }

    private static boolean hasBackslash(byte[] buffer, int start, int end)
    {
        for (int index = start; index < end; index++) {
            if (buffer[index] == '\\') {
                return true;
            }
        }
        return false;
    }

    /** A byte pattern with its Horspool skip table. */
    private static final class Pattern
    {
        final byte[] bytes;
        final int[] skip = new int[256];

        Pattern(String text)
        {
            bytes = text.getBytes(StandardCharsets.US_ASCII);
            Arrays.fill(skip, bytes.length);
            for (int index = 0; index < bytes.length - 1; index++) {
                skip[bytes[index] & 0xff] = bytes.length - 1 - index;
            }
        }

        int find(byte[] buffer, int from, int end)
        {
            if (bytes[0] == 'P') {
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
                at = NdjsonLines.nextByte(buffer, at, end, FIRST_P, (byte) 'P');
                if (at + bytes.length > end) {
                    return -1;
                }
                if (buffer[at + bytes.length - 1] == bytes[bytes.length - 1] && matchesAt(buffer, at)) {
                    return at;
                }
                at++;
            }
        }

        private boolean matchesAt(byte[] buffer, int at)
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
}
