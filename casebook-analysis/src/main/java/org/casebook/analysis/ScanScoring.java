package org.casebook.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.casebook.ctscore.CtRead;
import org.casebook.ctscore.CtScore;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.casedata.CaseWorkbook;

/**
 * Scores every scan of a workbook under the protocol's system, reader by reader and by consensus.
 * The consensus (the mean of the readers) is computed exactly: an Ichikado total is a sum of integer
 * zone scores over 6 zones × r readers, a Kazerooni one a sum of integer grades over 5 lobes × r
 * readers, divided once. Two scans with the same consensus therefore have the same double, and
 * ties between patients are not split by round-off.
 */
final class ScanScoring
{
    private ScanScoring() {}

    static List<ScanResult> score(CtScoringSystem system, CaseWorkbook workbook)
    {
        Map<ScanRef, List<CtRead>> readsByScan = new LinkedHashMap<>();
        for (CtRead read : system.reads(workbook)) {
            readsByScan.computeIfAbsent(read.scan(), scan -> new ArrayList<>()).add(read);
        }
        List<ScanResult> results = new ArrayList<>();
        // Scores repeat (a few thousand distinct totals and components across a large series), and
        // each holds a map: one instance of each equal score is kept, not three per scan.
        Map<CtScore, CtScore> distinct = new HashMap<>();
        Map<List<String>, String[]> keyLists = new HashMap<>();
        Map<Map<String, Double>, Map<String, Double>> distinctPercents = new HashMap<>();
        IchikadoSums ichikadoSums = new IchikadoSums();
        readsByScan.forEach((scan, reads) -> {
            Map<String, Double> percents = OrderedValues.of(patternPercents(reads), keyLists);
            Map<String, Double> known = distinctPercents.get(percents);
            if (known != null) {
                percents = known;
            }
            else if (distinctPercents.size() < 100_000) {
                distinctPercents.put(percents, percents);
            }
            results.add(score(scan, reads, distinct, percents, ichikadoSums));
        });
        return results;
    }

    private static ScanResult score(ScanRef scan, List<CtRead> reads, Map<CtScore, CtScore> distinct, Map<String, Double> patternPercents,
            IchikadoSums ichikadoSums)
    {
        Map<String, CtScore> byReader = new TreeMap<>();
        reads.stream().sorted(Comparator.comparing(CtRead::reader)).forEach(read -> byReader.put(read.reader(), shared(
                read instanceof IchikadoRead ichikado ? ichikadoSums.score(List.of(ichikado)) : read.score(), distinct)));
        CtScore consensus;
        if (reads.stream().allMatch(IchikadoRead.class::isInstance)) {
            consensus = shared(ichikadoSums.score(reads.stream().map(IchikadoRead.class::cast).toList()), distinct);
        }
        else {
            consensus = shared(exactConsensus(reads).orElseGet(() -> CtScore.mean(List.copyOf(byReader.values()))), distinct);
        }
        return new ScanResult(scan, byReader, consensus, patternPercents);
    }

    /**
     * Ichikado scores from the integer sums of their zone scores: a read's score is {@link
     * IchikadoRead#score()} (its six zone scores' mean) and several reads' is {@link
     * #exactConsensus(List)}, the same doubles, but each distinct zone estimate is scored once and
     * each distinct score built once (a 100,000-patient series has 3.6 million zones and a few
     * hundred distinct estimates; scoring each zone through its map was a sixth of the analysis).
     */
    static final class IchikadoSums
    {
        private static final IchikadoPattern.Component[] COMPONENTS = IchikadoPattern.Component.values();
        private static final int MAX_KEPT = 100_000;

        /** A score's sums over its zones: the total, then each component's in their order. */
        private record Sums(int zones, long total, long normal, long nonFibrotic, long fibrotic) {}

        /** Each zone estimate's score then its components', by instance: the import keeps one instance of each estimate. */
        private final Map<ZoneExtent, int[]> zoneScores = new IdentityHashMap<>();
        private final Map<Sums, CtScore> scores = new HashMap<>();

        CtScore score(List<IchikadoRead> reads)
        {
            long[] sums = new long[1 + COMPONENTS.length];
            int zones = 0;
            for (IchikadoRead read : reads) {
                for (ZoneExtent zone : read.zones()) {
                    int[] zoneScore = zoneScore(zone);
                    for (int i = 0; i < sums.length; i++) {
                        sums[i] += zoneScore[i];
                    }
                    zones++;
                }
            }
            Sums key = new Sums(zones, sums[0], sums[1], sums[2], sums[3]);
            CtScore score = scores.get(key);
            if (score == null) {
                // as IntStream.average and exactConsensus divide: the long sum by the count as a double
                double denominator = zones;
                Map<String, Double> components = new LinkedHashMap<>();
                for (int i = 0; i < COMPONENTS.length; i++) {
                    components.put(COMPONENTS[i].variable(), sums[i + 1] / denominator);
                }
                score = new CtScore(sums[0] / denominator, components);
                if (scores.size() < MAX_KEPT) {
                    scores.put(key, score);
                }
            }
            return score;
        }

        private int[] zoneScore(ZoneExtent zone)
        {
            int[] score = zoneScores.get(zone);
            if (score == null) {
                score = new int[1 + COMPONENTS.length];
                score[0] = zone.score();
                for (int i = 0; i < COMPONENTS.length; i++) {
                    score[i + 1] = zone.score(COMPONENTS[i]);
                }
                if (zoneScores.size() < MAX_KEPT) {
                    zoneScores.put(zone, score);
                }
            }
            return score;
        }
    }

    /** The kept instance equal to {@code score}; a bounded table, so that all-distinct scores do not grow it without use. */
    private static CtScore shared(CtScore score, Map<CtScore, CtScore> distinct)
    {
        CtScore known = distinct.get(score);
        if (known != null) {
            return known;
        }
        if (distinct.size() < 100_000) {
            distinct.put(score, score);
        }
        return score;
    }

    static java.util.Optional<CtScore> exactConsensus(List<? extends CtRead> reads)
    {
        if (!reads.isEmpty() && reads.stream().allMatch(IchikadoRead.class::isInstance)) {
            List<IchikadoRead> ichikado = reads.stream().map(IchikadoRead.class::cast).toList();
            double denominator = 6.0 * ichikado.size();
            long total = ichikado.stream().flatMap(read -> read.zones().stream()).mapToLong(zone -> zone.score()).sum();
            Map<String, Double> components = new LinkedHashMap<>();
            for (IchikadoPattern.Component component : IchikadoPattern.Component.values()) {
                long sum = ichikado.stream().flatMap(read -> read.zones().stream()).mapToLong(zone -> zone.score(component)).sum();
                components.put(component.variable(), sum / denominator);
            }
            return java.util.Optional.of(new CtScore(total / denominator, components));
        }
        if (!reads.isEmpty() && reads.stream().allMatch(org.casebook.ctscore.KazerooniRead.class::isInstance)) {
            List<org.casebook.ctscore.KazerooniRead> kazerooni = reads.stream().map(org.casebook.ctscore.KazerooniRead.class::cast).toList();
            double denominator = 5.0 * kazerooni.size();
            long alveolar = kazerooni.stream().flatMap(read -> read.lobes().stream()).mapToLong(lobe -> lobe.alveolar()).sum();
            long interstitial = kazerooni.stream().flatMap(read -> read.lobes().stream()).mapToLong(lobe -> lobe.interstitial()).sum();
            Map<String, Double> components = new LinkedHashMap<>();
            components.put("ct_alveolar", alveolar / denominator);
            components.put("ct_interstitial", interstitial / denominator);
            return java.util.Optional.of(new CtScore((alveolar + interstitial) / denominator, components));
        }
        return java.util.Optional.empty();
    }

    private static Map<String, Double> patternPercents(List<CtRead> reads)
    {
        Map<String, Double> percents = new LinkedHashMap<>();
        List<IchikadoRead> ichikado = reads.stream().filter(IchikadoRead.class::isInstance).map(IchikadoRead.class::cast).toList();
        if (ichikado.isEmpty()) {
            return percents;
        }
        IchikadoPattern[] patterns = IchikadoPattern.values();
        // each read's mean percents as IchikadoRead.meanPercents computes them (an int sum over its zones / their count)
        double[][] perRead = new double[ichikado.size()][patterns.length];
        for (int r = 0; r < perRead.length; r++) {
            List<ZoneExtent> zones = ichikado.get(r).zones();
            for (int p = 0; p < patterns.length; p++) {
                long sum = 0;
                for (ZoneExtent zone : zones) {
                    sum += zone.percent(patterns[p]);
                }
                perRead[r][p] = (double) sum / zones.size();
            }
        }
        for (int p = 0; p < patterns.length; p++) {
            int pattern = p;
            // averaged across the reads as before (DoubleStream.average's compensated sum), so the doubles stay the same
            percents.put(patterns[p].column(), java.util.Arrays.stream(perRead).mapToDouble(means -> means[pattern]).average().orElseThrow());
        }
        return percents;
    }
}
