package org.casebook.screening.local;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A byte-level pre-filter: does a line name one of a set of patients ({@code Patient/<id>}, or
 * {@code urn:uuid:<id>} in a line without any {@code Patient/}, or {@code Patient\/<id>} with an
 * escaped slash in a line without either, followed by a quote or slash; an id holding a JSON escape
 * is taken as a possible match)? Only
 * lines that do are handed to the JSON parser, which then decides for real; a line this filter
 * rejects cannot be about those patients. Searches with Boyer–Moore–Horspool skips.
 */
public final class PatientReferences
{
    private static final BytePattern PATIENT = new BytePattern("Patient/");
    private static final BytePattern URN_UUID = new BytePattern("urn:uuid:");
    private static final BytePattern PATIENT_ESCAPED_SLASH = new BytePattern("Patient\\/");

    private PatientReferences() {}

    /**
     * A set of patient ids, looked up by the bytes of a line: a 2^16-bit filter on a hash of the id's
     * bytes, then the ids' bytes in an open-addressing table, so no lookup allocates (most lines of a
     * large extract name another patient).
     */
    public static final class IdSet
    {
        private final Set<String> ids;
        private final long[] filter = new long[1 << 10];
        /** Each id's UTF-8 bytes at a slot from its hash, the next free slot on a collision; at most half full. */
        private final byte[][] table;
        private final int shift;

        public IdSet(Set<String> ids)
        {
            this.ids = Set.copyOf(ids);
            int slots = Integer.highestOneBit(Math.max(this.ids.size(), 1)) * 4;
            table = new byte[slots][];
            shift = 32 - Integer.numberOfTrailingZeros(slots);
            for (String id : this.ids) {
                byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
                int hash = hash(bytes, 0, bytes.length);
                int bits = filterBits(hash);
                filter[bits >>> 6] |= 1L << (bits & 63);
                if (!new String(bytes, StandardCharsets.UTF_8).equals(id)) {
                    continue; // a lone surrogate (from a JSON escape): no line's decoded bytes equal it
                }
                int slot = slot(hash);
                while (table[slot] != null) {
                    slot = (slot + 1) & (table.length - 1);
                }
                table[slot] = bytes;
            }
        }

        boolean isEmpty()
        {
            return ids.isEmpty();
        }

        public boolean contains(String id)
        {
            return ids.contains(id);
        }

        boolean contains(byte[] buffer, int start, int end)
        {
            int hash = hash(buffer, start, end);
            int bits = filterBits(hash);
            if ((filter[bits >>> 6] & (1L << (bits & 63))) == 0) {
                return false;
            }
            for (int slot = slot(hash); table[slot] != null; slot = (slot + 1) & (table.length - 1)) {
                if (java.util.Arrays.equals(table[slot], 0, table[slot].length, buffer, start, end)) {
                    return true;
                }
            }
            // Bytes that are not valid UTF-8 decode to U+FFFD, as an id read from such a line was: compare as text, as before.
            return !isAscii(buffer, start, end) && ids.contains(new String(buffer, start, end - start, StandardCharsets.UTF_8));
        }

        private static boolean isAscii(byte[] buffer, int start, int end)
        {
            for (int index = start; index < end; index++) {
                if (buffer[index] < 0) {
                    return false;
                }
            }
            return true;
        }

        private int slot(int hash)
        {
            return shift == 32 ? 0 : (hash * 0x9E3779B1) >>> shift;
        }

        private static int filterBits(int hash)
        {
            return (hash ^ (hash >>> 16)) & 0xFFFF;
        }

        private static int hash(byte[] buffer, int start, int end)
        {
            int hash = 0x811C9DC5;
            for (int index = start; index < end; index++) {
                hash = (hash ^ buffer[index]) * 0x01000193;
            }
            return hash;
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

    /**
     * For an engine that validates every line it can: does the line name patients
     * ({@code Patient/<id>}, or {@code Patient\\/<id>} in a line without {@code Patient/}) and none of
     * {@code ids}? A line without such a reference, or with {@code urn:uuid:} references only, or with an
     * escape in an id, is not: the parser decides.
     */
    public static boolean namesOnlyOthers(byte[] buffer, int start, int length, IdSet ids)
    {
        int end = start + length;
        int found = namesAny(buffer, start, end, PATIENT, ids);
        if (found != NOT_FOUND) {
            return found == OTHERS_ONLY;
        }
        if (namesAny(buffer, start, end, URN_UUID, ids) != NOT_FOUND) {
            return false;
        }
        return namesAny(buffer, start, end, PATIENT_ESCAPED_SLASH, ids) == OTHERS_ONLY;
    }

    static final int NOT_FOUND = 0;
    static final int MATCH = 1;
    static final int OTHERS_ONLY = 2;
    static final int INCOMPLETE = 3;

    private static final byte[] PATIENT_NAME = "Patient".getBytes(StandardCharsets.US_ASCII);

    /**
     * Whether {@code at} (a {@code P} byte) starts {@code Patient/<id>} (or {@code Patient\\/<id>}, as
     * writers that escape every slash write it) naming one of the patients ({@link #MATCH}), naming
     * another ({@link #OTHERS_ONLY}), or no reference ({@link #NOT_FOUND}); {@link #INCOMPLETE} when
     * {@code end} comes before that is known. The id ends at a quote or slash; a line end before
     * either means no reference. An id with an escape in it is a {@link #MATCH}: the parser decides.
     */
    static int referenceAt(byte[] buffer, int at, int end, IdSet ids)
    {
        int name = PATIENT_NAME.length;
        for (int index = 0; index < name; index++) {
            if (at + index >= end) {
                return INCOMPLETE;
            }
            if (buffer[at + index] != PATIENT_NAME[index]) {
                return NOT_FOUND;
            }
        }
        int slash = at + name;
        if (slash + 1 >= end) {
            return INCOMPLETE;
        }
        int idStart;
        if (buffer[slash] == '/') {
            idStart = slash + 1;
        }
        else if (buffer[slash] == '\\' && buffer[slash + 1] == '/') {
            idStart = slash + 2;
        }
        else {
            return NOT_FOUND;
        }
        int idEnd = idStart;
        boolean escaped = false;
        while (idEnd < end && buffer[idEnd] != '"' && buffer[idEnd] != '/' && buffer[idEnd] != '\n') {
            escaped |= buffer[idEnd] == '\\';
            idEnd++;
        }
        if (idEnd == end) {
            return INCOMPLETE;
        }
        if (buffer[idEnd] == '\n' || idEnd == idStart) {
            return NOT_FOUND;
        }
        return escaped || ids.contains(buffer, idStart, idEnd) ? MATCH : OTHERS_ONLY;
    }

    /** For a line without any {@code Patient/}: does it name one of the patients as {@code urn:uuid:<id>}? */
    static boolean namesByUrn(byte[] buffer, int start, int end, IdSet ids)
    {
        return !ids.isEmpty() && namesAny(buffer, start, end, URN_UUID, ids) == MATCH;
    }

    private static int namesAny(byte[] buffer, int start, int end, BytePattern pattern, IdSet ids)
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
}
