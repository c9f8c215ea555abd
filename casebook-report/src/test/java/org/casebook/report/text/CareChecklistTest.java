package org.casebook.report.text;

import java.util.List;

import org.casebook.casedata.CaseRecordBuilder;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.report.SeriesFixtures;
import org.casebook.report.StudyData;
import org.casebook.report.table.ReportTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CareChecklistTest
{
    @Test
    void itemsTheDataAnswerSayWhereAndTheRestAreFlaggedForTheAuthor()
    {
        ReportTable checklist = CareChecklist.build(SeriesFixtures.sixPatientData());
        assertThat(checklist.findCell("Status", "7")).contains(CareChecklist.ANSWERED);
        // before ChecklistPointers points it at the report's figures: the checklist's own answer
        assertThat(checklist.findCell("Where / what to add", "7")).contains("Table 2 (dates as days from day 0)");
        // the seed protocol's wording (report.checklist), answered from its fields
        assertThat(checklist.findCell("Where / what to add", "5c")).contains("Table 1 (RA duration, ILD pattern, smoking); family and psychosocial history by the author");
        assertThat(checklist.findCell("Topic", "8c")).contains("Diagnosis, including other diagnoses considered (exacerbation criteria, infection excluded)");
        assertThat(checklist.findCell("Status", "10d")).contains(CareChecklist.ANSWERED);
        assertThat(checklist.findCell("Status", "13")).contains(CareChecklist.FOR_AUTHOR);
        assertThat(checklist.findCell("Status", "4")).contains(CareChecklist.FOR_AUTHOR);
    }

    @Test
    void itemsWhoseColumnsAreMissingAreFlaggedWithWhatToAdd()
    {
        var record = new CaseRecordBuilder("A", SeriesFixtures.sixPatients().cases().get(0).date("admission_date")).set("admission_date", SeriesFixtures.sixPatients().cases().get(0).date("admission_date")).build();
        StudyData bare = StudyData.analyze(SeriesFixtures.SEED, new CaseWorkbook(List.of(record), List.of(), List.of(), List.of(), List.of(), List.of()));
        ReportTable checklist = CareChecklist.build(bare);
        assertThat(checklist.findCell("Status", "5a")).contains(CareChecklist.FOR_AUTHOR);
        assertThat(checklist.findCell("Where / what to add", "5a")).contains("missing from the workbook: Table 1 (age, sex)");
        assertThat(checklist.findCell("Status", "10d")).contains(CareChecklist.FOR_AUTHOR);
    }

    @Test
    void aProtocolWithoutAgentFieldsHasNoTherapyInTheCaseDataNotAnEmptyList()
    {
        var protocol = org.casebook.protocol.Protocols.builtIn("ild-lung-resection");
        var day = java.time.LocalDate.of(2024, 3, 1);
        var record = new CaseRecordBuilder("A", day).set("surgery_date", day).build();
        ReportTable checklist = CareChecklist.build(StudyData.analyze(protocol, new CaseWorkbook(List.of(record), List.of(), List.of(), List.of(), List.of(), List.of())));
        assertThat(checklist.findCell("Where / what to add", "9a")).contains("not in the case data");
    }
}
