package org.casebook.report.figure;

import java.util.List;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.casebook.report.bench.ScaledSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SwimmerPlotTest
{
    @Test
    void eventsAreDaysFromOnset()
    {
        StudyData data = SeriesFixtures.sixPatientData();
        var events = SwimmerPlot.events(data, data.workbook().cases().get(0));
        assertThat(events.get(SwimmerPlot.Event.JAKI_STOP)).containsExactly(-9L);
        assertThat(events.get(SwimmerPlot.Event.ONSET)).containsExactly(0L);
        assertThat(events.get(SwimmerPlot.Event.PULSE)).containsExactly(1L);
        assertThat(events.get(SwimmerPlot.Event.JAKI_START)).containsExactly(3L);
        assertThat(events.get(SwimmerPlot.Event.CT)).containsExactly(-90L, 0L, 21L);
        assertThat(events.get(SwimmerPlot.Event.DISCHARGE_OXYGEN)).containsExactly(30L);
        assertThat(events.get(SwimmerPlot.Event.FOLLOWUP)).containsExactly(120L);
        assertThat(SwimmerPlot.events(data, data.workbook().cases().get(2)).get(SwimmerPlot.Event.DEATH)).containsExactly(45L);
    }

    @Test
    void seriesAreSplitIntoFiguresOfAtMostFortyPatients()
    {
        CaseWorkbook scaled = new ScaledSeries(SeriesFixtures.SEED, 7).scale(SeriesFixtures.sixPatients(), 85);
        List<Figure> figures = SwimmerPlot.of(StudyData.analyze(SeriesFixtures.SEED, scaled), 5);
        assertThat(figures).extracting(Figure::id).containsExactly("figure5_swimmer", "figure6_swimmer", "figure7_swimmer");
        assertThat(figures.get(0).caption()).contains("part 1 of 3: patients p1–p4-006");
        assertThat(figures.get(2).caption()).contains("part 3 of 3");
        assertThat(figures.get(0).height()).isGreaterThan(figures.get(2).height());
    }
}
