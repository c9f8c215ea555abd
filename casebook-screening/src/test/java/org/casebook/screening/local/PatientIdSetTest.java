package org.casebook.screening.local;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PatientReferences.IdSet} answers from a line's bytes exactly as the set of id strings does. */
class PatientIdSetTest
{
    @Test
    void answersAsTheStringsDoForManyIdsAndTheirNearMisses()
    {
        Random random = new Random(20261205);
        Set<String> ids = new HashSet<>();
        for (int index = 0; index < 50_000; index++) {
            ids.add("pt" + random.nextInt(1_000_000));
        }
        PatientReferences.IdSet set = new PatientReferences.IdSet(ids);
        int found = 0;
        for (int index = 0; index < 200_000; index++) {
            String id = "pt" + random.nextInt(1_000_000);
            for (String probe : new String[] {id, id + "0", id.substring(1), ""}) {
                assertThat(contains(set, probe)).as(probe).isEqualTo(ids.contains(probe));
                found += ids.contains(probe) ? 1 : 0;
            }
        }
        assertThat(found).as("some probes are in the set").isGreaterThan(1000);
    }

    @Test
    void anEmptySetHoldsNothing()
    {
        PatientReferences.IdSet set = new PatientReferences.IdSet(Set.of());
        assertThat(set.isEmpty()).isTrue();
        assertThat(contains(set, "p1")).isFalse();
        assertThat(contains(set, "")).isFalse();
    }

    @Test
    void textThatIsNotAsciiIsComparedAsDecodedText()
    {
        PatientReferences.IdSet set = new PatientReferences.IdSet(Set.of("müller-1", "a\uFFFDb", "x\uD800"));
        assertThat(contains(set, "müller-1")).isTrue();
        assertThat(contains(set, "muller-1")).isFalse();
        // The filter hashes the bytes as written, so bytes that are not UTF-8 do not name "a\uFFFDb" (as before the byte table).
        byte[] invalid = {'a', (byte) 0xC3, 'b'};
        assertThat(set.contains(invalid, 0, invalid.length)).isFalse();
        assertThat(contains(set, "a\uFFFDb")).isTrue();
        // An id with a lone surrogate (a JSON escape) equals no decoded bytes, not even its own encoding "x?".
        assertThat(contains(set, "x?")).isFalse();
    }

    private static boolean contains(PatientReferences.IdSet set, String id)
    {
        byte[] line = ("{\"reference\":\"Patient/" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        int start = "{\"reference\":\"Patient/".length();
        return set.contains(line, start, line.length - 2);
    }
}
