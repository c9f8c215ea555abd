package org.casebook.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.casebook.stats.BlandAltman;
import org.casebook.stats.IccResult;
import org.casebook.stats.IntraclassCorrelation;

/**
 * Inter-reader agreement on per-scan totals. The readers used are the protocol's planned number
 * (at least 2) with the most reads, so that a third reader or an adjudicator who read a few scans
 * does not shrink the agreement to those scans; {@link AgreementDetails} names them. Pooled: one
 * subject per scan (patient × time point) read by every used reader; per time point: the same
 * within each time point; Bland–Altman for two readers.
 */
final class ReaderAgreement
{
    private ReaderAgreement() {}

    static Optional<CtAgreement> compute(List<ScanResult> scans)
    {
        return compute(scans, 2, List.of()).map(Agreement::pooled);
    }

    record Agreement(CtAgreement pooled, AgreementDetails details) {}

    static Optional<Agreement> compute(List<ScanResult> scans, int plannedReaders, List<String> timepoints)
    {
        Map<String, Integer> readCounts = new TreeMap<>();
        scans.forEach(scan -> scan.byReader().keySet().forEach(reader -> readCounts.merge(reader, 1, Integer::sum)));
        List<String> ranked = readCounts.keySet().stream()
                .sorted(Comparator.comparing((String reader) -> -readCounts.get(reader)).thenComparing(Comparator.naturalOrder()))
                .toList();
        int used = Math.min(ranked.size(), Math.max(2, plannedReaders));
        List<String> readers = ranked.subList(0, used).stream().sorted().toList();
        List<ScanResult> complete = scans.stream().filter(scan -> scan.byReader().keySet().containsAll(readers)).toList();
        if (readers.size() < 2 || complete.size() < 2) {
            return Optional.empty();
        }
        IccResult pooled = IntraclassCorrelation.compute(ratings(complete, readers));
        Map<String, IccResult> byTimepoint = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(timepoints);
        complete.stream().map(scan -> scan.scan().timepoint()).distinct().filter(tp -> !order.contains(tp)).forEach(order::add);
        for (String timepoint : order) {
            List<ScanResult> atTimepoint = complete.stream().filter(scan -> scan.scan().timepoint().equals(timepoint)).toList();
            if (atTimepoint.size() >= 2) {
                byTimepoint.put(timepoint, IntraclassCorrelation.compute(ratings(atTimepoint, readers)));
            }
        }
        Optional<BlandAltman.Result> blandAltman = Optional.empty();
        if (readers.size() == 2) {
            // on the exact totals: the bias is a mean of sixths
            blandAltman = Optional.of(BlandAltman.ofExact(
                    complete.stream().map(scan -> scan.byReader().get(readers.get(0)).exactTotal()).toList(),
                    complete.stream().map(scan -> scan.byReader().get(readers.get(1)).exactTotal()).toList()));
        }
        Map<String, Integer> notUsed = new TreeMap<>(readCounts);
        readers.forEach(notUsed::remove);
        AgreementDetails details = new AgreementDetails(readers, notUsed, complete.size(), scans.size() - complete.size(), byTimepoint, blandAltman);
        CtAgreement agreement = new CtAgreement(pooled.icc(), pooled.ciLow(), pooled.ciHigh(), pooled.nSubjects(), pooled.nRaters());
        return Optional.of(new Agreement(agreement, details));
    }

    private static double[][] ratings(List<ScanResult> scans, List<String> readers)
    {
        double[][] ratings = new double[scans.size()][];
        for (int i = 0; i < scans.size(); i++) {
            ScanResult scan = scans.get(i);
            ratings[i] = readers.stream().mapToDouble(reader -> scan.byReader().get(reader).total()).toArray();
        }
        return ratings;
    }
}
