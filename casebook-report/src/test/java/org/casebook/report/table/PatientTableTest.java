package org.casebook.report.table;


import org.casebook.report.SeriesFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PatientTableTest
{
    private static final ReportTable TABLE = PatientTable.build(SeriesFixtures.sixPatientData());

    @Test
    void oneRowPerPatientWithTreatmentCourseAndOutcome()
    {
        assertThat(TABLE.columns()).containsExactly("Patient", "JAK inhibitor (mg/day)", "mPSL pulse (max mg/day)", "Days JAKi stop → onset",
                "P/F onset → after", "CT total, before", "CT total, onset", "CT total, after", "%FVC before → after", "Home oxygen", "Day-90 status",
                "Adverse events");
        assertThat(TABLE.rows()).hasSize(6);
        assertThat(TABLE.rows().get(0)).containsExactly("P01", "upadacitinib 15", "yes (1000)", "9", "150.0 → 260.0", "145.0", "215.0", "190.0",
                "72.0 → 65.0", "yes", "alive", "herpes zoster (grade 2)");
    }

    @Test
    void missingValuesAndNonAdverseEventStopsShowADash()
    {
        // p3 stopped the prior JAK inhibitor for remission and has no %FVC after treatment; died on day 45
        assertThat(TABLE.rows().get(2)).containsExactly("P03", "upadacitinib 15", "yes (500)", "–", "120.0 → 200.0", "120.0", "175.0", "150.0",
                "60.0 → –", "yes", "died", "none recorded");
        assertThat(TABLE.findCell("mPSL pulse (max mg/day)", "P04")).contains("no");
        assertThat(TABLE.findCell("Adverse events", "P05")).contains("pneumocystis pneumonia (grade 3, serious)");
        assertThat(TABLE.findCell("Day-90 status", "P04")).contains("censored");
    }
}
