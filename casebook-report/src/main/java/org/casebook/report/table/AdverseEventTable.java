package org.casebook.report.table;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.report.StudyData;

import static org.casebook.report.table.Formats.MISSING;

/**
 * The adverse-event tables a reviewer asks for, from the workbook's {@code adverse_events} sheet
 * and nothing else: one row per event (case, term, grade, serious, related to, onset day from
 * day 0, action taken), events before day 0 listed apart and not counted as emerging after it, and
 * a summary by grade. What the workbook does not record (the CTCAE version, the event's outcome)
 * is said in a footnote, not guessed. Empty when no event is recorded.
 */
public final class AdverseEventTable
{
    /** The period of an event relative to day 0. */
    static final String BEFORE = "before day 0";
    static final String FROM = "from day 0";

    private AdverseEventTable() {}

    /** The per-event table numbered {@code number} (e.g. "4"), or empty without events. */
    public static Optional<ReportTable> events(StudyData data, String number)
    {
        List<Row> rows = rows(data);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ReportTable.Builder table = new ReportTable.Builder("table" + number + "_adverse_events", "Table " + number + ". Adverse events, one row per event",
                List.of("Patient", "Period", "Onset (day)", "Event", "Grade", "Serious", "Related to", "Action taken"));
        for (Row row : rows) {
            AdverseEvent event = row.event();
            table.row(event.patientId(), row.day() == null ? MISSING : row.day() < 0 ? BEFORE : FROM, row.day() == null ? MISSING : Long.toString(row.day()),
                    text(event.term()), event.grade() == null ? MISSING : Integer.toString(event.grade()), Formats.yesNo(event.serious()),
                    text(event.relatedTo()), text(event.action()));
        }
        table.note("Onset: days from day 0 (" + data.dayZeroLabel() + "). Events with onset before day 0 are listed first and are not counted as emerging after day 0.");
        table.note("Grade: as recorded in the workbook (CTCAE grade 1–5); the CTCAE version and each event's outcome are not recorded in the workbook and are for the author to add. "
                + MISSING + " not recorded.");
        return Optional.of(table.build());
    }

    /**
     * Events and patients by grade, from day 0 on and before it, numbered {@code number} (e.g.
     * "4b"); a patient counts once per grade, at each grade they had. Empty without events.
     */
    public static Optional<ReportTable> grades(StudyData data, String number)
    {
        List<Row> rows = rows(data);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int patients = data.workbook().cases().size();
        Map<String, int[]> events = new TreeMap<>(Comparator.comparing(AdverseEventTable::gradeOrder));
        Map<String, Set<String>> patientsFrom = new TreeMap<>(Comparator.comparing(AdverseEventTable::gradeOrder));
        for (Row row : rows) {
            String grade = row.event().grade() == null ? "not recorded" : Integer.toString(row.event().grade());
            int[] counts = events.computeIfAbsent(grade, key -> new int[2]);
            boolean before = row.day() != null && row.day() < 0;
            counts[before ? 1 : 0]++;
            if (!before) {
                patientsFrom.computeIfAbsent(grade, key -> new LinkedHashSet<>()).add(row.event().patientId());
            }
        }
        ReportTable.Builder table = new ReportTable.Builder("table" + number + "_adverse_event_grades", "Table " + number + ". Adverse events by grade",
                List.of("Grade", "Events from day 0", "Patients from day 0, n/N (%)", "Events before day 0"));
        int totalFrom = 0;
        int totalBefore = 0;
        Set<String> anyPatient = new LinkedHashSet<>();
        for (Map.Entry<String, int[]> entry : events.entrySet()) {
            int withGrade = patientsFrom.getOrDefault(entry.getKey(), Set.of()).size();
            anyPatient.addAll(patientsFrom.getOrDefault(entry.getKey(), Set.of()));
            table.row(entry.getKey(), Integer.toString(entry.getValue()[0]), Formats.countOf(withGrade, patients), Integer.toString(entry.getValue()[1]));
            totalFrom += entry.getValue()[0];
            totalBefore += entry.getValue()[1];
        }
        table.row("any", Integer.toString(totalFrom), Formats.countOf(anyPatient.size(), patients), Integer.toString(totalBefore));
        table.note("N = all " + patients + " patients of the series. Events with an unrecorded onset are counted from day 0. Events before day 0 ("
                + data.dayZeroLabel() + ") are not counted as emerging after it.");
        return Optional.of(table.build());
    }

    private static int gradeOrder(String grade)
    {
        return grade.equals("not recorded") ? Integer.MAX_VALUE : Integer.parseInt(grade);
    }

    private record Row(AdverseEvent event, Long day) {}

    /** Events in order: before day 0 first, then by case and onset. */
    private static List<Row> rows(StudyData data)
    {
        List<Row> rows = new ArrayList<>();
        for (AdverseEvent event : data.workbook().adverseEvents()) {
            Long day = null;
            Optional<CaseRecord> record = data.workbook().findCase(event.patientId());
            if (event.onsetDate() != null && record.isPresent()) {
                day = ChronoUnit.DAYS.between(record.get().dayZero(), event.onsetDate());
            }
            rows.add(new Row(event, day));
        }
        List<String> order = data.workbook().cases().stream().map(CaseRecord::patientId).toList();
        rows.sort(Comparator.comparing((Row row) -> row.day() == null || row.day() >= 0)
                .thenComparing(row -> order.indexOf(row.event().patientId()))
                .thenComparing(row -> row.day() == null ? Long.MAX_VALUE : row.day()));
        return rows;
    }

    private static String text(String value)
    {
        return value == null || value.isBlank() ? MISSING : value;
    }
}
