package org.casebook.stats;

/**
 * ICC(2,1) with its confidence interval and the two-way ANOVA mean squares it was computed from.
 *
 * @param icc ICC(A,1), absolute agreement of a single rater; NaN when every rating is identical
 * @param ciLow lower confidence bound (McGraw and Wong); NaN when undefined, see {@link IntraclassCorrelation}
 * @param ciHigh upper confidence bound; NaN when undefined
 * @param nSubjects subjects used (complete rows)
 * @param nRaters raters (columns)
 * @param meanSquareSubjects MSR, between subjects (rows), n − 1 df
 * @param meanSquareRaters MSC, between raters (columns), k − 1 df
 * @param meanSquareError MSE, residual, (n − 1)(k − 1) df
 */
public record IccResult(
        double icc,
        double ciLow,
        double ciHigh,
        int nSubjects,
        int nRaters,
        double meanSquareSubjects,
        double meanSquareRaters,
        double meanSquareError)
{
}
