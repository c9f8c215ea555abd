package org.casebook.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

import org.casebook.ctscore.CtScore;
import org.casebook.ctscore.ScanRef;

import static java.util.Objects.requireNonNull;

/**
 * One scan's scores: each reader's and the consensus (the mean of the readers, the study's
 * rule), plus for Ichikado reads the mean percent of lung in each pattern (for composition charts;
 * empty for other systems).
 */
public record ScanResult(ScanRef scan, Map<String, CtScore> byReader, CtScore consensus, Map<String, Double> patternPercents)
{
    public ScanResult
    {
        requireNonNull(scan, "scan is null");
        byReader = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(byReader, "byReader is null")));
        requireNonNull(consensus, "consensus is null");
        // an OrderedValues is unmodifiable already, and often shared between scans with equal percents
        patternPercents = requireNonNull(patternPercents, "patternPercents is null") instanceof OrderedValues
                ? patternPercents
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(patternPercents));
    }
}
