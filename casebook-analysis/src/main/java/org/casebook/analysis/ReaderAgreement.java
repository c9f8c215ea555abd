package org.casebook.analysis;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.casebook.stats.IccResult;
import org.casebook.stats.IntraclassCorrelation;

/**
 * Inter-reader agreement on per-scan totals: one subject per scan (patient × time point, pooled
 * over time points), only scans read by every reader.
 */
final class ReaderAgreement
{
    private ReaderAgreement() {}

    static Optional<CtAgreement> compute(List<ScanResult> scans)
    {
        TreeSet<String> readers = new TreeSet<>();
        scans.forEach(scan -> readers.addAll(scan.byReader().keySet()));
        List<ScanResult> complete = scans.stream().filter(scan -> scan.byReader().keySet().containsAll(readers)).toList();
        if (readers.size() < 2 || complete.size() < 2) {
            return Optional.empty();
        }
        double[][] ratings = new double[complete.size()][];
        for (int i = 0; i < complete.size(); i++) {
            ScanResult scan = complete.get(i);
            ratings[i] = readers.stream().mapToDouble(reader -> scan.byReader().get(reader).total()).toArray();
        }
        return Optional.of(icc(ratings, complete.size(), readers.size()));
    }

    private static CtAgreement icc(double[][] ratings, int scans, int readers)
    {
        IccResult result = IntraclassCorrelation.compute(ratings);
        return new CtAgreement(result.icc(), result.ciLow(), result.ciHigh(), result.nSubjects(), result.nRaters());
    }
}
