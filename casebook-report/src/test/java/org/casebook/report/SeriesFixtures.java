package org.casebook.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.IldPattern;
import org.casebook.casedata.Measurement;
import org.casebook.casedata.Sex;
import org.casebook.casedata.SmokingStatus;
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
        cases.add(patient("p1", 0).age(72.0).sex(Sex.M).bmi(22.1).smoking(SmokingStatus.FORMER).raDurationYears(12.0).rfPositive(true).acpaPositive(true)
                .ildPattern(IldPattern.UIP).antifibrotic(false).baselinePslMg(5.0).priorJaki("tofacitinib").priorJakiStopDate(ONSET.minusDays(9))
                .priorJakiStopReason("adverse event").jakiAgent("upadacitinib").jakiDoseMg(15.0).jakiStartDate(ONSET.plusDays(3))
                .mpslPulse(true).mpslPulseStartDate(ONSET.plusDays(1)).mpslMaxDailyDoseMg(1000.0).dischargeDate(ONSET.plusDays(30))
                .homeOxygenAtDischarge(true).lastFollowupDate(ONSET.plusDays(120)).build());
        cases.add(patient("p2", 20).age(65.0).sex(Sex.F).bmi(19.8).smoking(SmokingStatus.NEVER).raDurationYears(8.0).rfPositive(true).acpaPositive(false)
                .ildPattern(IldPattern.NSIP).antifibrotic(true).baselinePslMg(7.5).priorJaki("baricitinib").priorJakiStopDate(ONSET.plusDays(20).minusDays(5))
                .priorJakiStopReason("Adverse event").jakiAgent("baricitinib").jakiDoseMg(4.0).jakiStartDate(ONSET.plusDays(24))
                .mpslPulse(false).mpslMaxDailyDoseMg(250.0).dischargeDate(ONSET.plusDays(50))
                .homeOxygenAtDischarge(false).lastFollowupDate(ONSET.plusDays(200)).build());
        cases.add(patient("p3", 40).age(78.0).sex(Sex.F).smoking(SmokingStatus.NEVER).raDurationYears(20.0).rfPositive(false)
                .ildPattern(IldPattern.PROBABLE_UIP).antifibrotic(false).priorJaki("upadacitinib").priorJakiStopDate(ONSET.plusDays(40).minusDays(14))
                .priorJakiStopReason("remission").jakiAgent("upadacitinib").jakiDoseMg(15.0).jakiStartDate(ONSET.plusDays(42))
                .mpslPulse(true).mpslPulseStartDate(ONSET.plusDays(40)).mpslMaxDailyDoseMg(500.0).dischargeDate(ONSET.plusDays(75))
                .homeOxygenAtDischarge(true).deathDate(ONSET.plusDays(40 + 45)).build());
        cases.add(patient("p4", 60).age(70.0).sex(Sex.M).bmi(24.5).smoking(SmokingStatus.CURRENT).raDurationYears(3.0).rfPositive(true).acpaPositive(true)
                .ildPattern(IldPattern.UIP).antifibrotic(true).baselinePslMg(0.0).jakiAgent("upadacitinib").jakiDoseMg(30.0).jakiStartDate(ONSET.plusDays(61))
                .mpslPulse(false).dischargeDate(ONSET.plusDays(80)).homeOxygenAtDischarge(false).lastFollowupDate(ONSET.plusDays(60 + 60)).build());
        cases.add(patient("p5", 80).age(59.0).sex(Sex.F).bmi(27.0).smoking(SmokingStatus.FORMER).raDurationYears(15.0).rfPositive(true).acpaPositive(true)
                .ildPattern(IldPattern.OP).baselinePslMg(10.0).priorJaki("upadacitinib").priorJakiStopDate(ONSET.plusDays(80).minusDays(7))
                .priorJakiStopReason("adverse event").jakiAgent("baricitinib").jakiDoseMg(2.0).jakiStartDate(ONSET.plusDays(82))
                .mpslPulse(true).mpslPulseStartDate(ONSET.plusDays(80)).mpslMaxDailyDoseMg(1000.0).dischargeDate(ONSET.plusDays(100))
                .homeOxygenAtDischarge(false).lastFollowupDate(ONSET.plusDays(80 + 180)).build());
        cases.add(patient("p6", 100).age(68.0).sex(Sex.M).bmi(21.0).raDurationYears(10.0).acpaPositive(true)
                .ildPattern(IldPattern.UIP).antifibrotic(false).baselinePslMg(5.0).priorJaki("tofacitinib").priorJakiStopDate(ONSET.plusDays(100).minusDays(12))
                .priorJakiStopReason("adverse event").jakiAgent("upadacitinib").jakiDoseMg(15.0).jakiStartDate(ONSET.plusDays(103))
                .mpslPulse(false).mpslMaxDailyDoseMg(125.0).dischargeDate(ONSET.plusDays(130))
                .homeOxygenAtDischarge(true).lastFollowupDate(ONSET.plusDays(100 + 95)).build());
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
        return new CaseRecordBuilder(id, onset).aeOnsetDate(onset);
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
