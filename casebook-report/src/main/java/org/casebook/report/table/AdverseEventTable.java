package org.casebook.report.table;

import java.time.LocalDate;
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
 * and nothing else: one row per event (case number, term, grade, serious, related to, onset day
 * from day 0 and, where the protocol names the treatment's start in {@code report.timeline}, from
 * that start, action taken) and a summary by grade. Events before the treatment started (before day
 * 0 when the protocol names no treatment) are listed first, apart, and are not counted as
 * treatment-emergent. What the workbook does not record (the CTCAE version, the event's outcome)
 * is said in a footnote, not guessed. Empty when no event is recorded.
 */
public final class AdverseEventTable
{
    /** "not applicable": the day from a treatment start for a patient whose treatment has no start. */
    static final String NOT_APPLICABLE = "n/a";

    private AdverseEventTable() {}

    /** How events are split into before and emergent: at day 0, or at the treatment's start. */
    private record Split(String before, String from, String anchor)
    {
        static Split of(StudyData data)
        {
            String treatment = data.protocol().report().timeline().treatmentStart();
            if (treatment == null) {
                return new Split("before day 0", "from day 0", null);
            }
            String label = StudyData.inText(data.protocol().report().timeline().treatmentLabel());
            return new Split("before " + label, "treatment-emergent", treatment);
        }
    }

    /** The per-event table numbered {@code number} (e.g. "4"), or empty without events. */
    public static Optional<ReportTable> events(StudyData data, String number)
    {
        Split split = Split.of(data);
        List<Row> rows = rows(data, split);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>(List.of("Patient", "Period", "Onset (day)"));
        if (split.anchor() != null) {
            columns.add("Onset (day of " + StudyData.inText(data.protocol().report().timeline().treatmentLabel()) + ")");
        }
        columns.addAll(List.of("Event", "Grade", "Serious", "Related to", "Action taken"));
        ReportTable.Builder table = new ReportTable.Builder("table" + number + "_adverse_events", "Table " + number + ". Adverse events, one row per event", columns);
        // a row per event, made when read (ReportTable.ComputedRows)
        table.computedRows(rows.size(), index -> {
            Row row = rows.get(index);
            AdverseEvent event = row.event();
            List<String> cells = new ArrayList<>(List.of(data.caseLabel(event.patientId()), row.before() ? split.before() : split.from(),
                    row.day() == null ? MISSING : Long.toString(row.day())));
            if (split.anchor() != null) {
                cells.add(row.treatmentDay() != null ? Long.toString(row.treatmentDay()) : row.treated() ? MISSING : NOT_APPLICABLE);
            }
            cells.addAll(List.of(text(event.term()), event.grade() == null ? MISSING : Integer.toString(event.grade()), Formats.yesNo(event.serious()),
                    text(event.relatedTo() == null ? null : data.protocol().caseSchema().adverseEvents().relatedToLabel(event.relatedTo())), text(event.action())));
            return cells;
        });
        if (split.anchor() == null) {
            table.note("Onset: days from day 0 (" + data.dayZeroLabel() + "). Events with onset before day 0 are listed first and are not counted as emerging after day 0.");
        }
        else {
            String treatment = StudyData.inText(data.protocol().report().timeline().treatmentLabel());
            table.note("Onset: days from day 0 (" + data.dayZeroLabel() + ") and from the start of " + treatment + " (day 1 = the day it started). "
                    + "Events before the start of " + treatment + ", and every event of a patient who never started it, are listed first and are not "
                    + "treatment-emergent; an event without an onset date counts as treatment-emergent. " + NOT_APPLICABLE + " not applicable (no start recorded).");
        }
        table.note("Grade: as recorded in the workbook (CTCAE grade 1–5); the CTCAE version and each event's outcome are not recorded in the workbook and are for the author to add. "
                + MISSING + " not recorded.");
        return Optional.of(table.build());
    }

    /**
     * Events and patients by grade, emergent and before, numbered {@code number} (e.g. "4b"); a
     * patient counts once per grade, at each grade they had. Empty without events.
     */
    public static Optional<ReportTable> grades(StudyData data, String number)
    {
        Split split = Split.of(data);
        List<Row> rows = rows(data, split);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        // treatment-emergent events are counted over the patients who started the treatment
        int patients = split.anchor() == null ? data.workbook().cases().size()
                : (int) data.workbook().cases().stream().filter(record -> record.date(split.anchor()) != null).count();
        Map<String, int[]> events = new TreeMap<>(Comparator.comparing(AdverseEventTable::gradeOrder));
        Map<String, Set<String>> patientsFrom = new TreeMap<>(Comparator.comparing(AdverseEventTable::gradeOrder));
        for (Row row : rows) {
            String grade = row.event().grade() == null ? "not recorded" : Integer.toString(row.event().grade());
            int[] counts = events.computeIfAbsent(grade, key -> new int[2]);
            counts[row.before() ? 1 : 0]++;
            if (!row.before()) {
                patientsFrom.computeIfAbsent(grade, key -> new LinkedHashSet<>()).add(row.event().patientId());
            }
        }
        String from = split.anchor() == null ? "from day 0" : "treatment-emergent";
        ReportTable.Builder table = new ReportTable.Builder("table" + number + "_adverse_event_grades", "Table " + number + ". Adverse events by grade",
                List.of("Grade", "Events " + from, "Patients " + from + ", n/N (%; 95% CI)", "Events " + split.before()));
        int totalFrom = 0;
        int totalBefore = 0;
        Set<String> anyPatient = new LinkedHashSet<>();
        for (Map.Entry<String, int[]> entry : events.entrySet()) {
            int withGrade = patientsFrom.getOrDefault(entry.getKey(), Set.of()).size();
            anyPatient.addAll(patientsFrom.getOrDefault(entry.getKey(), Set.of()));
            table.row(entry.getKey(), Integer.toString(entry.getValue()[0]), Formats.countWithInterval(withGrade, patients), Integer.toString(entry.getValue()[1]));
            totalFrom += entry.getValue()[0];
            totalBefore += entry.getValue()[1];
        }
        table.row("any", Integer.toString(totalFrom), Formats.countWithInterval(anyPatient.size(), patients), Integer.toString(totalBefore));
        if (split.anchor() == null) {
            table.note("N = all " + patients + " patients of the series. Events with an unrecorded onset are counted from day 0. Events before day 0 ("
                    + data.dayZeroLabel() + ") are not counted as emerging after it.");
        }
        else {
            table.note("N = the " + patients + " patients with a recorded start of " + StudyData.inText(data.protocol().report().timeline().treatmentLabel())
                    + ". Events with an unrecorded onset are counted as treatment-emergent; events before the start, or of a patient never treated, are not.");
        }
        return Optional.of(table.note(Formats.COUNT_INTERVAL_NOTE).build());
    }

    private static int gradeOrder(String grade)
    {
        return grade.equals("not recorded") ? Integer.MAX_VALUE : Integer.parseInt(grade);
    }

    /**
     * An event with its onset in days from day 0 and from the treatment's start (day 1 = the start
     * day, so no day 0 is shared with the day-0 axis), and whether it came before the split.
     */
    private record Row(AdverseEvent event, Long day, Long treatmentDay, boolean treated, boolean before) {}

    /** Events in order: before the split first, then by case number and onset. */
    private static List<Row> rows(StudyData data, Split split)
    {
        List<Row> rows = new ArrayList<>();
        for (AdverseEvent event : data.workbook().adverseEvents()) {
            Optional<CaseRecord> record = data.workbook().findCase(event.patientId());
            Long day = null;
            Long treatmentDay = null;
            LocalDate start = record.map(found -> found.date(split.anchor())).orElse(null);
            if (event.onsetDate() != null && record.isPresent()) {
                day = ChronoUnit.DAYS.between(record.get().dayZero(), event.onsetDate());
                if (start != null) {
                    long between = ChronoUnit.DAYS.between(start, event.onsetDate());
                    treatmentDay = between >= 0 ? between + 1 : between;
                }
            }
            boolean before = split.anchor() == null ? day != null && day < 0 : start == null || treatmentDay != null && treatmentDay < 0;
            rows.add(new Row(event, day, treatmentDay, start != null, before));
        }
        rows.sort(Comparator.comparing((Row row) -> !row.before())
                .thenComparing(row -> data.caseNumbers().number(row.event().patientId()))
                .thenComparing(row -> row.day() == null ? Long.MAX_VALUE : row.day()));
        return rows;
    }

    private static String text(String value)
    {
        return value == null || value.isBlank() ? MISSING : value;
    }
}
