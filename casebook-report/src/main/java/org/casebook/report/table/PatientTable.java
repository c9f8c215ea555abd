package org.casebook.report.table;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.PatientResult;
import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.protocol.ReportLayout;
import org.casebook.report.StudyData;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;

import static org.casebook.report.table.Formats.MISSING;

/**
 * Table 2, one row per patient (by case number), with the columns of the protocol's
 * {@code report.table2}, or by default: every case field but free text and day 0's own (labels as
 * headers, numbers with their unit, dates as days from day 0), the CT total at every time point
 * when CT was scored, each {@code change} outcome's two values, the status at the follow-up day
 * when the protocol records death or follow-up, and the adverse events.
 */
public final class PatientTable
{
    public static final String ID = "table2_patients";
    private static final String ARROW = " → ";
    /** The footnote's words for {@link AdverseEventTable#NOT_APPLICABLE} in a per-patient table. */
    static final String NOT_APPLICABLE_NOTE = AdverseEventTable.NOT_APPLICABLE
            + " not applicable (a value taken from the record of a field answered no or none, such as the start of a treatment not given).";

    private PatientTable() {}

    public static ReportTable build(StudyData data)
    {
        ReportLayout.Table2 layout = data.protocol().report().findTable2().orElseGet(() -> defaultLayout(data));
        List<Column> columns = new ArrayList<>();
        for (ReportLayout.Column column : layout.columns()) {
            columns.addAll(columns(data, column, layout.timepointNames()));
        }
        List<String> headers = new ArrayList<>();
        headers.add("Patient");
        columns.forEach(column -> headers.add(column.header()));
        ReportTable.Builder table = new ReportTable.Builder(ID, "Table 2. Patients one by one", headers);
        Map<String, PatientResult> results = new HashMap<>();
        data.results().patients().forEach(patient -> results.put(patient.patientId(), patient));
        List<CaseRecord> records = data.casesInOrder().stream().filter(record -> results.containsKey(record.patientId())).toList();
        // a row per patient, made when read (ReportTable.ComputedRows)
        table.computedRows(records.size(), index -> {
            CaseRecord record = records.get(index);
            PatientResult patient = results.get(record.patientId());
            List<String> row = new ArrayList<>(columns.size() + 1);
            row.add(data.caseLabel(record.patientId()));
            columns.forEach(column -> row.add(column.cell().apply(record, patient)));
            return row;
        });
        if (columns.stream().anyMatch(column -> column.kind().equals("date"))) {
            table.note("Dates are shown as days from day 0 (" + data.dayZeroLabel() + "), negative before it.");
        }
        for (Column column : columns) {
            if (column.note() != null) {
                table.note(column.note());
            }
        }
        if (columns.stream().anyMatch(column -> column.kind().equals("ct_total"))) {
            table.note("CT total: " + Formats.ctSystemName(data.results().ctSystem()) + " score, mean of the readers.");
        }
        boolean notApplicable = columns.stream().anyMatch(column -> column.kind().equals("date") || column.kind().equals("field"))
                && layout.columns().stream().anyMatch(column -> column.kind().equals("field") && data.mayBeNotApplicable(column.name()));
        return table.note(MISSING + " not recorded." + (notApplicable ? " " + NOT_APPLICABLE_NOTE : "")).build();
    }

    /** Without {@code report.table2}: every field but text and day 0's, the CT total when scored, the change outcomes, the status, the adverse events. */
    private static ReportLayout.Table2 defaultLayout(StudyData data)
    {
        CaseSchema schema = data.protocol().caseSchema();
        List<ReportLayout.Column> columns = new ArrayList<>();
        schema.fields().stream()
                .filter(field -> field.kind() != FieldKind.TEXT && !field.name().equals(schema.dayZeroField()))
                .forEach(field -> columns.add(new ReportLayout.Column("field", field.name(), null, null)));
        if (!data.results().scans().isEmpty()) {
            columns.add(new ReportLayout.Column("ct_total", null, null, null));
        }
        List<String> comparisons = new ArrayList<>();
        for (OutcomeSpec spec : data.protocol().outcomes().list()) {
            String comparison = spec.variable() + "|" + spec.from() + "|" + spec.to();
            if (spec.kind().equals("change") && !comparisons.contains(comparison)) {
                comparisons.add(comparison);
                columns.add(new ReportLayout.Column("outcome", spec.name(), null, null));
            }
        }
        if (data.protocol().outcomes().tracksSurvival()) {
            columns.add(new ReportLayout.Column("status", null, null, null));
        }
        columns.add(new ReportLayout.Column("adverse_events", null, null, null));
        return new ReportLayout.Table2(false, columns);
    }

    /** A column of cells; {@code kind} says what its note is about. */
    record Column(String kind, String header, java.util.function.BiFunction<CaseRecord, PatientResult, String> cell, String note) {}

    /** The cells of one layout column (several for {@code ct_total}); the treatment table's own kinds are its own ({@link TreatmentTable}). */
    static List<Column> columns(StudyData data, ReportLayout.Column column, boolean timepointNames)
    {
        return switch (column.kind()) {
            case "field" -> List.of(field(data, column));
            case "outcome" -> List.of(outcome(data, column));
            case "ct_total" -> data.protocol().timepointNames().stream()
                    .map(timepoint -> new Column("ct_total", column.label() != null ? column.label() + ", " + label(data, timepoint, timepointNames)
                            : "CT total, " + label(data, timepoint, timepointNames),
                            (record, patient) -> data.value(patient, timepoint, CaseSeriesAnalysis.CT_TOTAL).map(Formats::oneDecimal).orElse(MISSING), null))
                    .toList();
            case "status" -> List.of(new Column("status", column.label() != null ? column.label() : "Day-" + data.protocol().outcomes().followupDay() + " status",
                    (record, patient) -> patient.vitalStatus(), null));
            case "adverse_events" -> List.of(new Column("adverse_events", column.label() != null ? column.label() : "Adverse events",
                    (record, patient) -> adverseEvents(data, record.patientId()), null));
            default -> throw new IllegalStateException("unknown column kind " + column.kind());
        };
    }

    private static String label(StudyData data, String timepoint, boolean names)
    {
        return names ? timepoint : data.timepointLabel(timepoint);
    }

    /**
     * A case field: yes/no as yes/no, dates as days from day 0, numbers with the unit in the header.
     * With {@code with}, a number field beside it: an agent's dose after it ({@code upadacitinib 15}),
     * any other value's in parentheses ({@code yes (1000)}; {@code not recorded (60)} when only the number is).
     */
    private static Column field(StudyData data, ReportLayout.Column column)
    {
        CaseField field = data.protocol().caseSchema().findField(column.name()).orElseThrow();
        String header = column.label() != null ? column.label() : header(field);
        String with = column.with();
        return new Column(field.kind() == FieldKind.DATE ? "date" : "field", header, (record, patient) -> {
            String value = value(record, field);
            if (value.equals(MISSING) && data.notApplicable(record, field.name())) {
                return AdverseEventTable.NOT_APPLICABLE;
            }
            Double number = record.number(with);
            if (with == null || (field.kind() == FieldKind.AGENT && value.equals(MISSING))) {
                return value;
            }
            if (field.kind() == FieldKind.AGENT) {
                return number == null ? value : value + " " + Formats.number(number);
            }
            String beside = number == null ? "" : " (" + Formats.number(number) + ")";
            return value.equals(MISSING) ? (number == null ? MISSING : "not recorded" + beside) : value + beside;
        }, null);
    }

    private static String value(CaseRecord record, CaseField field)
    {
        Object value = record.values().get(field.name());
        if (value instanceof LocalDate date) {
            return Long.toString(ChronoUnit.DAYS.between(record.dayZero(), date));
        }
        if (field.kind() == FieldKind.AGENT && value instanceof String agent) {
            return agent.isBlank() ? MISSING : agent.strip();
        }
        return BaselineTable.format(value);
    }

    /**
     * An outcome: a {@code change}'s two values at the variable's decimals ({@code 96.7 → 264.3}; as
     * recorded without them), or
     * an {@code event_by_day}'s days from its date to day 0, for the patients it counts.
     */
    private static Column outcome(StudyData data, ReportLayout.Column column)
    {
        OutcomeSpec spec = data.protocol().outcomes().find(column.name()).orElseThrow();
        if (spec.kind().equals("change")) {
            String header = column.label() != null ? column.label()
                    : data.labelWithUnit(spec.variable()) + ", " + data.timepointLabel(spec.from()) + ARROW + data.timepointLabel(spec.to());
            return new Column("change", header, (record, patient) -> data.value(patient, spec.from(), spec.variable()).map(value -> asRecorded(data, spec.variable(), value)).orElse(MISSING)
                    + ARROW + data.value(patient, spec.to(), spec.variable()).map(value -> asRecorded(data, spec.variable(), value)).orElse(MISSING), null);
        }
        String header = column.label() != null ? column.label() : "Days to day 0: " + Optional.ofNullable(spec.label()).orElse(spec.name());
        // the outcome's rule in the protocol's words; without a description the header already names it (never its raw name)
        String rule = spec.description() != null ? " (" + spec.description() + ")" : "";
        return new Column("days", header, (record, patient) -> Optional.ofNullable(patient.daysToDayZero().get(spec.daysSummary())).map(String::valueOf).orElse(MISSING),
                header + ": days from the event to day 0, only for the patients counted by the outcome" + rule + ".");
    }

    /** A single value: at the variable's {@code decimals}, or as recorded (80, 7.2) when it has none. */
    private static String asRecorded(StudyData data, String variable, double value)
    {
        return data.protocol().findVariable(variable).map(spec -> spec.decimals()).orElse(null) == null ? Formats.number(value) : data.format(variable, value);
    }

    static String header(CaseField field)
    {
        if (field.kind() == FieldKind.DATE) {
            return field.label() + " (day)";
        }
        if (field.kind().isNumeric() && field.unit() != null && !field.unit().isBlank()) {
            return field.label() + " (" + field.unit() + ")";
        }
        return field.label();
    }

    static String adverseEvents(StudyData data, String patientId)
    {
        List<AdverseEvent> events = data.workbook().adverseEventsOf(patientId);
        if (events.isEmpty()) {
            return data.workbook().adverseEventsCollected() ? "none recorded" : "not collected";
        }
        return events.stream().map(PatientTable::adverseEvent).collect(Collectors.joining("; "));
    }

    private static String adverseEvent(AdverseEvent event)
    {
        List<String> details = new ArrayList<>();
        if (event.grade() != null) {
            details.add("grade " + event.grade());
        }
        if (Boolean.TRUE.equals(event.serious())) {
            details.add("serious");
        }
        return details.isEmpty() ? event.term() : event.term() + " (" + String.join(", ", details) + ")";
    }
}
