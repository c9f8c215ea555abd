package org.casebook.report.table;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.report.StudyData;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;

import static org.casebook.report.table.Formats.MISSING;

/**
 * Treatment and timing per patient, from the protocol's case schema and the workbook: every date
 * field as days from day 0 (treatment starts and stops, discharge, …: whatever the protocol
 * records), the actual days of each time point's measurements and CT, and the follow-up (days
 * from day 0 to death or the last follow-up). So a reader sees, for instance, that the "after" CT
 * was taken on days 21–36. Columns empty for every patient are left out.
 */
public final class TimingTable
{
    private TimingTable() {}

    public static ReportTable build(StudyData data, String number)
    {
        CaseSchema schema = data.protocol().caseSchema();
        List<CaseField> dates = schema.fields().stream()
                .filter(field -> field.kind() == FieldKind.DATE && !field.name().equals(schema.dayZeroField()))
                .toList();
        List<String> timepoints = data.protocol().timepointNames();
        // each patient's CT studies, found once; measurements are indexed by patient in the workbook
        Map<String, List<CtStudy>> studiesByPatient = new HashMap<>();
        for (CtStudy study : data.workbook().ctStudies()) {
            studiesByPatient.computeIfAbsent(study.patientId(), key -> new ArrayList<>()).add(study);
        }
        List<String> columns = new ArrayList<>();
        columns.add("Patient");
        dates.forEach(field -> columns.add(field.label() + " (day)"));
        for (String timepoint : timepoints) {
            columns.add(data.timepointLabel(timepoint) + ": measured (day)");
            columns.add(data.timepointLabel(timepoint) + ": CT (day)");
        }
        columns.add("Follow-up (days)");
        List<CaseRecord> records = data.casesInOrder();
        ReportTable.Builder table = new ReportTable.Builder("table" + number + "_timing", "Table " + number + ". Treatment and timing per patient", columns);
        // a row per patient, made when read (ReportTable.ComputedRows)
        table.computedRows(records.size(), index -> {
            CaseRecord record = records.get(index);
            Map<String, LongSummaryStatistics> measured = new HashMap<>();
            for (Measurement measurement : data.workbook().measurementsOf(record.patientId())) {
                add(data, measured, measurement.patientId(), measurement.timepoint(), measurement.date());
            }
            Map<String, LongSummaryStatistics> scanned = new HashMap<>();
            for (CtStudy study : studiesByPatient.getOrDefault(record.patientId(), List.of())) {
                add(data, scanned, study.patientId(), study.timepoint(), study.date());
            }
            List<String> row = new ArrayList<>(columns.size());
            row.add(data.caseLabel(record.patientId()));
            Map<String, Object> values = record.values();
            for (CaseField field : dates) {
                row.add(values.get(field.name()) instanceof LocalDate date ? Long.toString(ChronoUnit.DAYS.between(record.dayZero(), date))
                        : data.notApplicable(record, field.name()) ? AdverseEventTable.NOT_APPLICABLE : MISSING);
            }
            for (String timepoint : timepoints) {
                row.add(range(measured.get(timepoint)));
                row.add(range(scanned.get(timepoint)));
            }
            LocalDate end = data.followupEnd(record);
            row.add(end == null ? MISSING : Long.toString(ChronoUnit.DAYS.between(record.dayZero(), end)));
            return row;
        });
        table.note("Days from day 0 (" + data.dayZeroLabel() + "); negative before it. Measured: the days of the time point's measurements (first–last when on several days). "
                + "Follow-up: days from day 0 to death or the last follow-up. " + MISSING + " not recorded; " + AdverseEventTable.NOT_APPLICABLE
                + " not applicable (a date taken from the record of a field answered no or none, such as the start of a treatment not given).");
        return EmptyColumns.drop(table.build());
    }

    /** Adds the day of one record of the patient's at {@code timepoint}; {@code days} holds that patient's days by time point. */
    private static void add(StudyData data, Map<String, LongSummaryStatistics> days, String patientId, String timepoint, LocalDate date)
    {
        if (date == null || timepoint == null) {
            return;
        }
        data.workbook().findCase(patientId).ifPresent(record -> days.computeIfAbsent(timepoint, key -> new LongSummaryStatistics())
                .accept(ChronoUnit.DAYS.between(record.dayZero(), date)));
    }

    private static String range(LongSummaryStatistics days)
    {
        if (days == null || days.getCount() == 0) {
            return MISSING;
        }
        if (days.getMin() == days.getMax()) {
            return Long.toString(days.getMin());
        }
        // "21–36", but "-27 to -3": a dash between negative numbers reads as a minus
        return days.getMin() + (days.getMin() < 0 ? " to " : "–") + days.getMax();
    }
}
