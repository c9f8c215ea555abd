package org.casebook.report.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures must survive greyscale printing. */
class ChartStyleTest
{
    @Test
    void sequentialPaletteGetsDarkerStepByStepInGrey()
    {
        double previous = Double.MAX_VALUE;
        for (Color colour : ChartStyle.SEQUENTIAL) {
            double grey = luminance(colour);
            assertThat(grey).isLessThan(previous - 0.05);
            previous = grey;
        }
    }

    @Test
    void patientLinesDifferInDashPatternAndMarkerFillNotOnlyInColour()
    {
        Set<String> styles = new HashSet<>();
        for (int i = 0; i < SpaghettiPlot.LEGEND_MAX; i++) {
            float[] dash = ((BasicStroke) ChartStyle.line(i, 1.8f)).getDashArray();
            styles.add(Arrays.toString(dash) + "/" + ChartStyle.filled(i));
        }
        assertThat(styles).hasSize(SpaghettiPlot.LEGEND_MAX);
    }

    @Test
    void everyFigureOfTheFixtureIsBuiltAndDrawsAsSvg()
    {
        StudyData data = SeriesFixtures.sixPatientData();
        List<Figure> figures = new java.util.ArrayList<>();
        SpaghettiPlot.of(data, "ct_total", "f1", "caption").ifPresent(figures::add);
        CompositionChart.of(data, "f2", "caption").ifPresent(figures::add);
        figures.addAll(SwimmerPlot.of(data, 3));
        SurvivalPlot.of(data, "f4", "caption").ifPresent(figures::add);
        assertThat(figures).hasSize(4);
        assertThat(figures).allSatisfy(figure -> assertThat(FigureRenderer.svg(figure)).startsWith("<svg").contains("</svg>"));
    }

    private static double luminance(Color colour)
    {
        return (0.2126 * colour.getRed() + 0.7152 * colour.getGreen() + 0.0722 * colour.getBlue()) / 255;
    }
}
