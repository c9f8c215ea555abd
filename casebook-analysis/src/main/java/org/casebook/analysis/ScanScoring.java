package org.casebook.analysis;

import java.util.ArrayList;
import java.util.Comparator;
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

/** Scores every scan of a workbook under the protocol's system, reader by reader and by consensus. */
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
        readsByScan.forEach((scan, reads) -> results.add(score(scan, reads)));
        return results;
    }

    private static ScanResult score(ScanRef scan, List<CtRead> reads)
    {
        Map<String, CtScore> byReader = new TreeMap<>();
        reads.stream().sorted(Comparator.comparing(CtRead::reader)).forEach(read -> byReader.put(read.reader(), read.score()));
        CtScore consensus = CtScore.mean(List.copyOf(byReader.values()));
        return new ScanResult(scan, byReader, consensus, patternPercents(reads));
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
