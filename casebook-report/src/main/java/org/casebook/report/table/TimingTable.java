package org.casebook.report.table;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.report.StudyData;

import static org.casebook.report.table.Formats.MISSING;

/**
 * Timing of measurements per patient, from the workbook: the actual days of each time point's
 * measurements and CT (so a reader sees, for instance, that the "after" CT was taken on days
 * 21–36), the follow-up (days from day 0 to death or the last follow-up) and the day of death.
 * The treatment's days are the table before ({@link TreatmentTable}). Columns empty for every
 * patient are left out; without any column left there is no table.
 */
public final class TimingTable
{
    private TimingTable() {}

    /** The table numbered {@code number} (e.g. "5b"), or empty when no patient has a day to show. */
    public static Optional<ReportTable> build(StudyData data, String number)
    {
        List<String> timepoints = data.protocol().timepointNames();
        // the day of death only when someone died: a column of "not applicable" says nothing
        String death = Optional.ofNullable(data.protocol().outcomes().deathField())
                .filter(field -> data.workbook().cases().stream().anyMatch(record -> record.date(field) != null)).orElse(null);
        // each patient's CT studies, found once; measurements are indexed by patient in the workbook
        Map<String, List<CtStudy>> studiesByPatient = new HashMap<>();
        for (CtStudy study : data.workbook().ctStudies()) {
            studiesByPatient.computeIfAbsent(study.patientId(), key -> new ArrayList<>()).add(study);
        }
        List<String> columns = new ArrayList<>();
        columns.add("Patient");
        for (String timepoint : timepoints) {
            columns.add(data.timepointLabel(timepoint) + ": measured (day)");
            columns.add(data.timepointLabel(timepoint) + ": CT (day)");
        }
        boolean followup = data.protocol().outcomes().tracksSurvival();
        if (followup) {
            columns.add("Follow-up (days)");
        }
        if (death != null) {
            columns.add("Died (day)");
        }
        List<CaseRecord> records = data.casesInOrder();
        ReportTable.Builder table = new ReportTable.Builder("table" + number + "_timing", "Table " + number + ". Timing of measurements and follow-up per patient", columns);
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
            for (String timepoint : timepoints) {
                row.add(range(measured.get(timepoint)));
                row.add(range(scanned.get(timepoint)));
            }
            if (followup) {
                LocalDate end = data.followupEnd(record);
                row.add(end == null ? MISSING : Long.toString(ChronoUnit.DAYS.between(record.dayZero(), end)));
            }
            if (death != null) {
                LocalDate died = record.date(death);
                // alive at the last follow-up: no day of death to record
                row.add(died != null ? Long.toString(ChronoUnit.DAYS.between(record.dayZero(), died))
                        : data.protocol().outcomes().lastFollowupField() != null && data.lastFollowupDate(record) != null ? AdverseEventTable.NOT_APPLICABLE : MISSING);
            }
            return row;
        });
        table.note("Days from day 0 (" + data.dayZeroLabel() + "); negative before it. Measured: the days of the time point's measurements, CT: of its CT "
                + "(first–last when on several days).");
        if (followup) {
            table.note("Follow-up: days from day 0 to death or the last follow-up.");
        }
        table.note(MISSING + " not recorded" + (death != null ? "; " + AdverseEventTable.NOT_APPLICABLE + " not applicable (no death recorded by the last follow-up)." : "."));
        ReportTable dropped = EmptyColumns.drop(table.build());
        return dropped.columns().size() > 1 ? Optional.of(dropped) : Optional.empty();
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
