package org.casebook.ctscore;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IchikadoReadTest
{
    private static final ScanRef SCAN = new ScanRef("P01", "onset");

    private static IchikadoRead allZones(int normal, int ggo, int consolidation, int ggoTraction, int consolidationTraction, int honeycombing)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            zones.add(ZoneExtent.of(zone, normal, ggo, consolidation, ggoTraction, consolidationTraction, honeycombing));
        }
        return new IchikadoRead(SCAN, "R1", zones);
    }

    @Test
    void allNormalLungScoresTheMinimumOf100()
    {
        assertThat(allZones(100, 0, 0, 0, 0, 0).score().total()).isEqualTo(100.0);
    }

    @Test
    void allHoneycombingScoresTheMaximumOf600()
    {
        assertThat(allZones(0, 0, 0, 0, 0, 100).score().total()).isEqualTo(600.0);
    }

    @Test
    void totalIsTheMeanOfTheSixZoneScores()
    {
        // Hand-computed zone scores: RU 100, RM 150, RL 70·1+10·2+20·6 = 210,
        // LU 100, LM 50·1+50·2 = 150, LL 40·1+20·2+10·3+10·4+10·5+10·6 = 260; mean = 970/6.
        IchikadoRead read = new IchikadoRead(SCAN, "R1", List.of(
                ZoneExtent.of(LungZone.RU, 100, 0, 0, 0, 0, 0),
                ZoneExtent.of(LungZone.RM, 50, 50, 0, 0, 0, 0),
                ZoneExtent.of(LungZone.RL, 70, 10, 0, 0, 0, 20),
                ZoneExtent.of(LungZone.LU, 100, 0, 0, 0, 0, 0),
                ZoneExtent.of(LungZone.LM, 50, 50, 0, 0, 0, 0),
                ZoneExtent.of(LungZone.LL, 40, 20, 10, 10, 10, 10)));
        CtScore score = read.score();
        assertThat(score.total()).isCloseTo(970.0 / 6, within(1e-12));
        // normal: (100+50+70+100+50+40)/6; non-fibrotic: (0+100+20+0+100+40+30)/6; fibrotic: (0+0+120+0+0+40+50+60)/6
        assertThat(score.components().get("ct_normal")).isCloseTo(410.0 / 6, within(1e-12));
        assertThat(score.components().get("ct_nonfibrotic")).isCloseTo(290.0 / 6, within(1e-12));
        assertThat(score.components().get("ct_fibrotic")).isCloseTo(270.0 / 6, within(1e-12));
    }

    @Test
    void componentsAddUpToTheTotal()
    {
        IchikadoRead read = allZones(30, 20, 10, 10, 10, 20);
        CtScore score = read.score();
        double sum = score.components().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isCloseTo(score.total(), within(1e-9));
        assertThat(score.total()).isEqualTo(30 + 40 + 30 + 40 + 50 + 120);
    }

    @Test
    void meanPercentsAveragePatternSharesOverZones()
    {
        assertThat(allZones(60, 40, 0, 0, 0, 0).meanPercents().get(IchikadoPattern.GROUND_GLASS)).isEqualTo(40.0);
    }

    @Nested
    class RejectsInvalidReads
    {
        @Test
        void zoneNotSummingTo100()
        {
            assertThatThrownBy(() -> ZoneExtent.of(LungZone.RU, 50, 40, 0, 0, 0, 0))
                    .hasMessageContaining("add up to 100")
                    .hasMessageContaining("90");
        }

        @Test
        void negativePercent()
        {
            assertThatThrownBy(() -> ZoneExtent.of(LungZone.RU, 100, 10, -10, 0, 0, 0))
                    .hasMessageContaining("0–100")
                    .hasMessageContaining("-10");
        }

        @Test
        void missingZone()
        {
            List<ZoneExtent> five = new ArrayList<>(allZones(100, 0, 0, 0, 0, 0).zones());
            five.remove(5);
            assertThatThrownBy(() -> new IchikadoRead(SCAN, "R1", five)).hasMessageContaining("missing zone(s) [LL]");
        }

        @Test
        void zoneReadTwice()
        {
            List<ZoneExtent> zones = new ArrayList<>(allZones(100, 0, 0, 0, 0, 0).zones());
            zones.set(5, ZoneExtent.of(LungZone.RU, 100, 0, 0, 0, 0, 0));
            assertThatThrownBy(() -> new IchikadoRead(SCAN, "R1", zones)).hasMessageContaining("RU read twice");
        }
    }

    @Test
    void consensusIsTheMeanOfReaders()
    {
        CtScore consensus = CtScore.mean(List.of(allZones(100, 0, 0, 0, 0, 0).score(), allZones(50, 50, 0, 0, 0, 0).score()));
        assertThat(consensus.total()).isEqualTo(125.0);
        assertThat(consensus.components().get("ct_nonfibrotic")).isEqualTo(50.0);
    }
}
