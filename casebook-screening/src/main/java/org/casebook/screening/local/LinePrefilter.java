package org.casebook.screening.local;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides from a line's bytes, before any parsing, whether it can matter; a line it rejects is
 * passed over unparsed (and so not validated) and counted.
 */
@FunctionalInterface
public interface LinePrefilter
{
    LinePrefilter ALL = (buffer, start, length) -> true;

    boolean mayMatter(byte[] buffer, int start, int length);

    /**
     * Lines containing at least one of the values as a JSON string ({@code "IMP"}), or any
     * {@code \\u} escape (which could spell one: {@code "\\u0049MP"}).
     */
    public static LinePrefilter containingAnyString(Collection<String> values)
    {
        List<byte[]> patterns = values.stream().map(value -> ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8)).toList();
        // Anchor on each pattern's first byte after the quote (quotes are everywhere in JSON; 'I', 'A', 'N' are not)
        // and on the backslash, finding any of them eight bytes at a time.
        Set<Byte> anchors = new LinkedHashSet<>();
        anchors.add((byte) '\\');
        patterns.forEach(pattern -> anchors.add(pattern[1]));
        if (anchors.size() > NdjsonLines.MAX_ANCHORS) {
            return byPatterns(patterns);
        }
        byte[] anchorBytes = new byte[anchors.size()];
        int index = 0;
        for (byte anchor : anchors) {
            anchorBytes[index++] = anchor;
        }
        NdjsonLines.Anchors finder = new NdjsonLines.Anchors(anchorBytes);
        byte[][] patternArray = patterns.toArray(new byte[0][]); // an array: a loop over a List allocates an iterator per anchor found
        return (buffer, start, length) -> {
            int end = start + length;
            for (int at = finder.next(buffer, start, end); at < end; at = finder.next(buffer, at + 1, end)) {
                byte found = buffer[at];
                if (found == '\\') {
                    if (at + 1 < end && buffer[at + 1] == 'u') {
                        return true;
                    }
                    continue;
                }
                for (byte[] pattern : patternArray) {
                    if (pattern[1] == found && at > start && at - 1 + pattern.length <= end && Arrays.equals(buffer, at - 1, at - 1 + pattern.length, pattern, 0, pattern.length)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static LinePrefilter byPatterns(List<byte[]> patterns)
    {
        List<BytePattern> finders = patterns.stream().map(pattern -> new BytePattern(new String(pattern, StandardCharsets.UTF_8))).toList();
        BytePattern unicodeEscape = new BytePattern("\\u");
        return (buffer, start, length) -> {
            for (BytePattern finder : finders) {
                if (finder.find(buffer, start, start + length) >= 0) {
                    return true;
                }
            }
            return unicodeEscape.find(buffer, start, start + length) >= 0;
        };
    }
}
