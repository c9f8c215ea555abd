package org.casebook.report.table;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.SourceRef;
import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adverse-event and timing tables of the fixture (day 0 of p1 is 2024-03-10, of p2 2024-03-30,
 * …, 20 days apart; CTs on days −90, 0 and 21), counted by hand from {@link SeriesFixtures}.
 */
class ReviewerTablesTest
{
    private static final SourceRef SOURCE = new SourceRef("test");

    @Test
    void adverseEventsOneRowPerEventWithOnsetDayFromDayZero()
    {
        ReportTable table = AdverseEventTable.events(SeriesFixtures.sixPatientData(), "4").orElseThrow();
        assertThat(table.id()).isEqualTo("table4_adverse_events");
        assertThat(table.rows()).containsExactly(
                // related to: the protocol's words for the level (jaki: "JAK inhibitor"), not the level itself
                // p1: onset + 40 days, its JAK inhibitor started on day 3 (treatment day 1), so treatment day 38;
                // p5 (day 0 = onset + 80): onset + 120 is day 40, JAK inhibitor from day 2, treatment day 39
                List.of("P01", "treatment-emergent", "40", "38", "herpes zoster", "2", "no", "JAK inhibitor", "none"),
                List.of("P05", "treatment-emergent", "40", "39", "pneumocystis pneumonia", "3", "yes", "glucocorticoid", "treated"));
        // the seed grades by CTCAE v5.0, named once in the heading; no event records an outcome: that column is left out
        assertThat(table.columns()).containsExactly("Patient", "Period", "Onset (day)", "Onset (day of JAK inhibitor)", "Event", "Grade (CTCAE v5.0)", "Serious",
                "Related to", "Action taken");
        assertThat(String.join(" ", table.notes())).contains("version the study's CTCAE v5.0 unless recorded otherwise")
                .contains("Not recorded for any event, so not shown: Outcome.").doesNotContain("Outcome: as recorded").doesNotContain("for the author");
    }

    @Test
    void ctcaeVersionAndOutcomeAreShownInTheProtocolsWords()
    {
        CaseWorkbook all = SeriesFixtures.sixPatients();
        List<AdverseEvent> events = new ArrayList<>();
        // p1's zoster graded by the study's version, p5's pneumonia by an older one
        events.add(new AdverseEvent("p1", "herpes zoster", all.adverseEvents().get(0).onsetDate(), 2, null, false, "jaki", "none", "recovered_with_sequelae", SOURCE));
        events.add(new AdverseEvent("p5", "pneumocystis pneumonia", all.adverseEvents().get(1).onsetDate(), 3, "4.03", true, "glucocorticoid", "treated", null, SOURCE));
        // the seed's adverse_events block names CTCAE 5.0; the outcomes are added to it
        String seedText = org.casebook.protocol.Protocols.builtInFile(SeriesFixtures.SEED.id(), "protocol.yaml").orElseThrow();
        assertThat(seedText).contains("\nadverse_events:\n  ctcae_version: \"5.0\"\n");
        String protocolText = seedText.replace("\nadverse_events:\n", "\nadverse_events:\n  outcomes: {recovered_with_sequelae: recovered with sequelae (PHN), fatal: died}\n");
        org.casebook.protocol.StudyProtocol protocol = new org.casebook.protocol.ProtocolReader("p.yaml",
                path -> org.casebook.protocol.Protocols.builtInFile(SeriesFixtures.SEED.id(), path).orElseThrow()).read(protocolText);
        StudyData data = StudyData.analyze(protocol, new CaseWorkbook(all.cases(), all.measurements(), all.ctStudies(), all.ichikadoReads(),
                all.kazerooniReads(), events));

        ReportTable table = AdverseEventTable.events(data, "4").orElseThrow();
        assertThat(table.columns()).containsExactly("Patient", "Period", "Onset (day)", "Onset (day of JAK inhibitor)", "Event", "Grade (CTCAE version)", "Serious",
                "Related to", "Action taken", "Outcome");
        assertThat(table.rows()).extracting(row -> row.get(5)).containsExactly("2 (v5.0)", "3 (v4.03)");
        assertThat(table.findCell("Outcome", "P01")).contains("recovered with sequelae (PHN)");
        assertThat(table.findCell("Outcome", "P05")).contains("–");
        assertThat(String.join(" ", table.notes())).contains("the study's CTCAE v5.0 unless recorded otherwise");

        // one version for every event: named once, in the heading
        List<AdverseEvent> same = events.stream().map(event -> new AdverseEvent(event.patientId(), event.term(), event.onsetDate(), event.grade(), null,
                event.serious(), event.relatedTo(), event.action(), event.outcome(), SOURCE)).toList();
        ReportTable shared = AdverseEventTable.events(StudyData.analyze(protocol, new CaseWorkbook(all.cases(), all.measurements(), all.ctStudies(),
                all.ichikadoReads(), all.kazerooniReads(), same)), "4").orElseThrow();
        assertThat(shared.columns()).contains("Grade (CTCAE v5.0)");
        assertThat(shared.rows()).extracting(row -> row.get(5)).containsExactly("2", "3");

        // a protocol without a CTCAE version and events without one: a plain grade, and a footnote saying so
        org.casebook.protocol.StudyProtocol unversioned = new org.casebook.protocol.ProtocolReader("p.yaml",
                path -> org.casebook.protocol.Protocols.builtInFile(SeriesFixtures.SEED.id(), path).orElseThrow())
                .read(protocolText.replace("  ctcae_version: \"5.0\"\n", ""));
        ReportTable plain = AdverseEventTable.events(StudyData.analyze(unversioned, new CaseWorkbook(all.cases(), all.measurements(), all.ctStudies(),
                all.ichikadoReads(), all.kazerooniReads(), same)), "4").orElseThrow();
        assertThat(plain.columns()).contains("Grade").doesNotContain("Grade (CTCAE version)");
        assertThat(String.join(" ", plain.notes())).contains("the CTCAE version is recorded neither for the study");
    }

    @Test
    void eventsBeforeDayZeroAreListedApartAndNotCountedAsEmerging()
    {
        CaseWorkbook all = SeriesFixtures.sixPatients();
        List<AdverseEvent> events = new ArrayList<>(all.adverseEvents());
        // p2's day 0 is 2024-03-30: an event 5 days before, one without a grade on day 2, one without an onset date
        events.add(new AdverseEvent("p2", "rash", LocalDate.of(2024, 3, 25), 1, false, "", "", SOURCE));
        events.add(new AdverseEvent("p2", "nausea", LocalDate.of(2024, 4, 1), null, null, null, null, SOURCE));
        events.add(new AdverseEvent("p4", "fatigue", null, 1, false, null, null, SOURCE));
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, new CaseWorkbook(all.cases(), all.measurements(), all.ctStudies(), all.ichikadoReads(),
                all.kazerooniReads(), events));
        ReportTable table = AdverseEventTable.events(data, "5").orElseThrow();
        // p2's JAK inhibitor started on day 4: the rash (day -5, treatment day -9) and the nausea (day 2, treatment day -2) came before it
        assertThat(table.rows().get(0)).containsExactly("P02", "before JAK inhibitor", "-5", "-9", "rash", "1", "no", "–", "–");
        assertThat(table.rows().get(1)).containsExactly("P02", "before JAK inhibitor", "2", "-2", "nausea", "–", "–", "–", "–");
        assertThat(table.rows()).extracting(row -> row.get(4)).containsExactly("rash", "nausea", "herpes zoster", "fatigue", "pneumocystis pneumonia");
        assertThat(table.findCell("Onset (day)", "P04")).contains("–");
        assertThat(table.findCell("Onset (day of JAK inhibitor)", "P04")).contains("–");

        ReportTable grades = AdverseEventTable.grades(data, "5b").orElseThrow();
        assertThat(grades.columns()).containsExactly("Grade", "Events treatment-emergent", "Patients treatment-emergent, n/N (%; 95% CI)", "Events before JAK inhibitor");
        assertThat(grades.rows()).containsExactly(
                // grade 1: fatigue (no onset: counted as treatment-emergent), rash before the treatment
                List.of("1", "1", "1/6 (17%; 95% CI 0.4–64)", "1"),
                List.of("2", "1", "1/6 (17%; 95% CI 0.4–64)", "0"),
                List.of("3", "1", "1/6 (17%; 95% CI 0.4–64)", "0"),
                List.of("not recorded", "0", "0/6 (0%; 95% CI 0–46)", "1"),
                // any: p1, p4, p5 treatment-emergent (N: the 6 with a JAK inhibitor start); rash and nausea before
                List.of("any", "3", "3/6 (50%; 95% CI 12–88)", "2"));
    }

    @Test
    void noAdverseEventTablesWithoutEvents()
    {
        CaseWorkbook all = SeriesFixtures.sixPatients();
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, new CaseWorkbook(all.cases(), all.measurements(), all.ctStudies(), all.ichikadoReads(),
                all.kazerooniReads(), List.of()));
        assertThat(AdverseEventTable.events(data, "4")).isEmpty();
        assertThat(AdverseEventTable.grades(data, "4b")).isEmpty();
    }

    @Test
    void timingTableGivesTheActualDaysOfEachTimePointAndTheFollowUp()
    {
        ReportTable table = TimingTable.build(SeriesFixtures.sixPatientData(), "5b").orElseThrow();
        assertThat(table.id()).isEqualTo("table5b_timing");
        assertThat(table.title()).isEqualTo("Table 5b. Timing of measurements and follow-up per patient");
        // time points by label, never their names; the treatment's dates are the treatment table's
        assertThat(table.columns()).containsExactly("Patient", "Before exacerbation: CT (day)", "At onset: CT (day)", "After treatment: CT (day)",
                "Follow-up (days)", "Died (day)");
        assertThat(table.findCell("Before exacerbation: CT (day)", "P01")).contains("-90");
        assertThat(table.findCell("After treatment: CT (day)", "P06")).contains("21");
        // p3 died 45 days after day 0; p2 followed to day 180, alive: no day of death applies
        assertThat(table.findCell("Follow-up (days)", "P03")).contains("45");
        assertThat(table.findCell("Died (day)", "P03")).contains("45");
        assertThat(table.findCell("Follow-up (days)", "P02")).contains("180");
        assertThat(table.findCell("Died (day)", "P02")).contains("n/a");
        // the fixture's measurements carry no dates: the columns are empty for everybody and left out, and the note says so
        assertThat(String.join(" ", table.notes())).contains("Not recorded for any patient, so not shown: Before exacerbation: measured (day)")
                .contains("– not recorded; n/a not applicable (no death recorded by the last follow-up).");
    }

    @Test
    void noDayOfDeathColumnWhenNobodyDied()
    {
        CaseWorkbook all = SeriesFixtures.sixPatients();
        List<org.casebook.casedata.CaseRecord> alive = all.cases().stream().filter(record -> record.date("death_date") == null).toList();
        StudyData data = StudyData.analyze(SeriesFixtures.SEED, new CaseWorkbook(alive, all.measurements().stream()
                .filter(measurement -> !measurement.patientId().equals("p3")).toList(), List.of(), List.of(), List.of(), List.of()));
        ReportTable table = TimingTable.build(data, "5").orElseThrow();
        assertThat(table.columns()).containsExactly("Patient", "Follow-up (days)");
        assertThat(table.rows()).hasSize(5);
    }

    @Test
    void emptyColumnsAreDroppedButNeverThePatient()
    {
        ReportTable table = new ReportTable.Builder("t", "Table 2", List.of("Patient", "a", "b", "c"))
                .row("–", "1", "–", "").row("x", "", "–", " ").build();
        ReportTable kept = EmptyColumns.drop(table);
        assertThat(kept.columns()).containsExactly("Patient", "a");
        assertThat(kept.rows()).containsExactly(List.of("–", "1"), List.of("x", ""));
        assertThat(kept.notes()).containsExactly("Not recorded for any patient, so not shown: b; c.");
        ReportTable full = new ReportTable.Builder("t", "Table 2", List.of("Patient", "a")).row("x", "1").build();
        assertThat(EmptyColumns.drop(full)).isSameAs(full);
    }
}
