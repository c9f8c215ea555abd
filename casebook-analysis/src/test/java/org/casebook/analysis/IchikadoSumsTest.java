package org.casebook.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.casebook.ctscore.CtScore;
import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IchikadoSumsTest
{
    private static final ScanRef SCAN = new ScanRef("P1", "onset");

    /** A zone whose six percents are random and add up to 100, in steps of {@code step}. */
    private static ZoneExtent randomZone(LungZone zone, Random random, int step)
    {
        int[] shares = new int[IchikadoPattern.values().length];
        for (int left = 100; left > 0; left -= step) {
            shares[random.nextInt(shares.length)] += step;
        }
        Map<IchikadoPattern, Integer> percents = new EnumMap<>(IchikadoPattern.class);
        for (IchikadoPattern pattern : IchikadoPattern.values()) {
            percents.put(pattern, shares[pattern.ordinal()]);
        }
        return new ZoneExtent(zone, percents);
    }

    private static IchikadoRead read(String reader, List<ZoneExtent> zones)
    {
        return new IchikadoRead(SCAN, reader, zones);
    }

    private static IchikadoRead randomRead(String reader, Random random, int step)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            zones.add(randomZone(zone, random, step));
        }
        return read(reader, zones);
    }

    private static IchikadoRead uniform(String reader, IchikadoPattern pattern)
    {
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            Map<IchikadoPattern, Integer> percents = new EnumMap<>(IchikadoPattern.class);
            for (IchikadoPattern each : IchikadoPattern.values()) {
                percents.put(each, each == pattern ? 100 : 0);
            }
            zones.add(new ZoneExtent(zone, percents));
        }
        return read(reader, zones);
    }

    @Test
    void aReadsScoreIsItsOwnExactScoreAndItsMeanPercentsItsOwn()
    {
        Random random = new Random(12);
        IchikadoSums sums = new IchikadoSums();
        for (int i = 0; i < 2_000; i++) {
            IchikadoRead read = randomRead("R1", random, i % 2 == 0 ? 10 : 1);
            CtScore score = sums.score(read);
            assertThat(score).isEqualTo(read.score());
            assertThat(score.total()).isEqualTo(read.score().total());
            assertThat(score.components()).isEqualTo(read.score().components());
            Map<IchikadoPattern, Double> expected = read.meanPercents();
            double[] means = sums.meanPercents(read);
            for (IchikadoPattern pattern : IchikadoPattern.values()) {
                assertThat(means[pattern.ordinal()]).as(pattern.column()).isEqualTo(expected.get(pattern));
            }
        }
    }

    @Test
    void theMeanOfOneTwoOrThreeReadsIsTheMeanOfTheirScoresExactly()
    {
        Random random = new Random(34);
        IchikadoSums sums = new IchikadoSums();
        for (int i = 0; i < 2_000; i++) {
            int readers = 1 + i % 3;
            List<IchikadoRead> reads = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                reads.add(randomRead("R" + (r + 1), random, i % 4 < 2 ? 10 : 1));
            }
            CtScore expected = CtScore.mean(reads.stream().map(IchikadoRead::score).toList());
            CtScore score = sums.score(reads);
            assertThat(score).as("reads %s", reads).isEqualTo(expected);
            assertThat(score.exactTotal().getDenominator()).isEqualTo(expected.exactTotal().getDenominator());
            assertThat(score.total()).isEqualTo(expected.total());
            assertThat(score.components()).containsExactlyEntriesOf(expected.components());
        }
    }

    @Test
    void theEndsOfTheScaleAndATieAreExact()
    {
        IchikadoSums sums = new IchikadoSums();
        IchikadoRead normal = uniform("R1", IchikadoPattern.NORMAL);
        IchikadoRead honeycombing = uniform("R2", IchikadoPattern.HONEYCOMBING);
        assertThat(sums.score(normal).total()).isEqualTo(100.0);
        assertThat(sums.score(honeycombing).total()).isEqualTo(600.0);
        CtScore mean = sums.score(List.of(normal, honeycombing));
        assertThat(mean.total()).isEqualTo(350.0);
        assertThat(mean.components()).containsEntry("ct_normal", 50.0).containsEntry("ct_nonfibrotic", 0.0).containsEntry("ct_fibrotic", 300.0);
        // the same estimates in other instances, and the readers in the other order: equal scores
        CtScore again = sums.score(List.of(uniform("R2", IchikadoPattern.HONEYCOMBING), uniform("R1", IchikadoPattern.NORMAL)));
        assertThat(again).isEqualTo(mean);
    }

    @Test
    void aThirdOfAPointStaysAThird()
    {
        // zone scores 110, 100, 100, 100, 100, 100 for one reader and 100 × 6 for the other: 1210 / 12 = 605 / 6
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            zones.add(zone == LungZone.RU ? ZoneExtent.of(zone, 90, 10, 0, 0, 0, 0) : ZoneExtent.of(zone, 100, 0, 0, 0, 0, 0));
        }
        IchikadoSums sums = new IchikadoSums();
        CtScore mean = sums.score(List.of(read("R1", zones), uniform("R2", IchikadoPattern.NORMAL)));
        assertThat(mean.exactTotal().getNumerator()).isEqualTo(605);
        assertThat(mean.exactTotal().getDenominator()).isEqualTo(6);
    }
}
