package org.casebook.report;

import java.time.Instant;
import java.util.List;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.report.bench.ScaledSeries;
import org.casebook.report.figure.Figure;
import org.casebook.report.figure.SwimmerPaging;
import org.casebook.report.table.ReportTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A 200-patient series stays readable: at most three swimmer figures of 40, sorted by follow-up, and every patient in the treatment and timing tables. */
class LargeSeriesReportTest
{
    @Test
    void swimmerPlotsArePagedAtMostThreeFiguresAndTheTimingTableHasEveryPatient()
    {
        CaseWorkbook workbook = new ScaledSeries(SeriesFixtures.SEED, 7).scale(SeriesFixtures.sixPatients(), 200);
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, workbook);
        StudyReport report = StudyReport.build(data, new Provenance("test", "p", "0".repeat(64), "x", "0".repeat(64), Instant.EPOCH));
        List<Figure> swimmers = report.figures().stream().filter(figure -> figure.id().endsWith("_swimmer")).toList();
        assertThat(swimmers).hasSize(SwimmerPaging.MAX_FIGURES);
        assertThat(swimmers).allSatisfy(figure -> assertThat(figure.caption())
                .contains("The 120 of 200 patients with the longest follow-up are drawn, longest first; every patient's days are in Tables 5 and 5b."));
        assertThat(swimmers.get(0).caption()).contains("part 1 of 3");
        ReportTable treatment = report.tables().stream().filter(table -> table.id().equals("table5_treatment")).findFirst().orElseThrow();
        assertThat(treatment.rows()).hasSize(200);
        ReportTable timing = report.tables().stream().filter(table -> table.id().equals("table5b_timing")).findFirst().orElseThrow();
        assertThat(timing.rows()).hasSize(200);
        // the figures show the longest follow-up first
        List<Long> followUps = workbook.cases().stream().map(LargeSeriesReportTest::followUp).sorted(java.util.Comparator.reverseOrder()).toList();
        // captions name case numbers, never the hospital's ids
        String firstShown = swimmers.get(0).caption().replaceAll(".*part 1 of 3: ([^–]+)–.*", "$1");
        assertThat(firstShown).matches("P[0-9]{3}");
        CaseRecord first = workbook.cases().stream().filter(record -> data.caseLabel(record.patientId()).equals(firstShown)).findFirst().orElseThrow();
        assertThat(followUp(first)).isEqualTo(followUps.get(0));
    }

    private static long followUp(CaseRecord record)
    {
        var end = record.date("death_date") != null ? record.date("death_date") : record.date("last_followup_date");
        return java.time.temporal.ChronoUnit.DAYS.between(record.dayZero(), end);
    }

    /**
     * Past 1,000 patients the spaghetti plots draw 1,000 of them evenly spaced in case-number order
     * (the mean of all), the Bland–Altman plot 5,000 of the scans (bias and limits of all), and each
     * caption says so; every patient stays in the per-patient tables.
     */
    @Test
    void largeSeriesFiguresDrawAnEvenSampleAndSaySo()
    {
        CaseWorkbook workbook = new ScaledSeries(SeriesFixtures.SEED, 11).scale(SeriesFixtures.sixPatients(), 2001);
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, workbook);
        StudyReport report = StudyReport.build(data, new Provenance("test", "p", "0".repeat(64), "x", "0".repeat(64), Instant.EPOCH));
        Figure spaghetti = report.figures().stream().filter(figure -> figure.id().endsWith("_ct_total")).findFirst().orElseThrow();
        assertThat(spaghetti.caption()).endsWith("Grey lines: 1000 of the 2001 patients, evenly spaced in case-number order; the mean is of all patients.");
        var plot = (org.jfree.chart.plot.XYPlot) spaghetti.newChart().getPlot();
        assertThat(plot.getDataset().getSeriesKey(0)).isEqualTo("1000 of 2001 patients");
        // the mean line is that of every patient, from the results
        for (int i = 0; i < plot.getDataset().getItemCount(1); i++) {
            String timepoint = org.casebook.report.figure.SpaghettiPlotAccess.timepoints(data, "ct_total").get(i);
            assertThat(plot.getDataset().getYValue(1, i)).isEqualTo(data.results().findSummary(timepoint, "ct_total").orElseThrow().mean());
        }
        // 1,000 patients, each a break (NaN) after its values: every patient has a CT total at the three time points here
        assertThat(plot.getDataset().getItemCount(0)).isEqualTo(1000 * 4);
        Figure blandAltman = report.figures().stream().filter(figure -> figure.id().endsWith("_bland_altman")).findFirst().orElseThrow();
        assertThat(blandAltman.caption()).contains("6003 scans: bias").endsWith("Points: 5000 of the 6003 scans, evenly spaced in the order of the scans; bias and limits from all.");
        assertThat(((org.jfree.chart.plot.XYPlot) blandAltman.newChart().getPlot()).getDataset().getItemCount(0)).isEqualTo(5000);
        ReportTable patients = report.tables().stream().filter(table -> table.id().equals("table2_patients")).findFirst().orElseThrow();
        assertThat(patients.rows()).hasSize(2001);
    }
}
