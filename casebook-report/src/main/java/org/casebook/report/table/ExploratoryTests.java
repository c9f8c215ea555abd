package org.casebook.report.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.analysis.PatientResult;
import org.casebook.ctscore.CtScore;
import org.casebook.report.StudyData;
import org.casebook.stats.FriedmanTest;
import org.casebook.stats.HodgesLehmann;
import org.casebook.stats.HolmAdjustment;
import org.casebook.stats.PairedTTest;
import org.casebook.stats.WilcoxonSignedRank;

import static java.util.Objects.requireNonNull;

/**
 * The pre-specified exploratory tests of Table 3 for one variable, from the analysis' per-patient
 * values. Ties and zero differences are decided on values rounded to the data's precision
 * ({@link #decimals}); CT scores are exact fractions (sixths, twelfths), and their values and
 * paired differences are rounded to {@link #MAX_DECIMALS} places from the exact values, finer than
 * any score's grid, so that equal scores always tie and a zero difference is exactly zero.
 * Friedman across all time points (patients with a value at every one; exact
 * permutation p for small series), and for every pair of time points the paired Wilcoxon
 * signed-rank test (exact, conditional on ties, below 50 pairs: {@link WilcoxonSignedRank#testAtPrecision}),
 * Holm-adjusted over the pairs of the variable, with the Hodges–Lehmann median difference and its
 * exact CI; the paired t-test beside it is a sensitivity analysis. No test is run on fewer than
 * {@link #MIN_PAIRS} pairs; the reason is kept.
 */
public final class ExploratoryTests
{
    public static final int MIN_PAIRS = 5;

    /** Decimal places the data are rounded to before ties are decided, at most this many (CT scores in twelfths). */
    public static final int MAX_DECIMALS = 6;

    /** Friedman across the time points: the result, or why there is none. */
    public record Friedman(Optional<FriedmanTest.Result> result, String reason) {}

    /**
     * One pair of time points: the pairs compared and the tests, each absent with a reason when not run.
     *
     * @param holmP Holm-adjusted Wilcoxon p over the variable's tested pairs
     */
    public record Pairwise(String from, String to, int pairs, Optional<WilcoxonSignedRank.Result> wilcoxon, Optional<Double> holmP,
            Optional<PairedTTest.Result> tTest, String reason, Optional<HodgesLehmann.Result> hodgesLehmann)
    {
        public Pairwise
        {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(hodgesLehmann, "hodgesLehmann is null");
        }
    }

    /**
     * The precision the values were recorded at: the most decimal places any value has as written
     * (its shortest decimal form), at most {@link #MAX_DECIMALS}. CT scores that are sixths or
     * twelfths have no finite decimal form and get {@link #MAX_DECIMALS}, finer than their grid and
     * coarser than binary round-off.
     */
    public static int decimals(double... values)
    {
        int decimals = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                decimals = Math.max(decimals, Math.max(0, java.math.BigDecimal.valueOf(value).stripTrailingZeros().scale()));
            }
        }
        return Math.min(decimals, MAX_DECIMALS);
    }

    private ExploratoryTests() {}

    public static Friedman friedman(StudyData data, String variable)
    {
        List<String> timepoints = data.protocol().timepointNames();
        List<double[]> blocks = new ArrayList<>();
        boolean ctScore = false;
        for (PatientResult patient : data.results().patients()) {
            double[] row = new double[timepoints.size()];
            for (int t = 0; t < row.length; t++) {
                Optional<Fraction> exact = patient.findScore(timepoints.get(t), variable);
                ctScore |= exact.isPresent();
                row[t] = exact.isPresent() ? atMaxDecimals(exact.get()) : data.value(patient, timepoints.get(t), variable).orElse(Double.NaN);
            }
            if (java.util.Arrays.stream(row).noneMatch(Double::isNaN)) {
                blocks.add(row);
            }
        }
        if (timepoints.size() < 3) {
            return new Friedman(Optional.empty(), "fewer than 3 time points");
        }
        if (blocks.size() < MIN_PAIRS) {
            return new Friedman(Optional.empty(), "n < " + MIN_PAIRS + " (" + blocks.size() + " patient" + (blocks.size() == 1 ? "" : "s")
                    + " with all time points)");
        }
        double[][] rows = blocks.toArray(double[][]::new);
        int decimals = ctScore ? MAX_DECIMALS : decimals(java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray());
        FriedmanTest.Result result = FriedmanTest.testAtPrecision(rows, decimals);
        if (Double.isNaN(result.pValue())) {
            return new Friedman(Optional.empty(), "all values tied within patients");
        }
        return new Friedman(Optional.of(result), "");
    }

    /** An exact CT score rounded half up to {@link #MAX_DECIMALS} places (from the fraction, not from its double). */
    private static double atMaxDecimals(Fraction score)
    {
        return CtScore.decimal(score, MAX_DECIMALS).doubleValue();
    }

    /** Every pair of time points (earlier, later) in protocol order with at least one patient having both. */
    public static List<Pairwise> pairwise(StudyData data, String variable)
    {
        List<String> timepoints = data.protocol().timepointNames();
        List<Pairwise> untested = new ArrayList<>();
        for (int i = 0; i < timepoints.size(); i++) {
            for (int j = i + 1; j < timepoints.size(); j++) {
                Pairwise pair = pair(data, variable, timepoints.get(i), timepoints.get(j));
                if (pair.pairs() > 0) {
                    untested.add(pair);
                }
            }
        }
        return withHolm(untested);
    }

    private static Pairwise pair(StudyData data, String variable, String from, String to)
    {
        List<double[]> pairs = new ArrayList<>();
        List<Fraction> exactDifferences = new ArrayList<>();
        for (PatientResult patient : data.results().patients()) {
            Optional<Double> earlier = data.value(patient, from, variable);
            Optional<Double> later = data.value(patient, to, variable);
            if (earlier.isPresent() && later.isPresent()) {
                pairs.add(new double[] {later.get(), earlier.get()});
                Optional<Fraction> exactEarlier = patient.findScore(from, variable);
                Optional<Fraction> exactLater = patient.findScore(to, variable);
                if (exactEarlier.isPresent() && exactLater.isPresent()) {
                    exactDifferences.add(exactLater.get().subtract(exactEarlier.get()));
                }
            }
        }
        if (pairs.size() < MIN_PAIRS) {
            return new Pairwise(from, to, pairs.size(), Optional.empty(), Optional.empty(), Optional.empty(),
                    "not tested: n < " + MIN_PAIRS + " (" + pairs.size() + " pair" + (pairs.size() == 1 ? "" : "s") + ")", Optional.empty());
        }
        double[] later = pairs.stream().mapToDouble(pair -> pair[0]).toArray();
        double[] earlier = pairs.stream().mapToDouble(pair -> pair[1]).toArray();
        WilcoxonSignedRank.Result wilcoxon;
        HodgesLehmann.Result hodgesLehmann;
        if (exactDifferences.size() == pairs.size()) {
            // CT scores: ties and zeros decided on the exact differences (rounded from them, never from a difference of
            // doubles); the Hodges–Lehmann estimate from their nearest doubles
            wilcoxon = WilcoxonSignedRank.testOfDifferences(exactDifferences.stream().mapToDouble(ExploratoryTests::atMaxDecimals).toArray(),
                    MAX_DECIMALS);
            hodgesLehmann = HodgesLehmann.ofDifferences(exactDifferences.stream().mapToDouble(Fraction::doubleValue).toArray());
        }
        else {
            int decimals = Math.max(decimals(later), decimals(earlier));
            wilcoxon = WilcoxonSignedRank.testAtPrecision(later, earlier, decimals);
            hodgesLehmann = HodgesLehmann.pairedDifference(later, earlier, decimals);
        }
        Optional<PairedTTest.Result> tTest;
        String reason = "";
        try {
            tTest = Optional.of(PairedTTest.test(later, earlier));
        }
        catch (IllegalArgumentException e) {
            tTest = Optional.empty();
            reason = "t-test not computed: differences are constant";
        }
        if (wilcoxon.findPValue().isEmpty()) {
            reason = "Wilcoxon not computed: all differences are zero";
        }
        return new Pairwise(from, to, pairs.size(), Optional.of(wilcoxon), Optional.empty(), tTest, reason, Optional.of(hodgesLehmann));
    }

    private static List<Pairwise> withHolm(List<Pairwise> pairs)
    {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).wilcoxon().flatMap(result -> boxed(result.findPValue())).isPresent()) {
                tested.add(i);
            }
        }
        double[] adjusted = HolmAdjustment.adjust(tested.stream().mapToDouble(i -> pairs.get(i).wilcoxon().orElseThrow().pValue()).toArray());
        List<Pairwise> result = new ArrayList<>(pairs);
        for (int k = 0; k < tested.size(); k++) {
            Pairwise pair = pairs.get(tested.get(k));
            result.set(tested.get(k), new Pairwise(pair.from(), pair.to(), pair.pairs(), pair.wilcoxon(), Optional.of(adjusted[k]), pair.tTest(),
                    pair.reason(), pair.hodgesLehmann()));
        }
        return result;
    }

    private static Optional<Double> boxed(java.util.OptionalDouble value)
    {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }
}
