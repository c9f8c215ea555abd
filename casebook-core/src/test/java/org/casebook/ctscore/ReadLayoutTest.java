package org.casebook.ctscore;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The reading form's one check of a typed read, under each scoring system. */
class ReadLayoutTest
{
    private static final ScanRef SCAN = new ScanRef("CT-X", "blinded");

    /** Every lobe graded the same. */
    private static Map<String, Map<String, String>> lobes(String alveolar, String interstitial)
    {
        Map<String, Map<String, String>> typed = new LinkedHashMap<>();
        for (String lobe : new String[] {"RUL", "RML", "RLL", "LUL", "LLL"}) {
            typed.put(lobe, new LinkedHashMap<>(Map.of("alveolar", alveolar, "interstitial", interstitial)));
        }
        return typed;
    }

    private static Map<String, Map<String, String>> zones(String normal, String ggo)
    {
        Map<String, Map<String, String>> typed = new LinkedHashMap<>();
        for (String zone : new String[] {"RU", "RM", "RL", "LU", "LM", "LL"}) {
            typed.put(zone, new LinkedHashMap<>(Map.of("normal", normal, "ggo", ggo, "consolidation", "0", "ggo_traction", "0",
                    "consolidation_traction", "0", "honeycombing", "0")));
        }
        return typed;
    }

    @Nested
    class Kazerooni
    {
        private final CtScoringSystem system = CtScoringSystem.forName("kazerooni");

        @Test
        void layoutIsFiveLobesWithTwoGradesEachMeaningSomething()
        {
            ReadLayout layout = system.layout();
            assertThat(layout.regions()).extracting(ReadRegion::code).containsExactly("RUL", "RML", "RLL", "LUL", "LLL");
            assertThat(layout.items()).extracting(ReadItem::name).containsExactly("alveolar", "interstitial");
            assertThat(layout.items()).allSatisfy(item -> assertThat(item.grades()).extracting(ReadItem.Grade::value).containsExactly(0, 1, 2, 3, 4, 5));
            assertThat(layout.regionSum()).isEmpty();
        }

        @Test
        void typedGradesGiveTheMeanAlveolarPlusMeanInterstitial()
        {
            Map<String, Map<String, String>> typed = lobes("1", "0");
            typed.get("RUL").put("alveolar", "4");
            typed.get("LLL").put("interstitial", "3");
            CtRead read = system.read(SCAN, "R1", system.layout().parse(typed));
            // alveolar (4+1+1+1+1)/5 = 1.6, interstitial 3/5 = 0.6
            assertThat(read.score().total()).isCloseTo(2.2, within(1e-9));
            assertThat(read.score().components()).containsEntry("ct_alveolar", 1.6);
            assertThat(read.grid()).isEqualTo(system.layout().parse(typed));
        }

        @Test
        void everyBadGradeIsNamedByLobeAndItem()
        {
            Map<String, Map<String, String>> typed = lobes("1", "1");
            typed.get("RML").put("alveolar", "6");
            typed.get("LUL").put("interstitial", "");
            typed.remove("LLL");
            typed.put("XX", Map.of());
            assertThatThrownBy(() -> system.layout().parse(typed))
                    .hasMessageContaining("lobe RML: alveolar '6': expected a grade 0–5")
                    .hasMessageContaining("lobe LUL: interstitial missing: expected a grade 0–5")
                    .hasMessageContaining("missing lobe(s) LLL")
                    .hasMessageContaining("unknown lobe 'XX': expected RUL, RML, RLL, LUL or LLL");
        }
    }

    @Nested
    class Ichikado
    {
        private final CtScoringSystem system = CtScoringSystem.forName("ichikado");

        @Test
        void typedPercentsGiveTheMeanZoneScore()
        {
            CtRead read = system.read(SCAN, "R1", system.layout().parse(zones("70", "30")));
            assertThat(read.score().total()).isEqualTo(130.0);
            assertThat(system.layout().regionScore(read.grid(), "RU")).isEqualTo(130);
        }

        @Test
        void aZoneNotAddingUpTo100AndAFractionAreRefused()
        {
            Map<String, Map<String, String>> typed = zones("70", "30");
            typed.get("RU").put("ggo", "40");
            typed.get("LL").put("normal", "69.5");
            assertThatThrownBy(() -> system.layout().parse(typed))
                    .hasMessageContaining("zone RU: pattern percents must add up to 100, they add up to 110")
                    .hasMessageContaining("zone LL: normal '69.5': expected a whole number 0–100");
        }

        @Test
        void zoneCodesAreReadInAnyCase()
        {
            Map<String, Map<String, String>> typed = new LinkedHashMap<>();
            zones("100", "0").forEach((zone, cells) -> typed.put(zone.toLowerCase(), cells));
            assertThat(system.layout().parse(typed).values()).containsOnlyKeys("RU", "RM", "RL", "LU", "LM", "LL");
        }
    }

    @Test
    void jsonNamesAreCamelCase()
    {
        assertThat(new ReadItem("consolidation_traction", "x", 0, 100, 5, java.util.List.of()).jsonName()).isEqualTo("consolidationTraction");
    }
}
