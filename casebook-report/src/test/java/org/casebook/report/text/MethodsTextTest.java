package org.casebook.report.text;

import java.util.List;

import org.casebook.report.SeriesFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MethodsTextTest
{
    private static final List<String> TEXT = MethodsText.paragraphs(SeriesFixtures.sixPatientData());

    @Test
    void methodsNameDesignNScoreTimepointsReadersAndTests()
    {
        assertThat(TEXT.get(0)).startsWith("Methods. Retrospective case series of consecutive patients, data from medical records: 6 patients")
                .contains("between 2024-01-01 and 2024-12-31", "Ichikado score (100–600) at 3 time points", "before exacerbation, days -365 to -1",
                        "by 2 readers", "inter-reader ICC(2,1)", "Friedman test", "exploratory");
    }

    @Test
    void resultsGiveAgentsPulseCtFiguresAndCounts()
    {
        assertThat(TEXT.get(1)).contains(
                "The JAK inhibitor was baricitinib in 2, upadacitinib in 4 patients",
                "Methylprednisolone pulse therapy was given to 3/6",
                "PaO2/FiO2 rose from onset to after treatment in 6/6",
                "The total CT score was 179.2 ± 47.7 (before exacerbation) → 247.5 ± 49.3 (at onset) → 225.8 ± 56.4 (after treatment)",
                "%FVC fell in 3/5",
                "3/6 were discharged on home oxygen",
                "In 4/5 the prior JAK inhibitor had been stopped for an adverse event before onset, a median of 8 days (range 5–12)",
                "2 adverse events were recorded in 2 patients, 1 serious");
    }
}
