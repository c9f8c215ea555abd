package org.casebook.stats;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Selecting a Walsh average gives exactly the one a sort of every average gives, ties and zeros included. */
class WalshAveragesTest
{
    @Test
    void twoDifferencesHaveThreeAverages()
    {
        WalshAverages walsh = new WalshAverages(new double[] {3, -1});
        assertThat(walsh.count()).isEqualTo(3);
        assertThat(new double[] {walsh.select(1), walsh.select(2), walsh.select(3)}).containsExactly(-1, 1, 3);
    }

    @Test
    void everyOrderOfASmallSeriesIsTheSortedListing()
    {
        double[] d = {0.5, -2, 0, 0, 3.25, 0.5, 1.0 / 6, -1.0 / 12, 7};
        assertEveryOrderMatchesListing(d);
    }

    @Test
    void largeSeriesWithManyTiesSelectThroughBisectionAsTheListingDoes()
    {
        Random random = new Random(11);
        // 400 differences: 80,200 averages, beyond what is listed at once, so the bisection runs
        double[] tied = new double[400];
        for (int i = 0; i < tied.length; i++) {
            tied[i] = random.nextInt(21) - 10;
        }
        double[] sixths = new double[400];
        for (int i = 0; i < sixths.length; i++) {
            sixths[i] = (random.nextInt(600) - 200) / 6.0;
        }
        double[] spread = new double[400];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = random.nextGaussian() * 1e6;
        }
        for (double[] d : new double[][] {tied, sixths, spread}) {
            double[] listing = listing(d);
            WalshAverages walsh = new WalshAverages(d);
            for (long k : new long[] {1, 2, 1000, listing.length / 2, listing.length / 2 + 1, listing.length - 7, listing.length}) {
                assertThat(walsh.select(k)).as("order %d", k).isEqualTo(listing[(int) k - 1]);
            }
        }
    }

    @Test
    void allDifferencesEqualGiveThatValueAtEveryOrder()
    {
        double[] d = new double[300];
        Arrays.fill(d, 0.1);
        WalshAverages walsh = new WalshAverages(d);
        assertThat(walsh.select(1)).isEqualTo(0.1);
        assertThat(walsh.select(walsh.count() / 2)).isEqualTo(0.1);
        assertThat(walsh.select(walsh.count())).isEqualTo(0.1);
    }

    @Test
    void aHundredThousandPairsSelectWithoutListingFiveBillionAverages()
    {
        Random random = new Random(5);
        double[] d = new double[100_000];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(random.nextGaussian() * 300) / 10.0;
        }
        WalshAverages walsh = new WalshAverages(d);
        assertThat(walsh.count()).isEqualTo(5_000_050_000L);
        double median = walsh.select(walsh.count() / 2);
        // the k-th: at least k averages at most it and fewer than k below it, counted independently (a binary search per difference)
        assertThat(countAtMost(d, median)).isGreaterThanOrEqualTo(walsh.count() / 2);
        assertThat(countAtMost(d, Math.nextDown(median))).isLessThan(walsh.count() / 2);
        assertThat(median).isBetween(-1.0, 1.0);
    }

    @Test
    void anOrderOutsideTheAveragesIsRefused()
    {
        WalshAverages walsh = new WalshAverages(new double[] {1, 2});
        assertThatIllegalArgumentException().isThrownBy(() -> walsh.select(0));
        assertThatIllegalArgumentException().isThrownBy(() -> walsh.select(4));
    }

    private static void assertEveryOrderMatchesListing(double[] d)
    {
        double[] listing = listing(d);
        WalshAverages walsh = new WalshAverages(d);
        for (int k = 1; k <= listing.length; k++) {
            assertThat(walsh.select(k)).as("order %d", k).isEqualTo(listing[k - 1]);
        }
    }

    private static long countAtMost(double[] d, double average)
    {
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        long count = 0;
        for (int i = 0; i < sorted.length; i++) {
            int low = i;
            int high = sorted.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if ((sorted[i] + sorted[middle]) / 2 <= average) {
                    low = middle + 1;
                }
                else {
                    high = middle;
                }
            }
            count += low - i;
        }
        return count;
    }

    /** Every average listed and sorted: the definition, as the estimate was computed before. */
    private static double[] listing(double[] d)
    {
        double[] walsh = new double[d.length * (d.length + 1) / 2];
        int k = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i; j < d.length; j++) {
                walsh[k++] = (d[i] + d[j]) / 2;
            }
        }
        Arrays.sort(walsh);
        return walsh;
    }
}
