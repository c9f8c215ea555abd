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
        assertThat(checklist.findCell("Where / what to add", "7")).contains("Swimmer plot(s)");
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
}
