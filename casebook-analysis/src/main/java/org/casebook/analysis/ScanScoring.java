package org.casebook.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
        readsByScan.forEach((scan, reads) -> {
            Map<String, Double> percents = OrderedValues.of(patternPercents(reads), keyLists);
            Map<String, Double> known = distinctPercents.get(percents);
            if (known != null) {
                percents = known;
            }
            else if (distinctPercents.size() < 100_000) {
                distinctPercents.put(percents, percents);
            }
            results.add(score(scan, reads, distinct, percents));
        });
        return results;
    }

    private static ScanResult score(ScanRef scan, List<CtRead> reads, Map<CtScore, CtScore> distinct, Map<String, Double> patternPercents)
    {
        Map<String, CtScore> byReader = new TreeMap<>();
        reads.stream().sorted(Comparator.comparing(CtRead::reader)).forEach(read -> byReader.put(read.reader(), shared(read.score(), distinct)));
        CtScore consensus = shared(exactConsensus(reads).orElseGet(() -> CtScore.mean(List.copyOf(byReader.values()))), distinct);
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
        List<Map<IchikadoPattern, Double>> perRead = ichikado.stream().map(IchikadoRead::meanPercents).toList();
        for (IchikadoPattern pattern : IchikadoPattern.values()) {
            percents.put(pattern.column(), perRead.stream().mapToDouble(means -> means.get(pattern)).average().orElseThrow());
        }
        return percents;
    }
}
