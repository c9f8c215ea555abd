package org.casebook.report.bench;

import java.util.HashSet;
import java.util.List;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.report.SeriesFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScaledSeriesTest
{
    private static final CaseWorkbook ORIGINAL = SeriesFixtures.sixPatients();

    @Test
    void repeatsPatientsWithNewIdsKeepingTheOriginalsFirst()
    {
        CaseWorkbook scaled = new ScaledSeries(SeriesFixtures.SEED, 1).scale(ORIGINAL, 500);
        List<String> ids = scaled.cases().stream().map(CaseRecord::patientId).toList();
        assertThat(ids).hasSize(500).doesNotHaveDuplicates().startsWith("p1", "p2", "p3", "p4", "p5", "p6", "p1-001");
        assertThat(scaled.cases().subList(0, 6)).isEqualTo(ORIGINAL.cases());
        assertThat(scaled.ichikadoReads()).hasSize(500 * 3 * 2);
        assertThat(new HashSet<>(scaled.ctStudies().stream().map(study -> study.patientId()).toList())).hasSize(500);
    }

    @Test
    void copiesKeepTheirTimelineShapeAndPlausibleValues()
    {
        CaseWorkbook scaled = new ScaledSeries(SeriesFixtures.SEED, 1).scale(ORIGINAL, 12);
        CaseRecord original = ORIGINAL.cases().get(0);
        CaseRecord copy = scaled.cases().get(6);
        long shift = java.time.temporal.ChronoUnit.DAYS.between(original.date("admission_date"), copy.date("admission_date"));
        assertThat(Math.abs(shift)).isLessThanOrEqualTo(ScaledSeries.MAX_SHIFT_DAYS);
        assertThat(copy.date("prior_jaki_stop_date")).isEqualTo(original.date("prior_jaki_stop_date").plusDays(shift));
        assertThat(copy.date("last_followup_date")).isEqualTo(original.date("last_followup_date").plusDays(shift));
        assertThat(scaled.measurements()).allSatisfy(measurement ->
                assertThat(SeriesFixtures.SEED.findVariable(measurement.variable()).orElseThrow().isPlausible(measurement.value())).isTrue());
    }

    @Test
    void sameSeedGivesTheSameSeries()
    {
        assertThat(new ScaledSeries(SeriesFixtures.SEED, 3).scale(ORIGINAL, 30))
                .isEqualTo(new ScaledSeries(SeriesFixtures.SEED, 3).scale(ORIGINAL, 30));
    }
}
