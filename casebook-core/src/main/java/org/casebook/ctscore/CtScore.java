package org.casebook.ctscore;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One scan's score under a scoring system: the total and its named components (for Ichikado
 * {@code ct_normal}, {@code ct_nonfibrotic}, {@code ct_fibrotic}, which add up to the total).
 */
public record CtScore(double total, Map<String, Double> components)
{
    public CtScore
    {
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(components, "components is null")));
    }

    /** The mean of several reads of one scan, component by component: the consensus of its readers. */
    public static CtScore mean(java.util.List<CtScore> scores)
    {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no scores to average");
        }
        double total = scores.stream().mapToDouble(CtScore::total).average().orElseThrow();
        Map<String, Double> components = new LinkedHashMap<>();
        for (String name : scores.get(0).components().keySet()) {
            components.put(name, scores.stream().mapToDouble(score -> score.components().get(name)).average().orElseThrow());
        }
        return new CtScore(total, components);
    }
}
