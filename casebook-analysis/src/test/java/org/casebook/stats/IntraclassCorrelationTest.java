package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * References: irr is not packaged for Debian, so the expected values come from R 4.2.2 running irr
 * 0.84.1's own code for {@code icc(ratings, model = "twoway", type = "agreement", unit = "single")},
 * written out in base R (options(digits = 17)):
 * <pre>
 * icc_a1 &lt;- function(ratings, conf.level = 0.95) {
 *   ratings &lt;- as.matrix(na.omit(ratings)); ns &lt;- nrow(ratings); nr &lt;- ncol(ratings)
 *   SStotal &lt;- var(as.numeric(ratings)) * (ns * nr - 1)
 *   MSr &lt;- var(apply(ratings, 1, mean)) * nr
 *   MSc &lt;- var(apply(ratings, 2, mean)) * ns
 *   MSe &lt;- (SStotal - MSr * (ns - 1) - MSc * (nr - 1))/((ns - 1) * (nr - 1))
 *   alpha &lt;- 1 - conf.level
 *   coeff &lt;- (MSr - MSe)/(MSr + (nr - 1) * MSe + (nr/ns) * (MSc - MSe))
 *   a &lt;- (nr * coeff)/(ns * (1 - coeff)); b &lt;- 1 + (nr * coeff * (ns - 1))/(ns * (1 - coeff))
 *   v &lt;- (a * MSc + b * MSe)^2/((a * MSc)^2/(nr - 1) + (b * MSe)^2/((ns - 1) * (nr - 1)))
 *   FL &lt;- qf(1 - alpha/2, ns - 1, v); FU &lt;- qf(1 - alpha/2, v, ns - 1)
 *   lbound &lt;- (ns * (MSr - FL * MSe))/(FL * (nr * MSc + (nr * ns - nr - ns) * MSe) + ns * MSr)
 *   ubound &lt;- (ns * (FU * MSr - MSe))/(nr * MSc + (nr * ns - nr - ns) * MSe + ns * FU * MSr)
 *   c(icc = coeff, lbound = lbound, ubound = ubound, MSr = MSr, MSc = MSc, MSe = MSe)
 * }
 * </pre>
 * The formulas were checked line by line against irr's icc() source text.
 */
class IntraclassCorrelationTest
{
    private static final double TOLERANCE_PERCENT = 1e-7;

    // Shrout and Fleiss (1979) 6 subjects x 4 judges; irr's documentation prints ICC(A,1) = 0.29, 0.019 < ICC < 0.761
    private static final double[][] SHROUT_FLEISS = {
            {9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};

    // CT scores, 5 patients x 3 readers
    private static final double[][] CT_SCORES = {
            {12, 13, 11}, {8, 8, 9}, {15, 14, 16}, {20, 22, 21}, {5, 6, 5}};

    @Test
    void shroutFleissMatchesIrr()
    {
        // sf <- cbind(c(9,6,8,7,10,6), c(2,1,4,1,5,2), c(5,3,6,2,6,4), c(8,2,8,6,9,7)); icc_a1(sf)
        IccResult result = IntraclassCorrelation.compute(SHROUT_FLEISS);

        assertThat(result.icc()).isCloseTo(0.289763779527559051, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.ciLow()).isCloseTo(0.018786513374712023, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.ciHigh()).isCloseTo(0.761084369648952985, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.meanSquareSubjects()).isCloseTo(11.241666666666667140, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.meanSquareRaters()).isCloseTo(32.486111111111114269, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.meanSquareError()).isCloseTo(1.019444444444443709, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.nSubjects()).isEqualTo(6);
        assertThat(result.nRaters()).isEqualTo(4);
    }

    @Test
    void ctScoresMatchIrr()
    {
        // ct <- cbind(c(12,8,15,20,5), c(13,8,14,22,6), c(11,9,16,21,5)); icc_a1(ct)
        IccResult result = IntraclassCorrelation.compute(CT_SCORES);

        assertThat(result.icc()).isCloseTo(0.98033958891867745, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.ciLow()).isCloseTo(0.91447525404430796, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.ciHigh()).isCloseTo(0.99775672280073913, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.meanSquareSubjects()).isCloseTo(110.5, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.meanSquareRaters()).isCloseTo(0.46666666666666634, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.meanSquareError()).isCloseTo(0.79999999999999771, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void rowWithMissingRatingIsDroppedLikeNaOmit()
    {
        // na <- cbind(c(12,8,15,NA,20,5), c(13,8,14,3,22,6), c(11,9,16,4,21,5)); icc_a1(na)  (same values as ct)
        double[][] withMissing = {
                {12, 13, 11}, {8, 8, 9}, {15, 14, 16}, {Double.NaN, 3, 4}, {20, 22, 21}, {5, 6, 5}};

        IccResult result = IntraclassCorrelation.compute(withMissing);

        assertThat(result.nSubjects()).isEqualTo(5);
        assertThat(result.icc()).isCloseTo(0.98033958891867745, withinPercentage(TOLERANCE_PERCENT));
        assertThat(result.ciLow()).isCloseTo(0.91447525404430796, withinPercentage(TOLERANCE_PERCENT));
    }

    @Test
    void perfectAgreementGivesOneWithUndefinedInterval()
    {
        // perfect <- cbind(1:4, 1:4, 1:4): MSc = MSe = 0, so a = Inf and v = NaN; irr's qf(.., NaN) gives NaN bounds
        IccResult result = IntraclassCorrelation.compute(new double[][] {{1, 1, 1}, {2, 2, 2}, {3, 3, 3}, {4, 4, 4}});

        assertThat(result.icc()).isEqualTo(1.0);
        assertThat(result.meanSquareError()).isZero();
        assertThat(result.meanSquareRaters()).isZero();
        assertThat(result.meanSquareSubjects()).isCloseTo(5.0, within(1e-12));
        assertThat(result.ciLow()).isNaN();
        assertThat(result.ciHigh()).isNaN();
    }

    @Test
    void identicalRatingsEverywhereGiveNaN()
    {
        IccResult result = IntraclassCorrelation.compute(new double[][] {{3, 3}, {3, 3}, {3, 3}});

        assertThat(result.icc()).isNaN();
        assertThat(result.ciLow()).isNaN();
    }

    @Test
    void rejectsTooFewSubjectsOrRaters()
    {
        assertThatThrownBy(() -> IntraclassCorrelation.compute(new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 subjects");
        assertThatThrownBy(() -> IntraclassCorrelation.compute(new double[][] {{1}, {2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 raters");
        assertThatThrownBy(() -> IntraclassCorrelation.compute(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1");
    }
}
