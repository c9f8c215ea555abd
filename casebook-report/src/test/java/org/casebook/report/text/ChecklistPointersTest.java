package org.casebook.report.text;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.report.Provenance;
import org.casebook.report.ScreeningFlow;
import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.casebook.report.StudyReport;
import org.casebook.report.figure.Figure;
import org.casebook.report.table.ReportTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checklist points at the report's own tables and figures, and at none it does not have. */
class ChecklistPointersTest
{
    private static final Provenance PROVENANCE = new Provenance("test", "p", "0".repeat(64), "x", "0".repeat(64), Instant.EPOCH);

    @Test
    void itemsPointAtTheTablesAndFiguresTheReportHas()
    {
        StudyReport report = StudyReport.build(SeriesFixtures.sixPatientData(), PROVENANCE);
        ReportTable checklist = report.checklist();
        // the fixture: swimmer plot Figure 5, survival Figure 6 (one death), adverse events Tables 4 and 4b, treatment Table 5, timing Table 5b
        assertThat(checklist.findCell("Where / what to add", "7")).contains("Figure 5; Table 5 (treatment); Table 5b (timing of measurements)");
        assertThat(checklist.findCell("Where / what to add", "10a")).contains("Tables 2–3, Figure 6 (survival)");
        assertThat(checklist.findCell("Where / what to add", "10d")).hasValueSatisfying(where -> assertThat(where).startsWith("Table 4, Table 4b (adverse events, by grade); "));
        assertThat(checklist.findCell("Status", "10d")).contains("answered");
        assertThat(checklist.findCell("Where / what to add", "S1")).hasValueSatisfying(where -> assertThat(where).doesNotContain("flow"));
    }

    @Test
    void aScreenedSeriesPointsS1AtItsFlowDiagramAndTableAndNumbersTheOtherFiguresAfterIt()
    {
        ScreeningFlow flow = new ScreeningFlow(100, List.of(new ScreeningFlow.Step("Index admission", 10, 90)), 10, 6);
        StudyReport report = StudyReport.build(SeriesFixtures.sixPatientData(), PROVENANCE, Optional.of(flow));
        ReportTable checklist = report.checklist();
        assertThat(report.figures().get(0).id()).isEqualTo("figure1_screening_flow");
        assertThat(report.tables().get(0).id()).isEqualTo("screening_flow");
        assertThat(checklist.findCell("Where / what to add", "S1"))
                .hasValueSatisfying(where -> assertThat(where).startsWith("Figure 1 (flow diagram), screening flow table"));
        // every other figure and table moved by one figure and no table: the swimmer plot is Figure 6, the treatment Table 5
        assertThat(checklist.findCell("Where / what to add", "7")).contains("Figure 6; Table 5 (treatment); Table 5b (timing of measurements)");
        assertThat(checklist.findCell("Where / what to add", "10a")).contains("Tables 2–3, Figure 7 (survival)");
        for (int i = 0; i < report.figures().size(); i++) {
            Figure figure = report.figures().get(i);
            assertThat(figure.id()).startsWith("figure" + (i + 1) + "_");
            assertThat(figure.caption()).startsWith("Figure " + (i + 1) + ".");
        }
        assertThat(report.figures()).extracting(Figure::id).doesNotHaveDuplicates();
    }

    @Test
    void withoutADeathOrAnAdverseEventNothingPointsAtAMissingFigureOrTable()
    {
        CaseWorkbook all = SeriesFixtures.sixPatients();
        CaseWorkbook alive = new CaseWorkbook(all.cases().stream().filter(c -> !c.patientId().equals("p3")).toList(),
                all.measurements().stream().filter(m -> !m.patientId().equals("p3")).toList(),
                all.ctStudies().stream().filter(s -> !s.patientId().equals("p3")).toList(),
                all.ichikadoReads().stream().filter(r -> !r.scan().patientId().equals("p3")).toList(), List.of(), List.of());
        StudyReport report = StudyReport.build(StudyData.analyze(SeriesFixtures.SEED, alive), PROVENANCE);
        assertThat(report.figures()).noneMatch(figure -> figure.id().endsWith("_survival"));
        assertThat(report.checklist().findCell("Where / what to add", "10a")).contains("Tables 2–3; survival in the text (no death: no figure)");
        assertThat(report.checklist().findCell("Where / what to add", "10d")).hasValueSatisfying(where -> assertThat(where).doesNotContain("Table 4"));
    }
}
