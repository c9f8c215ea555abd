package org.casebook.report.figure;

import java.util.List;

import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture's readers A and B differ by exactly 10 on every scan (B reads 10 higher): bias −10,
 * SD 0, limits of agreement −10 to −10 (R: {@code d <- rep(-10, 18); mean(d); sd(d)} → −10, 0).
 * Perfect-agreement-like data must still give a drawable plot with readable numbers.
 */
class BlandAltmanPlotTest
{
    @Test
    void plotsEveryScanReadByBothReadersWithBiasAndLimits()
    {
        Figure figure = BlandAltmanPlot.of(SeriesFixtures.sixPatientData(), "figure9_bland_altman", "Figure 9. Bland–Altman:").orElseThrow();

        assertThat(figure.caption()).startsWith("Figure 9. Bland–Altman: CT total, A − B, against the mean of the two reads, 18 scans: "
                + "bias -10.0 (95% CI -10.0 to -10.0), 95% limits of agreement -10.0 to -10.0 (dashed).")
                .contains("Agreement between readers A and B on the 18 scans both read.")
                .doesNotContain("NaN");
        XYPlot plot = (XYPlot) figure.newChart().getPlot();
        assertThat(plot.getDataset().getItemCount(0)).isEqualTo(18);
        for (int i = 0; i < 18; i++) {
            assertThat(plot.getDataset().getYValue(0, i)).isEqualTo(-10.0);
        }
        assertThat(plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(3);
        assertThat(plot.getRangeAxis().getRange().contains(-10.0)).isTrue();
    }

    @Test
    void noPlotWithOneReader()
    {
        var cases = SeriesFixtures.sixPatients();
        var oneReader = new org.casebook.casedata.CaseWorkbook(cases.cases(), cases.measurements(), cases.ctStudies(),
                cases.ichikadoReads().stream().filter(read -> read.reader().equals("A")).toList(), List.of(), List.of());
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, oneReader);

        assertThat(BlandAltmanPlot.of(data, "f", "F.")).isEmpty();
    }
}
