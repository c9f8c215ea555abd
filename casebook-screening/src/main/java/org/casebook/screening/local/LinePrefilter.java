package org.casebook.screening.local;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Decides from a line's bytes, before any parsing, whether it can matter; a line it rejects is
 * passed over unparsed (and so not validated) and counted.
 */
@FunctionalInterface
interface LinePrefilter
{
    LinePrefilter ALL = (buffer, start, length) -> true;

    boolean mayMatter(byte[] buffer, int start, int length);

    /**
     * Lines containing at least one of the values as a JSON string ({@code "IMP"}), or any
     * {@code \\u} escape (which could spell one: {@code "\\u0049MP"}).
     */
    static LinePrefilter containingAnyString(Collection<String> values)
    {
        List<byte[]> patterns = values.stream().map(value -> ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8)).toList();
        byte[] unicodeEscape = {'\\', 'u'};
        return (buffer, start, length) -> {
            for (byte[] pattern : patterns) {
                if (indexOf(buffer, start, start + length, pattern) >= 0) {
                    return true;
                }
            }
            return indexOf(buffer, start, start + length, unicodeEscape) >= 0;
        };
    }

    private static int indexOf(byte[] buffer, int from, int end, byte[] pattern)
    {
        byte first = pattern[0];
        for (int at = from; at <= end - pattern.length; at++) {
            if (buffer[at] == first) {
                int index = 1;
                while (index < pattern.length && buffer[at + index] == pattern[index]) {
                    index++;
                }
                if (index == pattern.length) {
                    return at;
                }
            }
        }
        return -1;
    }
}
