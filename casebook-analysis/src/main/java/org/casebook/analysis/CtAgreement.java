package org.casebook.analysis;

/**
 * Inter-reader agreement on per-scan CT totals: ICC(2,1) (two-way random effects, absolute
 * agreement, single rater) with its McGraw–Wong 95% CI, over the scans read by every reader.
 */
public record CtAgreement(double icc, double ciLow, double ciHigh, int scans, int readers)
{
    /** {@code ICC(2,1) 0.945 (95% CI 0.861–0.979)}, in words at perfect agreement or when not estimable (never NaN). */
    public String text()
    {
        return ResultsText.icc(icc, ciLow, ciHigh);
    }
}
