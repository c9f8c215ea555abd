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
import org.casebook.schema.AdverseEventSchema;

import static org.casebook.report.table.Formats.MISSING;

/**
 * The adverse-event tables a reviewer asks for, from the workbook's {@code adverse_events} sheet
 * and the protocol's {@code adverse_events} levels: one row per event (case number, term, CTCAE
 * grade and version, serious, related to, onset day from day 0 and, where the protocol names the
 * treatment's start in {@code report.timeline}, from that start, action taken, outcome) and a
 * summary by grade. Events before the treatment started (before day 0 when the protocol names no
 * treatment) are listed first, apart, and are not counted as treatment-emergent. A column no event
 * records is left out ({@link EmptyColumns}). Empty when no event is recorded.
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
        Versions versions = Versions.of(data, rows);
        columns.addAll(List.of("Event", versions.gradeColumn(), "Serious", "Related to", "Action taken", "Outcome"));
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
            AdverseEventSchema levels = data.protocol().caseSchema().adverseEvents();
            cells.addAll(List.of(text(event.term()), versions.grade(event), Formats.yesNo(event.serious()),
                    text(event.relatedTo() == null ? null : levels.relatedToLabel(event.relatedTo())), text(event.action()),
                    text(event.outcome() == null ? null : levels.outcomeLabel(event.outcome()))));
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
        boolean anyOutcome = rows.stream().anyMatch(row -> row.event().outcome() != null && !row.event().outcome().isBlank());
        table.note(versions.note() + (anyOutcome ? " Outcome: as recorded, in the protocol's words." : "") + " " + MISSING + " not recorded.");
        return Optional.of(EmptyColumns.drop(table.build(), "event"));
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

    /**
     * The CTCAE version of each event (its own, else the study's {@code adverse_events.ctcae_version}):
     * named once in the grade column's heading when all events share it, else beside each grade.
     */
    private record Versions(String shared, boolean mixed, AdverseEventSchema levels)
    {
        static Versions of(StudyData data, List<Row> rows)
        {
            AdverseEventSchema levels = data.protocol().caseSchema().adverseEvents();
            Set<String> versions = new LinkedHashSet<>();
            rows.forEach(row -> versions.add(String.valueOf(levels.ctcaeVersionOf(row.event().ctcaeVersion()))));
            boolean mixed = versions.size() > 1;
            String shared = mixed ? null : levels.ctcaeVersionOf(rows.get(0).event().ctcaeVersion());
            return new Versions(shared, mixed, levels);
        }

        String gradeColumn()
        {
            if (mixed) {
                return "Grade (CTCAE version)";
            }
            return shared == null ? "Grade" : "Grade (CTCAE v" + shared + ")";
        }

        String grade(AdverseEvent event)
        {
            if (event.grade() == null) {
                return MISSING;
            }
            String version = levels.ctcaeVersionOf(event.ctcaeVersion());
            return mixed && version != null ? event.grade() + " (v" + version + ")" : Integer.toString(event.grade());
        }

        String note()
        {
            String source = levels.ctcaeVersion() == null ? "as recorded for each event" : "the study's CTCAE v" + levels.ctcaeVersion() + " unless recorded otherwise";
            if (shared == null && !mixed) {
                return "Grade: CTCAE grade 1–5 as recorded; the CTCAE version is recorded neither for the study (adverse_events.ctcae_version) nor for any event.";
            }
            return "Grade: CTCAE grade 1–5; version " + source + (mixed ? ", shown beside each grade where known." : ".");
        }
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
