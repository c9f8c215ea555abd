package org.casebook.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casebook.stats.BlandAltman;
import org.casebook.stats.IccResult;

import static java.util.Objects.requireNonNull;

/**
 * Inter-reader agreement in detail: which reads it used, ICC(2,1) per time point (a patient's
 * scans are not independent, so the pooled ICC is shown beside the per-time-point ones, not
 * instead of them), and for two readers the Bland–Altman bias and limits of agreement.
 *
 * @param readersUsed the readers whose reads enter the agreement (the protocol's planned number of
 *        readers with the most reads; ties by name)
 * @param readersNotUsed other readers (a third reader or an adjudicator) with how many reads each
 * @param scansUsed scans read by every used reader
 * @param scansLeftOut scans missing a read of some used reader
 * @param byTimepoint time point → ICC(2,1) over its scans read by every used reader (only with ≥ 2 such scans)
 * @param blandAltman reader 1 − reader 2 over the scans used, when exactly two readers are used
 */
public record AgreementDetails(
        List<String> readersUsed,
        Map<String, Integer> readersNotUsed,
        int scansUsed,
        int scansLeftOut,
        Map<String, IccResult> byTimepoint,
        Optional<BlandAltman.Result> blandAltman)
{
    public AgreementDetails
    {
        readersUsed = List.copyOf(readersUsed);
        readersNotUsed = Collections.unmodifiableMap(new LinkedHashMap<>(readersNotUsed));
        byTimepoint = Collections.unmodifiableMap(new LinkedHashMap<>(byTimepoint));
        requireNonNull(blandAltman, "blandAltman is null");
    }

    /** One sentence saying which reads the agreement used, e.g. for the methods and the table notes. */
    public String readsUsed()
    {
        StringBuilder text = new StringBuilder("Agreement between readers ").append(String.join(" and ", readersUsed))
                .append(" on the ").append(scansUsed).append(" scan").append(scansUsed == 1 ? "" : "s").append(" both read");
        if (readersUsed.size() > 2) {
            text.replace(text.length() - " both read".length(), text.length(), " all read");
        }
        if (scansLeftOut > 0) {
            text.append("; ").append(scansLeftOut).append(" scan").append(scansLeftOut == 1 ? "" : "s").append(" without every read left out");
        }
        if (!readersNotUsed.isEmpty()) {
            text.append("; not used: ");
            List<String> parts = readersNotUsed.entrySet().stream()
                    .map(entry -> entry.getKey() + " (" + entry.getValue() + " read" + (entry.getValue() == 1 ? "" : "s") + ")").toList();
            text.append(String.join(", ", parts)).append(", a further reader or adjudication");
        }
        return text.append('.').toString();
    }
}
