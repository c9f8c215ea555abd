package org.casebook.screening.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Encounter pre-filter anchors on rare bytes; it must accept exactly the lines a plain search would. */
class LinePrefilterTest
{
    private static final List<String> CLASSES = List.of("IMP", "ACUTE", "NONAC");
    private static final LinePrefilter FILTER = LinePrefilter.containingAnyString(CLASSES);

    @Test
    void acceptsAClassAsAJsonStringOrAnyUnicodeEscape()
    {
        assertThat(accepts("{\"class\":{\"code\":\"IMP\"}}")).isTrue();
        assertThat(accepts("\"NONAC\"")).isTrue();
        assertThat(accepts("{\"class\":{\"code\":\"\\u0049MP\"}}")).isTrue();
        assertThat(accepts("{\"class\":{\"code\":\"AMB\"},\"text\":\"IMPORTANT ACUTE\"}")).isFalse();
        assertThat(accepts("{\"a\":\"\\\\n\"}")).isFalse();
        assertThat(accepts("IMP\"")).isFalse();
        assertThat(accepts("\"IMP")).isFalse();
    }

    @Test
    void agreesWithAPlainSearchOnRandomLines()
    {
        Random random = new Random(11);
        String alphabet = "\"IMPACUTENO\\u{}:, ab";
        for (int line = 0; line < 20000; line++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int index = 0; index < length; index++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();
            boolean expected = CLASSES.stream().anyMatch(value -> candidate.contains("\"" + value + "\"")) || candidate.contains("\\u");
            assertThat(accepts(candidate)).as(candidate).isEqualTo(expected);
        }
    }

    @Test
    void withMoreClassesThanAnchorsItSearchesEachPattern()
    {
        // Five first letters and the backslash are more than four anchors: the pattern-by-pattern search is used.
        LinePrefilter many = LinePrefilter.containingAnyString(List.of("IMP", "ACUTE", "NONAC", "OBSENC", "EMER"));
        assertThat(accepts(many, "{\"class\":{\"code\":\"EMER\"}}")).isTrue();
        assertThat(accepts(many, "{\"class\":{\"code\":\"\\u0045MER\"}}")).isTrue();
        assertThat(accepts(many, "{\"class\":{\"code\":\"AMB\"},\"text\":\"EMERGENCY\"}")).isFalse();
    }

    private static boolean accepts(String line)
    {
        return accepts(FILTER, line);
    }

    private static boolean accepts(LinePrefilter filter, String line)
    {
        byte[] padded = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        return filter.mayMatter(padded, 2, padded.length - 4);
    }
}
