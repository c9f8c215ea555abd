package org.casebook.screening.local;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A byte-level pre-filter: does a line name one of a set of patients ({@code Patient/<id>} or
 * {@code urn:uuid:<id>} followed by a quote)? Only lines that do are handed to the JSON parser,
 * which then decides for real; a line this filter rejects cannot be about those patients.
 */
final class PatientReferences
{
    private static final byte[] PATIENT = "Patient/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] URN_UUID = "urn:uuid:".getBytes(StandardCharsets.US_ASCII);

    private PatientReferences() {}

    static boolean namesAny(byte[] buffer, int start, int length, Set<String> ids)
    {
        if (ids.isEmpty()) {
            return false;
        }
        int end = start + length;
        return namesAny(buffer, start, end, PATIENT, ids) || namesAny(buffer, start, end, URN_UUID, ids);
    }

    private static boolean namesAny(byte[] buffer, int start, int end, byte[] prefix, Set<String> ids)
    {
        byte first = prefix[0];
        for (int at = start; at <= end - prefix.length; at++) {
            if (buffer[at] != first || !startsWith(buffer, at, prefix)) {
                continue;
            }
            int idStart = at + prefix.length;
            int idEnd = idStart;
            while (idEnd < end && buffer[idEnd] != '"' && buffer[idEnd] != '/') {
                idEnd++;
            }
            if (idEnd > idStart && ids.contains(new String(buffer, idStart, idEnd - idStart, StandardCharsets.UTF_8))) {
                return true;
            }
            at = idEnd - 1;
        }
        return false;
    }

    private static boolean startsWith(byte[] buffer, int at, byte[] prefix)
    {
        for (int index = 1; index < prefix.length; index++) {
            if (buffer[at + index] != prefix[index]) {
                return false;
            }
        }
        return true;
    }
}
