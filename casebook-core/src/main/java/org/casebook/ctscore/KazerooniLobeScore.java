package org.casebook.ctscore;

import static java.util.Objects.requireNonNull;

/**
 * One lobe's Kazerooni grades: alveolar (ground glass) 0–5 and interstitial (fibrosis) 0–5
 * (Kazerooni et al., AJR 1997).
 */
public record KazerooniLobeScore(KazerooniLobe lobe, int alveolar, int interstitial)
{
    public KazerooniLobeScore
    {
        requireNonNull(lobe, "lobe is null");
        if (alveolar < 0 || alveolar > 5) {
            throw new IllegalArgumentException("lobe " + lobe + ": alveolar must be 0–5, was " + alveolar);
        }
        if (interstitial < 0 || interstitial > 5) {
            throw new IllegalArgumentException("lobe " + lobe + ": interstitial must be 0–5, was " + interstitial);
        }
    }
}
