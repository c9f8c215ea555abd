package org.casebook.ctscore;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.numbers.fraction.Fraction;

import static java.util.Objects.requireNonNull;

/**
 * A reader's Kazerooni read of one scan: one grade pair for each of the five lobes. Total = mean
 * alveolar + mean interstitial over the lobes (0–10).
 */
public record KazerooniRead(ScanRef scan, String reader, List<KazerooniLobeScore> lobes)
        implements CtRead
{
    public KazerooniRead
    {
        requireNonNull(scan, "scan is null");
        requireNonNull(reader, "reader is null");
        lobes = List.copyOf(requireNonNull(lobes, "lobes is null"));
        Set<KazerooniLobe> seen = EnumSet.noneOf(KazerooniLobe.class);
        for (KazerooniLobeScore lobe : lobes) {
            if (!seen.add(lobe.lobe())) {
                throw new IllegalArgumentException("lobe " + lobe.lobe() + " read twice");
            }
        }
        if (seen.size() != KazerooniLobe.values().length) {
            Set<KazerooniLobe> missing = EnumSet.allOf(KazerooniLobe.class);
            missing.removeAll(seen);
            throw new IllegalArgumentException("missing lobe(s) " + missing + "; a Kazerooni read needs all five lobes");
        }
    }

    @Override
    public CtScore score()
    {
        // fifths, exactly: in doubles 1/5 + 2/5 would be 0.6000000000000001, not the 3/5 of a read with 3/5 + 0
        Fraction alveolar = Fraction.of(lobes.stream().mapToInt(KazerooniLobeScore::alveolar).sum(), lobes.size());
        Fraction interstitial = Fraction.of(lobes.stream().mapToInt(KazerooniLobeScore::interstitial).sum(), lobes.size());
        Map<String, Fraction> components = new LinkedHashMap<>();
        components.put("ct_alveolar", alveolar);
        components.put("ct_interstitial", interstitial);
        return new CtScore(alveolar.add(interstitial), components);
    }

    @Override
    public ReadGrid grid()
    {
        return KazerooniScore.grid(lobes);
    }
}
