package org.casebook.report.table;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.casebook.analysis.PatientResult;
import org.casebook.casedata.CaseRecord;
import org.casebook.protocol.ExtractRule;
import org.casebook.protocol.ReportLayout;
import org.casebook.report.StudyData;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;

import static org.casebook.report.table.AdverseEventTable.NOT_APPLICABLE;
import static org.casebook.report.table.Formats.MISSING;

/**
 * Treatment per patient, one row per patient (by case number): the columns of the protocol's
 * {@code report.treatment}, written as Table 2's, plus days between two dates, an exposure's start
 * and duration, and the length of stay; or by default, from the protocol's case schema and
 * timeline: each agent (and each field another field's record is taken from, such as a pulse
 * given yes/no) with its dose beside it and the dates and reasons taken from its record after it,
 * then the other date fields (each timeline exposure as its start and duration), then the length
 * of stay. Dates are days from day 0. The measurements' days and the follow-up are the next table's
 * ({@link TimingTable}): one table with both grew wider than the page.
 */
public final class TreatmentTable
{
    private TreatmentTable() {}

    /** The table numbered {@code number} (e.g. "5"), or empty when it would show no column but the patient. */
    public static Optional<ReportTable> build(StudyData data, String number)
    {
        ReportLayout layout = data.protocol().report();
        List<ReportLayout.Column> layoutColumns = layout.findTreatment().map(ReportLayout.Treatment::columns).orElseGet(() -> defaultColumns(data));
        List<PatientTable.Column> columns = new ArrayList<>();
        for (ReportLayout.Column column : layoutColumns) {
            columns.addAll(columns(data, column));
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<String> headers = new ArrayList<>();
        headers.add("Patient");
        columns.forEach(column -> headers.add(column.header()));
        ReportTable.Builder table = new ReportTable.Builder("table" + number + "_treatment", "Table " + number + ". Treatment per patient", headers);
        Map<String, PatientResult> results = new HashMap<>();
        data.results().patients().forEach(patient -> results.put(patient.patientId(), patient));
        List<CaseRecord> records = data.casesInOrder().stream().filter(record -> results.containsKey(record.patientId())).toList();
        // a row per patient, made when read (ReportTable.ComputedRows)
        table.computedRows(records.size(), index -> {
            CaseRecord record = records.get(index);
            List<String> row = new ArrayList<>(columns.size() + 1);
            row.add(data.caseLabel(record.patientId()));
            columns.forEach(column -> row.add(column.cell().apply(record, results.get(record.patientId()))));
            return row;
        });
        if (columns.stream().anyMatch(column -> column.kind().equals("date") || column.kind().equals("exposure"))) {
            table.note("Days: from day 0 (" + data.dayZeroLabel() + "), negative before it.");
        }
        Set<String> notes = new LinkedHashSet<>();
        columns.stream().map(PatientTable.Column::note).filter(note -> note != null).forEach(notes::add);
        notes.forEach(table::note);
        table.note(MISSING + " not recorded; " + PatientTable.NOT_APPLICABLE_NOTE);
        ReportTable dropped = EmptyColumns.drop(table.build());
        return dropped.columns().size() > 1 ? Optional.of(dropped) : Optional.empty();
    }

    /** The cells of one layout column: the treatment table's own kinds here, Table 2's from {@link PatientTable}. */
    private static List<PatientTable.Column> columns(StudyData data, ReportLayout.Column column)
    {
        return switch (column.kind()) {
            case "days_between" -> List.of(daysBetween(data, column));
            case "exposure" -> exposure(data, column);
            case "stay" -> List.of(stay(data, column));
            default -> PatientTable.columns(data, column, false);
        };
    }

    /** Days from one date to the other (negative when the second is earlier: a prior agent stopped after onset). */
    private static PatientTable.Column daysBetween(StudyData data, ReportLayout.Column column)
    {
        String from = dateLabel(data, column.name());
        String to = dateLabel(data, column.to());
        String header = column.label() != null ? column.label() : "Days " + from + " → " + to;
        return new PatientTable.Column("days_between", header, (record, patient) -> days(data, record, column.name(), column.to()),
                header + ": days from " + from + " to " + to + ", negative when " + to + " came first.");
    }

    /** The timeline's stay, in days from its first date to its last. */
    private static PatientTable.Column stay(StudyData data, ReportLayout.Column column)
    {
        ReportLayout.Timeline timeline = data.protocol().report().timeline();
        String header = column.label() != null ? column.label() : "Length of stay (days)";
        return new PatientTable.Column("stay", header, (record, patient) -> days(data, record, timeline.stayFrom(), timeline.stayTo()),
                header + ": days from " + dateLabel(data, timeline.stayFrom()) + " to " + dateLabel(data, timeline.stayTo())
                        + "; " + MISSING + " when either is not recorded, as for a patient not yet discharged.");
    }

    /**
     * The timeline's exposure starting at {@code column.name()}: its start day, and its duration in
     * days when the protocol gives one, from its stop date (both days counted) or its fixed
     * {@code days} (the protocol's plan, not a recorded duration, which the note says).
     */
    private static List<PatientTable.Column> exposure(StudyData data, ReportLayout.Column column)
    {
        ReportLayout.Exposure exposure = data.protocol().report().timeline().exposures().stream()
                .filter(candidate -> candidate.start().equals(column.name())).findFirst().orElseThrow();
        String label = column.label() != null ? column.label() : exposure.label();
        List<PatientTable.Column> columns = new ArrayList<>();
        columns.add(new PatientTable.Column("exposure", label + " start (day)", (record, patient) -> day(data, record, exposure.start()), null));
        if (exposure.stop() != null) {
            columns.add(new PatientTable.Column("exposure", label + " duration (days)",
                    (record, patient) -> {
                        String between = days(data, record, exposure.start(), exposure.stop());
                        return between.equals(MISSING) || between.equals(NOT_APPLICABLE) ? between : Long.toString(Long.parseLong(between) + 1);
                    },
                    label + " duration: days from its start to its stop (" + dateLabel(data, exposure.stop()) + "), both counted."));
        }
        else if (exposure.days() != null) {
            columns.add(new PatientTable.Column("exposure", label + " duration (days)",
                    (record, patient) -> {
                        String start = day(data, record, exposure.start());
                        return start.equals(MISSING) || start.equals(NOT_APPLICABLE) ? start : Integer.toString(exposure.days());
                    },
                    label + " duration: the " + exposure.days() + " days the protocol plans, for each patient with a start; not recorded per patient."));
        }
        return columns;
    }

    /** A date field's day from day 0, or {@code day0} itself. */
    private static String day(StudyData data, CaseRecord record, String field)
    {
        LocalDate date = date(record, field);
        if (date != null) {
            return Long.toString(ChronoUnit.DAYS.between(record.dayZero(), date));
        }
        return data.notApplicable(record, field) ? NOT_APPLICABLE : MISSING;
    }

    /** Days from {@code from} to {@code to}: not applicable when either is, not recorded when either is not. */
    private static String days(StudyData data, CaseRecord record, String from, String to)
    {
        LocalDate start = date(record, from);
        LocalDate end = date(record, to);
        if (start != null && end != null) {
            return Long.toString(ChronoUnit.DAYS.between(start, end));
        }
        if (start == null && data.notApplicable(record, from) || end == null && data.notApplicable(record, to)) {
            return NOT_APPLICABLE;
        }
        return MISSING;
    }

    private static LocalDate date(CaseRecord record, String field)
    {
        return field.equals(ReportLayout.Column.DAY_ZERO) ? record.dayZero() : record.date(field);
    }

    /** A date's name in a header or note: the field's label in running text, "day 0" for day 0. */
    private static String dateLabel(StudyData data, String field)
    {
        if (field.equals(ReportLayout.Column.DAY_ZERO)) {
            return "day 0";
        }
        return StudyData.inText(data.protocol().caseSchema().findField(field).map(CaseField::label).orElse(field));
    }

    /**
     * Without {@code report.treatment}: each agent, and each field another's record is taken from
     * (in the protocol's extraction, {@code record_of}), with the number taken from its record
     * beside it (a dose) and its dates and texts after it; then the other date fields; a timeline
     * exposure's start as its start and duration; then the length of the timeline's stay. Day 0's,
     * the death's and the last follow-up's dates are the timing table's.
     */
    static List<ReportLayout.Column> defaultColumns(StudyData data)
    {
        CaseSchema schema = data.protocol().caseSchema();
        ReportLayout.Timeline timeline = data.protocol().report().timeline();
        Set<String> left = new LinkedHashSet<>(List.of(schema.dayZeroField()));
        Optional.ofNullable(schema.dayZeroFallback()).ifPresent(left::add);
        Optional.ofNullable(data.protocol().outcomes().deathField()).ifPresent(left::add);
        Optional.ofNullable(data.protocol().outcomes().lastFollowupField()).ifPresent(left::add);
        if (timeline.stayFrom() != null) {
            left.add(timeline.stayFrom());
            left.add(timeline.stayTo());
        }
        Map<String, List<CaseField>> fromRecordOf = new HashMap<>();
        for (ExtractRule rule : data.protocol().extract()) {
            if (rule.recordOf() != null && rule.field() != null) {
                schema.findField(rule.field()).ifPresent(field -> fromRecordOf.computeIfAbsent(rule.recordOf(), key -> new ArrayList<>()).add(field));
            }
        }
        List<ReportLayout.Column> columns = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>(left);
        for (CaseField field : schema.fields()) {
            List<CaseField> taken = fromRecordOf.getOrDefault(field.name(), List.of());
            if (used.contains(field.name()) || field.kind() != FieldKind.AGENT && taken.isEmpty()) {
                continue;
            }
            used.add(field.name());
            String dose = taken.stream().filter(other -> other.kind().isNumeric() && !used.contains(other.name())).map(CaseField::name).findFirst().orElse(null);
            Optional.ofNullable(dose).ifPresent(used::add);
            columns.add(new ReportLayout.Column("field", field.name(), null, dose));
            for (CaseField other : taken) {
                if (!used.contains(other.name()) && (other.kind() == FieldKind.DATE || other.kind() == FieldKind.TEXT)) {
                    used.add(other.name());
                    columns.add(dateColumn(other, timeline));
                }
            }
        }
        for (CaseField field : schema.fields()) {
            if (field.kind() == FieldKind.DATE && !used.contains(field.name())) {
                columns.add(dateColumn(field, timeline));
            }
        }
        if (timeline.stayFrom() != null) {
            columns.add(new ReportLayout.Column("stay", null, null, null));
        }
        return columns;
    }

    /** A date as an exposure's start and duration when the timeline draws one from it; else (or a text) the field. */
    private static ReportLayout.Column dateColumn(CaseField field, ReportLayout.Timeline timeline)
    {
        boolean exposure = timeline.exposures().stream().anyMatch(candidate -> candidate.start().equals(field.name()));
        return new ReportLayout.Column(exposure ? "exposure" : "field", field.name(), null, null);
    }
}
