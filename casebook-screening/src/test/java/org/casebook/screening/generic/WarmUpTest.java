package org.casebook.screening.generic;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reading's warm-up reads a line of every type the reader knows, each line every time, none skipped. */
class WarmUpTest
{
    @Test
    void readsALineOfEveryTypeEveryTimeNoneSkipped()
            throws Exception
    {
        List<String> types = new ArrayList<>();
        try (InputStream in = GenericExtractReader.class.getResourceAsStream(GenericExtractReader.WARM_UP_LINES)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                types.add(new ObjectMapper().readTree(line).get("resourceType").asText());
            }
        }
        Set<String> known = new HashSet<>(GenericExtractReader.KINDS.keySet());
        known.add("Patient");
        known.add("Medication");

        assertThat(types).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(known);
        assertThat(GenericExtractReader.warmUp()).isEqualTo((long) types.size() * GenericExtractReader.WARM_UP_TIMES);
    }
}
