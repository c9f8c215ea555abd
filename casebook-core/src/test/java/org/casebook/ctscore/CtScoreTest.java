package org.casebook.ctscore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.numbers.fraction.Fraction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scores are exact: reads in sixths and fifths, consensus in twelfths and finer, equal when their values are. */
class CtScoreTest
{
    private static final ScanRef SCAN = new ScanRef("P01", "onset");

    /** An Ichikado read whose six zone scores add up to {@code sum} (600–3600): total = sum / 6. */
    private static IchikadoRead ichikado(String reader, int sum)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            int score = sum / 6 + (zone.ordinal() < sum % 6 ? 1 : 0);
            int lower = Math.min(5, score / 100);
            int upperShare = score - 100 * lower;
            java.util.Map<IchikadoPattern, Integer> percents = new java.util.EnumMap<>(IchikadoPattern.class);
            for (IchikadoPattern pattern : IchikadoPattern.values()) {
                percents.put(pattern, pattern.points() == lower ? 100 - upperShare : pattern.points() == lower + 1 ? upperShare : 0);
            }
            zones.add(new ZoneExtent(zone, percents));
        }
        return new IchikadoRead(SCAN, reader, zones);
    }

    @Test
    void aConsensusIsTheExactMeanWhereTheMeanOfDoublesDiffersInTheLastBit()
    {
        // both consensus totals are 3506/12; in doubles (600/6 + 2906/6)/2 is 292.16666666666663 and
        // (613/6 + 2893/6)/2 is 292.1666666666667
        double oldFirst = (600 / 6.0 + 2906 / 6.0) / 2;
        double oldSecond = (613 / 6.0 + 2893 / 6.0) / 2;
        assertThat(oldFirst).isNotEqualTo(oldSecond);

        CtScore first = CtScore.mean(List.of(ichikado("R1", 600).score(), ichikado("R2", 2906).score()));
        CtScore second = CtScore.mean(List.of(ichikado("R1", 613).score(), ichikado("R2", 2893).score()));

        assertThat(first.exactTotal()).isEqualTo(Fraction.of(3506, 12)).isEqualTo(second.exactTotal());
        assertThat(first.total()).isEqualTo(second.total()).isEqualTo(3506 / 12.0);
    }

    @Test
    void aKazerooniTotalIsItsExactFifths()
    {
        // alveolar 1/5 + interstitial 2/5 was 0.6000000000000001 in doubles, unequal to 3/5 + 0
        CtScore split = kazerooni(new int[] {1, 0, 0, 0, 0}, new int[] {1, 1, 0, 0, 0}).score();
        CtScore alveolarOnly = kazerooni(new int[] {1, 1, 1, 0, 0}, new int[] {0, 0, 0, 0, 0}).score();

        assertThat(split.exactTotal()).isEqualTo(Fraction.of(3, 5)).isEqualTo(alveolarOnly.exactTotal());
        assertThat(split.total()).isEqualTo(0.6).isEqualTo(alveolarOnly.total());
        assertThat(split.components()).containsEntry("ct_alveolar", 0.2).containsEntry("ct_interstitial", 0.4);
    }

    private static KazerooniRead kazerooni(int[] alveolar, int[] interstitial)
    {
        List<KazerooniLobeScore> lobes = new ArrayList<>();
        for (KazerooniLobe lobe : KazerooniLobe.values()) {
            lobes.add(new KazerooniLobeScore(lobe, alveolar[lobe.ordinal()], interstitial[lobe.ordinal()]));
        }
        return new KazerooniRead(SCAN, "R1", lobes);
    }

    @Test
    void componentsAddUpToTheTotalExactly()
    {
        CtScore score = CtScore.mean(List.of(ichikado("R1", 1001).score(), ichikado("R2", 2999).score(), ichikado("R3", 1307).score()));
        Fraction sum = score.exactComponents().values().stream().reduce(Fraction.ZERO, Fraction::add);

        assertThat(sum).isEqualTo(score.exactTotal()).isEqualTo(Fraction.of(1001 + 2999 + 1307, 18));
        assertThat(score.components().keySet()).containsExactly("ct_normal", "ct_nonfibrotic", "ct_fibrotic");
    }

    @Test
    void scoresAreEqualWhenTheirExactValuesAre()
    {
        CtScore twelfths = CtScore.mean(List.of(ichikado("R1", 1200).score(), ichikado("R2", 1500).score()));
        CtScore sixths = ichikado("R1", 1350).score();

        assertThat(twelfths.exactTotal()).isEqualTo(Fraction.of(225));
        assertThat(twelfths).isEqualTo(sixths).hasSameHashCodeAs(sixths);
        assertThat(CtScore.mean(List.of(sixths))).isEqualTo(sixths);
    }

    @Test
    void aScoreIsPrintedRoundedHalfUpFromItsExactValue()
    {
        assertThat(CtScore.decimal(Fraction.of(1330, 12), 1)).isEqualTo(new BigDecimal("110.8"));
        assertThat(CtScore.decimal(Fraction.of(2103, 12), 1)).isEqualTo(new BigDecimal("175.3"));   // 175.25
        assertThat(CtScore.decimal(Fraction.of(-2103, 12), 1)).isEqualTo(new BigDecimal("-175.3"));
        assertThat(CtScore.decimal(Fraction.of(1, 12), 6)).isEqualTo(new BigDecimal("0.083333"));
        assertThat(CtScore.decimal(Fraction.of(5, 12), 6)).isEqualTo(new BigDecimal("0.416667"));
        assertThat(CtScore.decimal(Fraction.of(600), 1)).isEqualTo(new BigDecimal("600.0"));
    }

    @Test
    void noConsensusWithoutReads()
    {
        assertThatThrownBy(() -> CtScore.mean(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scores");
    }
}
