package org.casebook.report.table;

import java.time.LocalDate;
import java.util.List;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.ProtocolReader;
import org.casebook.protocol.Protocols;
import org.casebook.protocol.StudyProtocol;
import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The treatment table of the seed protocol's {@code report.treatment} and of its default, counted
 * by hand from {@link SeriesFixtures} (day 0 of p1 is 2024-03-10, of p2 2024-03-30, …, 20 days
 * apart) and from two patients made here for the edge cases.
 */
class TreatmentTableTest
{
    private static final String SEED_TEXT = Protocols.builtInFile(Protocols.SEED, "protocol.yaml").orElseThrow();
    private static final LocalDate DAY = LocalDate.of(2024, 5, 1);

    private static StudyProtocol protocol(String text)
    {
        return new ProtocolReader("p.yaml", path -> Protocols.builtInFile(Protocols.SEED, path).orElseThrow()).read(text);
    }

    @Test
    void theSeedShowsTheAgentThePriorAgentWhyItStoppedThePulseAndTheStay()
    {
        ReportTable table = TreatmentTable.build(SeriesFixtures.sixPatientData(), "5").orElseThrow();
        assertThat(table.id()).isEqualTo("table5_treatment");
        assertThat(table.title()).isEqualTo("Table 5. Treatment per patient");
        assertThat(table.columns()).containsExactly("Patient", "JAK inhibitor (mg/day)", "JAKi started (day)", "Prior JAKi", "Reason stopped",
                "Days prior JAKi stop → onset", "mPSL pulse start (day)", "mPSL pulse duration (days)", "Length of stay (days)");
        assertThat(table.rows().get(0)).containsExactly("P01", "upadacitinib 15", "3", "tofacitinib", "adverse event", "9", "1", "3", "30");
        // p2: no pulse (mpsl_pulse no; its start is taken from the pulse's record): not applicable, start and duration
        assertThat(table.rows().get(1)).containsExactly("P02", "baricitinib 4", "4", "baricitinib", "Adverse event", "5", "n/a", "n/a", "30");
        // p3: the pulse on day 0 itself
        assertThat(table.findCell("mPSL pulse start (day)", "P03")).contains("0");
        assertThat(table.findCell("Length of stay (days)", "P03")).contains("35");
        // p4: no prior JAK inhibitor recorded at all (blank, not "none"): not recorded, and so its reason and days
        assertThat(table.rows().get(3)).containsExactly("P04", "upadacitinib 30", "1", "–", "–", "–", "n/a", "n/a", "20");
        String notes = String.join(" ", table.notes());
        assertThat(notes).contains("Days: from day 0 (exacerbation onset), negative before it.")
                .contains("Days prior JAKi stop → onset: days from prior JAK inhibitor stopped to day 0, negative when day 0 came first.")
                .contains("mPSL pulse duration: the 3 days the protocol plans, for each patient with a start; not recorded per patient.")
                .contains("Length of stay (days): days from admission date to discharge date")
                .contains("– not recorded; n/a not applicable");
    }

    /**
     * Two patients: q1 took no prior JAK inhibitor ("none": its stop date and reason do not apply),
     * had the pulse on day 0 and is not discharged; q2's prior agent stopped two days after onset
     * (the days are negative), without a recorded reason or pulse, and went home the day they came
     * (a stay of 0 days).
     */
    @Test
    void edgeCasesNoPriorAgentAStopAfterOnsetAStayWithoutDischargeAndZeros()
    {
        CaseRecord q1 = new CaseRecordBuilder("q1", DAY).set("admission_date", DAY).set("ae_onset_date", DAY).dayZero(DAY)
                .set("prior_jaki", "none").set("jaki_agent", "tofacitinib").set("jaki_dose_mg", 10.0).set("jaki_start_date", DAY.plusDays(2))
                .set("mpsl_pulse", true).set("mpsl_pulse_start_date", DAY).set("last_followup_date", DAY.plusDays(10)).build();
        LocalDate onset = DAY.plusDays(1);
        CaseRecord q2 = new CaseRecordBuilder("q2", onset).set("admission_date", DAY).set("ae_onset_date", onset).dayZero(onset)
                .set("prior_jaki", "baricitinib").set("prior_jaki_stop_date", onset.plusDays(2)).set("jaki_agent", "baricitinib")
                .set("jaki_start_date", onset).set("discharge_date", DAY).set("last_followup_date", DAY.plusDays(30)).build();
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, new CaseWorkbook(List.of(q1, q2), List.of(), List.of(), List.of(), List.of(), List.of()));
        ReportTable table = TreatmentTable.build(data, "5").orElseThrow();
        assertThat(table.rows()).hasSize(2);
        assertThat(table.columns()).containsExactly("Patient", "JAK inhibitor (mg/day)", "JAKi started (day)", "Prior JAKi", "Reason stopped",
                "Days prior JAKi stop → onset", "mPSL pulse start (day)", "mPSL pulse duration (days)", "Length of stay (days)");
        assertThat(table.rows().get(0)).containsExactly("P01", "tofacitinib 10", "2", "none", "n/a", "n/a", "0", "3", "–");
        // q2: no dose recorded (the agent alone); started on day 0; no pulse recorded at all: not recorded, not "not applicable"
        assertThat(table.rows().get(1)).containsExactly("P02", "baricitinib", "0", "baricitinib", "–", "-2", "–", "–", "0");
    }

    @Test
    void withoutReportTreatmentTheAgentsComeWithTheirDosesDatesAndReasonsThenTheExposuresAndTheStay()
    {
        String text = SEED_TEXT.substring(0, SEED_TEXT.indexOf("  # treatment per patient")) + SEED_TEXT.substring(SEED_TEXT.indexOf("  abbreviations:"));
        StudyProtocol protocol = protocol(text);
        assertThat(protocol.report().findTreatment()).isEmpty();
        ReportTable table = TreatmentTable.build(StudyData.analyze(protocol, SeriesFixtures.sixPatients()), "5").orElseThrow();
        // in the case fields' order: the prior agent with what is taken from its record, the agent with its dose beside it, the pulse
        // (yes/no) with its start, each start the timeline draws as an exposure as its start (and duration, when the protocol gives one);
        // then the stay. Day 0, death and follow-up are not here.
        assertThat(table.columns()).containsExactly("Patient", "Prior JAK inhibitor", "Prior JAK inhibitor stopped (day)", "Reason stopped",
                "JAK inhibitor", "JAK inhibitor start (day)", "Methylprednisolone pulse", "mPSL pulse (3 days) start (day)",
                "mPSL pulse (3 days) duration (days)", "Length of stay (days)");
        assertThat(table.rows().get(0)).containsExactly("P01", "tofacitinib", "-9", "adverse event", "upadacitinib 15", "3", "yes", "1", "3", "30");
        assertThat(table.rows().get(1)).containsExactly("P02", "baricitinib", "-5", "Adverse event", "baricitinib 4", "4", "no", "n/a", "n/a", "30");
    }

    @Test
    void anExposureWithAStopCountsBothDaysAndNoTableWithoutAColumn()
    {
        String text = SEED_TEXT.replace("{label: JAK inhibitor, start: jaki_start_date}", "{label: JAK inhibitor, start: jaki_start_date, stop: discharge_date}")
                .replace("{exposure: mpsl_pulse_start_date, label: mPSL pulse}", "{exposure: jaki_start_date, label: JAKi}");
        assertThat(text).contains("stop: discharge_date}").contains("{exposure: jaki_start_date, label: JAKi}");
        ReportTable table = TreatmentTable.build(StudyData.analyze(protocol(text), SeriesFixtures.sixPatients()), "5").orElseThrow();
        // p1: started day 3, discharged day 30: 28 days, both counted
        assertThat(table.findCell("JAKi duration (days)", "P01")).contains("28");
        assertThat(table.findCell("JAKi start (day)", "P01")).contains("3");
        assertThat(String.join(" ", table.notes())).contains("JAKi duration: days from its start to its stop (discharge date), both counted.");
        // columns that no patient has: nothing to show, no table
        String empty = SEED_TEXT.substring(0, SEED_TEXT.indexOf("    columns:\n      - {field: jaki_agent, with: jaki_dose_mg, label: JAK inhibitor (mg/day)}\n      - {field: jaki_start"))
                + "    columns: [{field: jaki_start_date}]\n" + SEED_TEXT.substring(SEED_TEXT.indexOf("  abbreviations:"));
        CaseRecord bare = new CaseRecordBuilder("q1", DAY).set("admission_date", DAY).dayZero(DAY).build();
        assertThat(TreatmentTable.build(StudyData.analyze(protocol(empty), new CaseWorkbook(List.of(bare), List.of(), List.of(), List.of(), List.of(), List.of())), "5"))
                .isEmpty();
    }
}
