package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * References from R 4.2.2, options(digits = 17): {@code binom.test(k, n)$conf.int} (Clopper–Pearson)
 * and {@code prop.test(k, n, correct = FALSE)$conf.int} (Wilson).
 */
class ProportionIntervalTest
{
    private static final double TOLERANCE = 1e-9;

    private static void assertInterval(ProportionInterval.Result result, double low, double high)
    {
        assertThat(result.low()).isCloseTo(low, within(TOLERANCE));
        assertThat(result.high()).isCloseTo(high, within(TOLERANCE));
    }

    @Test
    void clopperPearson()
    {
        assertInterval(ProportionInterval.clopperPearson(6, 6), 0.54074187356009962, 1);   // binom.test(6, 6)
        assertInterval(ProportionInterval.clopperPearson(0, 5), 0, 0.52182375010498139);   // binom.test(0, 5)
        assertInterval(ProportionInterval.clopperPearson(3, 6), 0.11811724875702526, 0.88188275124297477);
        assertInterval(ProportionInterval.clopperPearson(4, 6), 0.22277809550351219, 0.95672813170725823);
        assertInterval(ProportionInterval.clopperPearson(1, 2), 0.012579117093425058, 0.987420882906574926);
        assertThat(ProportionInterval.clopperPearson(4, 6).estimate()).isEqualTo(4 / 6.0);
    }

    @Test
    void wilson()
    {
        assertInterval(ProportionInterval.wilson(6, 6), 0.60966571209783482, 1);           // prop.test(6, 6, correct = FALSE)
        assertInterval(ProportionInterval.wilson(0, 5), 0, 0.43448246478317465);
        assertInterval(ProportionInterval.wilson(3, 6), 0.18761630648265057, 0.81238369351734940);
        assertInterval(ProportionInterval.wilson(4, 6), 0.29999331513839206, 0.90322858889421964);
        assertInterval(ProportionInterval.wilson(1, 2), 0.094531205734230739, 0.905468794265769206);
    }

    @Test
    void rejectsImpossibleCounts()
    {
        assertThatThrownBy(() -> ProportionInterval.clopperPearson(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProportionInterval.wilson(7, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProportionInterval.clopperPearson(-1, 6)).isInstanceOf(IllegalArgumentException.class);
    }
}
