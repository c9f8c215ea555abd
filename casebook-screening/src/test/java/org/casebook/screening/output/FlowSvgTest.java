package org.casebook.screening.output;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** screen's flow.svg names each exclusion in the protocol's words, never by a bare criterion id. */
class FlowSvgTest
{
    @Test
    void exclusionsAreNamedByNumberAndDescriptionNotByTheirIds()
    {
        ScreeningFiles.Counts counts = new ScreeningFiles.Counts(9, 8, Map.of("steroid_early", 7L, "no_immunosuppression", 6L),
                Map.of("steroid_early", 1L, "no_immunosuppression", 1L), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
        String svg = ScreeningFiles.svg(counts, List.of("cap_admission", "steroid_early", "no_immunosuppression"),
                Arrays.asList("Inpatient admission for pneumonia", "A systemic corticosteroid started within 2 days of admission", null), true);
        String text = svg.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
        assertThat(text).contains("With an index admission", "n = 8", "Met criteria 1–2", "n = 7", "Included", "n = 6",
                "Excluded, 2. A systemic corticosteroid started within 2 days of admission not met: 1",
                "Excluded, 3. no_immunosuppression not met: 1");
        assertThat(text).doesNotContain("After steroid_early", "Excluded, no ", "(cap_admission)");
    }

    @Test
    void longDescriptionsWrapAndAreCutAfterFourLines()
    {
        assertThat(ScreeningFiles.wrapped("one two three", 7)).containsExactly("one two", "three");
        List<String> lines = ScreeningFiles.wrapped("a ".repeat(60).strip(), 10);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).startsWith("… ");
    }
}
