package org.casebook.report.text;

import java.time.Instant;
import java.util.List;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.report.Provenance;
import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.casebook.report.StudyReport;
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
        // the fixture: swimmer plot Figure 5, survival Figure 6 (one death), adverse events Tables 4 and 4b, timing Table 5
        assertThat(checklist.findCell("Where / what to add", "7")).contains("Figure 5; Table 5 (treatment and timing)");
        assertThat(checklist.findCell("Where / what to add", "10a")).contains("Tables 2–3, Figure 6 (survival)");
        assertThat(checklist.findCell("Where / what to add", "10d")).hasValueSatisfying(where -> assertThat(where).startsWith("Table 4, Table 4b (adverse events, by grade); "));
        assertThat(checklist.findCell("Status", "10d")).contains("answered");
        // the screening flow added first: S1 points at it, and 10d is not pointed twice
        ReportTable flow = new ReportTable.Builder("screening_flow", "Screening flow", List.of("Step", "Patients", "Excluded")).row("a", "1", "").build();
        ReportTable withFlow = report.withTableFirst(flow).checklist();
        assertThat(withFlow.findCell("Where / what to add", "S1")).hasValueSatisfying(where -> assertThat(where).startsWith("Screening flow table"));
        assertThat(withFlow.findCell("Where / what to add", "10d")).isEqualTo(checklist.findCell("Where / what to add", "10d"));
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
