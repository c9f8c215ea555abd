package org.casebook.screening.local;

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
        List<BytePattern> patterns = values.stream().map(value -> new BytePattern("\"" + value + "\"")).toList();
        BytePattern unicodeEscape = new BytePattern("\\u");
        return (buffer, start, length) -> {
            for (BytePattern pattern : patterns) {
                if (pattern.find(buffer, start, start + length) >= 0) {
                    return true;
                }
            }
            return unicodeEscape.find(buffer, start, start + length) >= 0;
        };
    }
}
