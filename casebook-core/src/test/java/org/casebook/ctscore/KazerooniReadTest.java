package org.casebook.ctscore;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KazerooniReadTest
{
    private static final ScanRef SCAN = new ScanRef("P01", "before");

    @Test
    void totalIsMeanAlveolarPlusMeanInterstitial()
    {
        // alveolar 1,2,3,0,4 → mean 2.0; interstitial 2,2,3,1,2 → mean 2.0; total 4.0
        KazerooniRead read = new KazerooniRead(SCAN, "R1", List.of(
                new KazerooniLobeScore(KazerooniLobe.RUL, 1, 2),
                new KazerooniLobeScore(KazerooniLobe.RML, 2, 2),
                new KazerooniLobeScore(KazerooniLobe.RLL, 3, 3),
                new KazerooniLobeScore(KazerooniLobe.LUL, 0, 1),
                new KazerooniLobeScore(KazerooniLobe.LLL, 4, 2)));
        CtScore score = read.score();
        assertThat(score.total()).isCloseTo(4.0, within(1e-12));
        assertThat(score.components()).containsEntry("ct_alveolar", 2.0).containsEntry("ct_interstitial", 2.0);
    }

    @Test
    void rangeIsZeroToTen()
    {
        List<KazerooniLobeScore> worst = java.util.Arrays.stream(KazerooniLobe.values()).map(lobe -> new KazerooniLobeScore(lobe, 5, 5)).toList();
        List<KazerooniLobeScore> clear = java.util.Arrays.stream(KazerooniLobe.values()).map(lobe -> new KazerooniLobeScore(lobe, 0, 0)).toList();
        assertThat(new KazerooniRead(SCAN, "R1", worst).score().total()).isEqualTo(10.0);
        assertThat(new KazerooniRead(SCAN, "R1", clear).score().total()).isEqualTo(0.0);
    }

    @Test
    void rejectsGradesOutsideZeroToFiveAndMissingLobes()
    {
        assertThatThrownBy(() -> new KazerooniLobeScore(KazerooniLobe.RUL, 6, 0)).hasMessageContaining("alveolar must be 0–5, was 6");
        assertThatThrownBy(() -> new KazerooniRead(SCAN, "R1", List.of(new KazerooniLobeScore(KazerooniLobe.RUL, 1, 1))))
                .hasMessageContaining("missing lobe(s)");
    }

    @Test
    void systemsAreChosenByName()
    {
        assertThat(CtScoringSystem.forName("kazerooni").maxTotal()).isEqualTo(10);
        assertThat(CtScoringSystem.forName("ichikado").components()).containsExactly("ct_normal", "ct_nonfibrotic", "ct_fibrotic");
        assertThatThrownBy(() -> CtScoringSystem.forName("warrick")).hasMessageContaining("unknown CT scoring system 'warrick'");
    }
}
