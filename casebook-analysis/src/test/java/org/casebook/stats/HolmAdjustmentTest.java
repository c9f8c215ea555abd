package org.casebook.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** References from R 4.2.2, options(digits = 17). */
class HolmAdjustmentTest
{
    private static final double TOLERANCE = 1e-12;

    @Test
    void runningMaximumCarriesForward()
    {
        // p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), method = "holm")  ->  0.05 0.08 0.09 0.09 0.09
        assertThat(HolmAdjustment.adjust(new double[] {0.01, 0.02, 0.03, 0.04, 0.05}))
                .containsExactly(new double[] {0.050000000000000003, 0.080000000000000002, 0.089999999999999997,
                        0.089999999999999997, 0.089999999999999997}, within(TOLERANCE));
    }

    @Test
    void capsAtOneAndKeepsInputOrder()
    {
        // p.adjust(c(0.6, 0.04, 0.8, 0.01), method = "holm")  ->  1 0.12 1 0.04
        assertThat(HolmAdjustment.adjust(new double[] {0.6, 0.04, 0.8, 0.01}))
                .containsExactly(new double[] {1.0, 0.119999999999999996, 1.0, 0.040000000000000001}, within(TOLERANCE));
    }

    @Test
    void tiedPValues()
    {
        // p.adjust(c(0.03, 0.01, 0.03, 0.2), method = "holm")  ->  0.09 0.04 0.09 0.2
        assertThat(HolmAdjustment.adjust(new double[] {0.03, 0.01, 0.03, 0.2}))
                .containsExactly(new double[] {0.089999999999999997, 0.040000000000000001, 0.089999999999999997,
                        0.200000000000000011}, within(TOLERANCE));
    }

    @Test
    void singleOrNoPValueIsUnchanged()
    {
        assertThat(HolmAdjustment.adjust(new double[] {0.03})).containsExactly(0.03);
        assertThat(HolmAdjustment.adjust(new double[0])).isEmpty();
    }

    @Test
    void rejectsValuesOutsideUnitInterval()
    {
        assertThatThrownBy(() -> HolmAdjustment.adjust(new double[] {0.2, 1.5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> HolmAdjustment.adjust(new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
