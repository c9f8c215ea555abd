package org.casebook.workbook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casebook.casedata.CtStudy;
import org.casebook.protocol.StudyProtocol;

/** Reads the optional {@code ct_studies} sheet: the CT behind each patient's time point. */
final class CtStudiesSheet
{
    static final SheetLayout LAYOUT = new SheetLayout("ct_studies",
            List.of("patient_id", "timepoint", "date"),
            List.of("study_id"));

    private CtStudiesSheet() {}

    static List<CtStudy> read(Sheet sheet, StudyProtocol protocol, Set<String> knownPatients, ImportIssues issues, KeptValues kept)
    {
        List<CtStudy> studies = new ArrayList<>();
        // each patient's first row per time point, for duplicates (an int each, not a map entry per row)
        List<String> timepoints = protocol.timepointNames();
        Map<String, int[]> firstRows = new HashMap<>();
        for (SheetRow row : sheet.rows()) {
            RowCells cells = new RowCells(sheet, row, issues, kept);
            String patientId = cells.patientId(knownPatients);
            String timepoint = cells.timepoint(protocol);
            LocalDate date = cells.requiredDate("date");
            if (patientId != null && timepoint != null) {
                int[] rowsOfPatient = firstRows.computeIfAbsent(patientId, id -> new int[timepoints.size()]);
                int first = rowsOfPatient[timepoints.indexOf(timepoint)];
                if (first == 0) {
                    rowsOfPatient[timepoints.indexOf(timepoint)] = cells.number();
                }
                else {
                    cells.error("timepoint", timepoint, "duplicate CT study for patient " + patientId + " at " + timepoint + "; first given in row " + first);
                }
            }
            if (cells.isValid()) {
                studies.add(new CtStudy(patientId, timepoint, date, cells.text("study_id"), cells.source()));
            }
        }
        return studies;
    }
}
