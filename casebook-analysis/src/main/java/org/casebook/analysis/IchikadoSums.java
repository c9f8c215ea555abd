package org.casebook.analysis;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.ctscore.CtScore;
import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.ZoneExtent;

/**
 * Ichikado scores from the integer sums of their zone scores, exactly as {@link IchikadoRead#score()}
 * and {@link CtScore#mean(List)} give them: a read's score is the sum of its zone scores over its
 * zones, and the mean of k reads of six zones each is the sum over all their zones over 6k. Equal
 * fractions are equal in lowest terms, so the scores are the same values, not approximations.
 *
 * <p>Each distinct zone estimate is scored once (the import keeps one instance of each: a
 * 100,000-patient series has 3.6 million zones and a few hundred estimates) and each distinct score
 * built once; scoring every zone through its map was a sixth of the analysis. Not thread-safe: one
 * per thread.
 */
final class IchikadoSums
{
    private static final IchikadoPattern[] PATTERNS = IchikadoPattern.values();
    private static final IchikadoPattern.Component[] COMPONENTS = IchikadoPattern.Component.values();
    /** Bounds on what is kept, so that a series of all-distinct estimates does not grow the tables without use. */
    private static final int MAX_KEPT = 100_000;

    /** A score's sums: its zone count, its total, then each component's in their order. */
    private record Sums(int zones, long total, long normal, long nonFibrotic, long fibrotic) {}

    /** Each zone estimate's score, its components' and its percents by pattern, by instance. */
    private final Map<ZoneExtent, int[]> zoneSums = new IdentityHashMap<>();
    private final Map<Sums, CtScore> scores = new HashMap<>();

    /** The score of one read: {@link IchikadoRead#score()}. */
    CtScore score(IchikadoRead read)
    {
        return score(List.of(read));
    }

    /** The mean of some reads' scores, component by component: {@link CtScore#mean(List)} of their scores. */
    CtScore score(List<IchikadoRead> reads)
    {
        long[] sums = new long[1 + COMPONENTS.length];
        int zones = 0;
        for (IchikadoRead read : reads) {
            for (ZoneExtent zone : read.zones()) {
                int[] zoneSum = zoneSums(zone);
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += zoneSum[i];
                }
                zones++;
            }
        }
        Sums key = new Sums(zones, sums[0], sums[1], sums[2], sums[3]);
        CtScore score = scores.get(key);
        if (score == null) {
            Map<String, Fraction> components = new LinkedHashMap<>();
            for (int i = 0; i < COMPONENTS.length; i++) {
                components.put(COMPONENTS[i].variable(), Fraction.of(Math.toIntExact(sums[i + 1]), zones));
            }
            score = new CtScore(Fraction.of(Math.toIntExact(sums[0]), zones), components);
            if (scores.size() < MAX_KEPT) {
                scores.put(key, score);
            }
        }
        return score;
    }

    /**
     * The mean percent of each pattern over a read's zones, as {@link IchikadoRead#meanPercents()}
     * gives it (the integer sum over the zone count, as {@code IntStream.average} divides), in
     * pattern order.
     */
    double[] meanPercents(IchikadoRead read)
    {
        long[] sums = new long[PATTERNS.length];
        for (ZoneExtent zone : read.zones()) {
            int[] zoneSum = zoneSums(zone);
            for (int i = 0; i < PATTERNS.length; i++) {
                sums[i] += zoneSum[1 + COMPONENTS.length + i];
            }
        }
        double[] means = new double[PATTERNS.length];
        int zones = read.zones().size();
        for (int i = 0; i < PATTERNS.length; i++) {
            means[i] = (double) sums[i] / zones;
        }
        return means;
    }

    private int[] zoneSums(ZoneExtent zone)
    {
        int[] sums = zoneSums.get(zone);
        if (sums == null) {
            sums = new int[1 + COMPONENTS.length + PATTERNS.length];
            sums[0] = zone.score();
            for (int i = 0; i < COMPONENTS.length; i++) {
                sums[1 + i] = zone.score(COMPONENTS[i]);
            }
            for (int i = 0; i < PATTERNS.length; i++) {
                sums[1 + COMPONENTS.length + i] = zone.percent(PATTERNS[i]);
            }
            if (zoneSums.size() < MAX_KEPT) {
                zoneSums.put(zone, sums);
            }
        }
        return sums;
    }
}
