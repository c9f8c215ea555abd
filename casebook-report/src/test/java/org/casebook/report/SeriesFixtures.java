package org.casebook.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.SourceRef;
import org.casebook.ctscore.IchikadoRead;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;

/**
 * A small named six-patient series built in code (not the demo workbook): every CT read has the
 * same extents in all six zones, so a read's total is its zone score; the reference statistics in
 * the tests are computed in R from the consensus values listed with {@link #CT_TOTALS}.
 */
public final class SeriesFixtures
{
    public static final StudyProtocol SEED = Protocols.builtIn(Protocols.SEED);
    private static final SourceRef SOURCE = new SourceRef("fixture");
    private static final LocalDate ONSET = LocalDate.of(2024, 3, 10);

    /**
     * Consensus CT totals (mean of readers A and B), patients p1–p6, before / onset / after:
     * <pre>
     * before &lt;- c(145, 160, 120, 215, 185, 250)
     * onset  &lt;- c(215, 240, 175, 290, 255, 310)
     * after  &lt;- c(190, 205, 150, 280, 230, 300)
     * </pre>
     */
    static final double[][] CT_TOTALS = {{145, 215, 190}, {160, 240, 205}, {120, 175, 150}, {215, 290, 280}, {185, 255, 230}, {250, 310, 300}};

    private SeriesFixtures() {}

    /** The fixture analyzed under the seed protocol. */
    public static StudyData sixPatientData()
    {
        return StudyData.analyze(SEED, sixPatients());
    }

    public static CaseWorkbook sixPatients()
    {
        List<CaseRecord> cases = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        List<CtStudy> studies = new ArrayList<>();
        List<IchikadoRead> reads = new ArrayList<>();
        cases.add(patient("p1", 0).set("age", 72.0).set("sex", "M").set("bmi", 22.1).set("smoking", "former").set("ra_duration_years", 12.0).set("rf_positive", true).set("acpa_positive", true)
                .set("ild_pattern", "UIP").set("antifibrotic", false).set("baseline_psl_mg", 5.0).set("prior_jaki", "tofacitinib").set("prior_jaki_stop_date", ONSET.minusDays(9))
                .set("prior_jaki_stop_reason", "adverse event").set("jaki_agent", "upadacitinib").set("jaki_dose_mg", 15.0).set("jaki_start_date", ONSET.plusDays(3))
                .set("mpsl_pulse", true).set("mpsl_pulse_start_date", ONSET.plusDays(1)).set("mpsl_max_daily_dose_mg", 1000.0).set("discharge_date", ONSET.plusDays(30))
                .set("home_oxygen_at_discharge", true).set("last_followup_date", ONSET.plusDays(120)).build());
        cases.add(patient("p2", 20).set("age", 65.0).set("sex", "F").set("bmi", 19.8).set("smoking", "never").set("ra_duration_years", 8.0).set("rf_positive", true).set("acpa_positive", false)
                .set("ild_pattern", "NSIP").set("antifibrotic", true).set("baseline_psl_mg", 7.5).set("prior_jaki", "baricitinib").set("prior_jaki_stop_date", ONSET.plusDays(20).minusDays(5))
                .set("prior_jaki_stop_reason", "Adverse event").set("jaki_agent", "baricitinib").set("jaki_dose_mg", 4.0).set("jaki_start_date", ONSET.plusDays(24))
                .set("mpsl_pulse", false).set("mpsl_max_daily_dose_mg", 250.0).set("discharge_date", ONSET.plusDays(50))
                .set("home_oxygen_at_discharge", false).set("last_followup_date", ONSET.plusDays(200)).build());
        cases.add(patient("p3", 40).set("age", 78.0).set("sex", "F").set("smoking", "never").set("ra_duration_years", 20.0).set("rf_positive", false)
                .set("ild_pattern", "probable UIP").set("antifibrotic", false).set("prior_jaki", "upadacitinib").set("prior_jaki_stop_date", ONSET.plusDays(40).minusDays(14))
                .set("prior_jaki_stop_reason", "remission").set("jaki_agent", "upadacitinib").set("jaki_dose_mg", 15.0).set("jaki_start_date", ONSET.plusDays(42))
                .set("mpsl_pulse", true).set("mpsl_pulse_start_date", ONSET.plusDays(40)).set("mpsl_max_daily_dose_mg", 500.0).set("discharge_date", ONSET.plusDays(75))
                .set("home_oxygen_at_discharge", true).set("death_date", ONSET.plusDays(40 + 45)).build());
        cases.add(patient("p4", 60).set("age", 70.0).set("sex", "M").set("bmi", 24.5).set("smoking", "current").set("ra_duration_years", 3.0).set("rf_positive", true).set("acpa_positive", true)
                .set("ild_pattern", "UIP").set("antifibrotic", true).set("baseline_psl_mg", 0.0).set("jaki_agent", "upadacitinib").set("jaki_dose_mg", 30.0).set("jaki_start_date", ONSET.plusDays(61))
                .set("mpsl_pulse", false).set("discharge_date", ONSET.plusDays(80)).set("home_oxygen_at_discharge", false).set("last_followup_date", ONSET.plusDays(60 + 60)).build());
        cases.add(patient("p5", 80).set("age", 59.0).set("sex", "F").set("bmi", 27.0).set("smoking", "former").set("ra_duration_years", 15.0).set("rf_positive", true).set("acpa_positive", true)
                .set("ild_pattern", "OP").set("baseline_psl_mg", 10.0).set("prior_jaki", "upadacitinib").set("prior_jaki_stop_date", ONSET.plusDays(80).minusDays(7))
                .set("prior_jaki_stop_reason", "adverse event").set("jaki_agent", "baricitinib").set("jaki_dose_mg", 2.0).set("jaki_start_date", ONSET.plusDays(82))
                .set("mpsl_pulse", true).set("mpsl_pulse_start_date", ONSET.plusDays(80)).set("mpsl_max_daily_dose_mg", 1000.0).set("discharge_date", ONSET.plusDays(100))
                .set("home_oxygen_at_discharge", false).set("last_followup_date", ONSET.plusDays(80 + 180)).build());
        cases.add(patient("p6", 100).set("age", 68.0).set("sex", "M").set("bmi", 21.0).set("ra_duration_years", 10.0).set("acpa_positive", true)
                .set("ild_pattern", "UIP").set("antifibrotic", false).set("baseline_psl_mg", 5.0).set("prior_jaki", "tofacitinib").set("prior_jaki_stop_date", ONSET.plusDays(100).minusDays(12))
                .set("prior_jaki_stop_reason", "adverse event").set("jaki_agent", "upadacitinib").set("jaki_dose_mg", 15.0).set("jaki_start_date", ONSET.plusDays(103))
                .set("mpsl_pulse", false).set("mpsl_max_daily_dose_mg", 125.0).set("discharge_date", ONSET.plusDays(130))
                .set("home_oxygen_at_discharge", true).set("last_followup_date", ONSET.plusDays(100 + 95)).build());
        double[][] pf = {{280, 150, 260}, {300, 180, 240}, {0, 120, 200}, {320, 210, 250}, {0, 160, 300}, {290, 140, 190}};
        double[][] fvc = {{72, 65}, {80, 82}, {60, 0}, {68, 55}, {90, 91}, {75, 66}};
        double[] dlco = {45, 52, 0, 40, 61, 48};
        double[] kl6 = {1200, 850, 2100, 0, 640, 1500};
        String[] timepoints = {"before", "onset", "after"};
        for (int i = 0; i < 6; i++) {
            String id = "p" + (i + 1);
            int offset = 20 * i;
            for (int t = 0; t < 3; t++) {
                if (pf[i][t] > 0) {
                    measurements.add(new Measurement(id, timepoints[t], "pf_ratio", pf[i][t], "", null, SOURCE));
                }
            }
            measurements.add(new Measurement(id, "before", "fvc_percent_predicted", fvc[i][0], "", null, SOURCE));
            if (fvc[i][1] > 0) {
                measurements.add(new Measurement(id, "after", "fvc_percent_predicted", fvc[i][1], "", null, SOURCE));
            }
            if (dlco[i] > 0) {
                measurements.add(new Measurement(id, "before", "dlco_percent_predicted", dlco[i], "", null, SOURCE));
            }
            if (kl6[i] > 0) {
                measurements.add(new Measurement(id, "before", "kl6", kl6[i], "", null, SOURCE));
            }
            int[] ctDays = {-90, 0, 21};
            for (int t = 0; t < 3; t++) {
                studies.add(new CtStudy(id, timepoints[t], ONSET.plusDays(offset + ctDays[t]), null, SOURCE));
                reads.addAll(reads(id, timepoints[t], CT_TOTALS[i][t]));
            }
        }
        List<AdverseEvent> events = List.of(
                new AdverseEvent("p1", "herpes zoster", ONSET.plusDays(40), 2, false, "jaki", "none", SOURCE),
                new AdverseEvent("p5", "pneumocystis pneumonia", ONSET.plusDays(120), 3, true, "glucocorticoid", "treated", SOURCE));
        return new CaseWorkbook(cases, measurements, studies, reads, List.of(), events);
    }

    private static CaseRecordBuilder patient(String id, int offsetDays)
    {
        LocalDate onset = ONSET.plusDays(offsetDays);
        return new CaseRecordBuilder(id, onset).set("admission_date", onset).set("ae_onset_date", onset).dayZero(onset);
    }

    /** Two readers whose totals are consensus ∓ 5; every zone gets the same extents. */
    private static List<IchikadoRead> reads(String id, String timepoint, double consensus)
    {
        return List.of(read(id, timepoint, "A", (int) consensus - 5), read(id, timepoint, "B", (int) consensus + 5));
    }

    /**
     * Extents in 5% slots: each slot moved from normal (1 point) to ground glass adds 5 points, to
     * ground glass with traction 15. With g + 3f = (total − 100)/5 slots' worth and g + f ≤ 20 we take
     * f = max(ceil((u − 20)/2), u/10).
     */
    static IchikadoRead read(String id, String timepoint, String reader, int total)
    {
        int units = (total - 100) / 5;
        int fibrotic = Math.max((units - 20 + 1) / 2, units / 10);
        int ggo = units - 3 * fibrotic;
        int normal = 20 - ggo - fibrotic;
        List<ZoneExtent> zones = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            zones.add(ZoneExtent.of(zone, 5 * normal, 5 * ggo, 0, 5 * fibrotic, 0, 0));
        }
        return new IchikadoRead(new ScanRef(id, timepoint), reader, zones);
    }
}
