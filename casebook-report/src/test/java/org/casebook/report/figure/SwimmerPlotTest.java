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
    void theProtocolsTimelineGivesBarsAndMarkersInDaysFromDayZero()
    {
        StudyData data = SeriesFixtures.sixPatientData();
        var studies = SwimmerPlot.studiesByPatient(data);
        SwimmerPlot.Lane lane = SwimmerPlot.lane(data, data.workbook().cases().get(0), studies.get("p1"));
        assertThat(lane.name()).isEqualTo("P01");
        // the seed's report.timeline: the stay, the JAK inhibitor to the end of follow-up, a 3-day pulse
        assertThat(lane.bars()).containsExactly(new SwimmerPlot.Bar("hospital stay", 0, 30), new SwimmerPlot.Bar("JAK inhibitor", 3, 120),
                new SwimmerPlot.Bar("mPSL pulse (3 days)", 1, 3));
        assertThat(lane.markers().get("prior JAKi stopped")).containsExactly(-9L);
        assertThat(lane.markers().get("CT")).containsExactly(-90L, 0L, 21L);
        assertThat(lane.markers().get("last follow-up (alive)")).containsExactly(120L);
        assertThat(lane.start()).isEqualTo(-90);
        assertThat(lane.end()).isEqualTo(120);
        assertThat(SwimmerPlot.lane(data, data.workbook().cases().get(2), studies.get("p3")).markers().get("death")).containsExactly(45L);
    }

    @Test
    void anEarlyCtIsDrawnAtAnAxisBreakNotSettingTheScale()
    {
        List<Figure> figures = SwimmerPlot.of(SeriesFixtures.sixPatientData(), 5);
        assertThat(figures.get(0).caption()).contains("Dates before day " + SwimmerPlot.BREAK_DAY + " are drawn at the axis break");
        var axis = (org.jfree.chart.plot.XYPlot) figures.get(0).newChart().getPlot();
        assertThat(axis.getDomainAxis().getLowerBound()).isGreaterThanOrEqualTo(SwimmerPlot.BREAK_DAY - 20);
    }

    @Test
    void seriesAreSplitIntoFiguresOfAtMostFortyPatients()
    {
        CaseWorkbook scaled = new ScaledSeries(SeriesFixtures.SEED, 7).scale(SeriesFixtures.sixPatients(), 85);
        List<Figure> figures = SwimmerPaging.of(StudyData.analyze(SeriesFixtures.SEED, scaled), 5, SwimmerPlot::of, "Table 5");
        assertThat(figures).extracting(Figure::id).containsExactly("figure5_swimmer", "figure6_swimmer", "figure7_swimmer");
        assertThat(figures.get(0).caption()).contains("part 1 of 3: P01–P40");
        assertThat(figures.get(2).caption()).contains("part 3 of 3");
        assertThat(figures.get(0).height()).isGreaterThan(figures.get(2).height());
    }
}
