package org.casebook.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.casebook.ctscore.CtRead;
import org.casebook.ctscore.CtScore;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.ScanRef;
import org.casebook.casedata.CaseWorkbook;

/**
 * Scores every scan of a workbook under the protocol's system, reader by reader and by consensus
 * (the mean of the readers). Both are exact fractions ({@link CtScore}): two scans with the same
 * consensus are equal, and ties between patients are not split by round-off.
 */
final class ScanScoring
{
    private ScanScoring() {}

    static List<ScanResult> score(CtScoringSystem system, CaseWorkbook workbook)
    {
        return score(system, workbook, SLICE);
    }

    /** As {@link #score(CtScoringSystem, CaseWorkbook)}, {@code slice} scans to a slice. */
    static List<ScanResult> score(CtScoringSystem system, CaseWorkbook workbook, int slice)
    {
        Map<ScanRef, List<CtRead>> readsByScan = new LinkedHashMap<>();
        for (CtRead read : system.reads(workbook)) {
            readsByScan.computeIfAbsent(read.scan(), scan -> new ArrayList<>()).add(read);
        }
        // the scans scored in slices on every core, each slice with tables of its own; the slices in order
        List<Map.Entry<ScanRef, List<CtRead>>> scans = List.copyOf(readsByScan.entrySet());
        int slices = (int) ((scans.size() + (long) slice - 1) / slice);
        return IntStream.range(0, slices).parallel()
                .mapToObj(index -> score(scans.subList(index * slice, (int) Math.min(scans.size(), (index + 1L) * slice))))
                .flatMap(List::stream)
                .toList();
    }

    /** Scans per slice scored on one thread. */
    private static final int SLICE = 10_000;

    private static List<ScanResult> score(List<Map.Entry<ScanRef, List<CtRead>>> scans)
    {
        List<ScanResult> results = new ArrayList<>(scans.size());
        // Scores repeat (a few thousand distinct totals and components across a large series), and
        // each holds a map: one instance of each equal score is kept, not three per scan.
        Map<CtScore, CtScore> distinct = new HashMap<>();
        Map<List<String>, String[]> keyLists = new HashMap<>();
        Map<Map<String, Double>, Map<String, Double>> distinctPercents = new HashMap<>();
        IchikadoSums ichikadoSums = new IchikadoSums();
        for (Map.Entry<ScanRef, List<CtRead>> entry : scans) {
            List<CtRead> reads = entry.getValue();
            Map<String, Double> percents = OrderedValues.of(patternPercents(reads, ichikadoSums), keyLists);
            Map<String, Double> known = distinctPercents.get(percents);
            if (known != null) {
                percents = known;
            }
            else if (distinctPercents.size() < 100_000) {
                distinctPercents.put(percents, percents);
            }
            results.add(score(entry.getKey(), reads, distinct, percents, ichikadoSums));
        }
        return results;
    }

    private static ScanResult score(ScanRef scan, List<CtRead> reads, Map<CtScore, CtScore> distinct, Map<String, Double> patternPercents,
            IchikadoSums ichikadoSums)
    {
        Map<String, CtScore> byReader = new TreeMap<>();
        reads.stream().sorted(Comparator.comparing(CtRead::reader))
                .forEach(read -> byReader.put(read.reader(), shared(read instanceof IchikadoRead ichikado ? ichikadoSums.score(ichikado) : read.score(), distinct)));
        CtScore consensus;
        // Ichikado reads, one per reader: their mean from the sums over all their zones, the same fraction as the mean of their scores
        if (byReader.size() == reads.size() && reads.stream().allMatch(IchikadoRead.class::isInstance)) {
            consensus = shared(ichikadoSums.score(reads.stream().map(IchikadoRead.class::cast).toList()), distinct);
        }
        else {
            consensus = shared(CtScore.mean(List.copyOf(byReader.values())), distinct);
        }
        return new ScanResult(scan, byReader, consensus, patternPercents);
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

    /** The mean over the Ichikado reads of each read's mean percent per pattern ({@link IchikadoRead#meanPercents()}). */
    private static Map<String, Double> patternPercents(List<CtRead> reads, IchikadoSums ichikadoSums)
    {
        Map<String, Double> percents = new LinkedHashMap<>();
        List<double[]> perRead = new ArrayList<>(reads.size());
        for (CtRead read : reads) {
            if (read instanceof IchikadoRead ichikado) {
                perRead.add(ichikadoSums.meanPercents(ichikado));
            }
        }
        if (perRead.isEmpty()) {
            return percents;
        }
        IchikadoPattern[] patterns = IchikadoPattern.values();
        double[] values = new double[perRead.size()];
        for (int pattern = 0; pattern < patterns.length; pattern++) {
            for (int read = 0; read < values.length; read++) {
                values[read] = perRead.get(read)[pattern];
            }
            // a DoubleStream's average, as before: its compensated sum
            percents.put(patterns[pattern].column(), Arrays.stream(values).average().orElseThrow());
        }
        return percents;
    }
}
