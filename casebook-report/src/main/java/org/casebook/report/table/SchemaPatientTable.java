package org.casebook.report.table;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.PatientResult;
import org.casebook.casedata.CaseRecord;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.report.StudyData;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;

import static org.casebook.report.table.Formats.MISSING;

/**
 * Table 2 of a study other than the seed, one row per patient: the protocol's case fields
 * (labels as headers, numbers with their unit, dates as days from day 0, free text left out),
 * the CT total at every time point when CT was scored, each {@code change} outcome's values,
 * the status at the follow-up day (when the schema records death or follow-up) and the adverse
 * events.
 */
public final class SchemaPatientTable
{
    private static final String ARROW = " → ";

    private SchemaPatientTable() {}

    public static ReportTable build(StudyData data)
    {
        CaseSchema schema = data.protocol().caseSchema();
        List<CaseField> fields = schema.fields().stream()
                .filter(field -> field.kind() != FieldKind.TEXT && !field.name().equals(schema.dayZeroField()))
                .toList();
        boolean ct = !data.results().scans().isEmpty();
        Map<String, OutcomeSpec> changes = new LinkedHashMap<>();
        for (OutcomeSpec spec : data.protocol().outcomes().list()) {
            if (spec.kind().equals("change")) {
                changes.putIfAbsent(spec.variable() + "|" + spec.from() + "|" + spec.to(), spec);
            }
        }
        boolean status = schema.findField("death_date").isPresent() || schema.findField("last_followup_date").isPresent();
        int followupDay = data.protocol().outcomes().followupDay();
        List<String> columns = new ArrayList<>();
        columns.add("Patient");
        fields.forEach(field -> columns.add(header(field)));
        if (ct) {
            data.protocol().timepointNames().forEach(timepoint -> columns.add("CT total, " + data.timepointLabel(timepoint)));
        }
        changes.values().forEach(spec -> columns.add(data.labelWithUnit(spec.variable()) + ", " + data.timepointLabel(spec.from()) + ARROW + data.timepointLabel(spec.to())));
        if (status) {
            columns.add("Day-" + followupDay + " status");
        }
        columns.add("Adverse events");
        ReportTable.Builder table = new ReportTable.Builder(PatientTable.ID, "Table 2. Patients one by one", columns);
        for (PatientResult patient : data.results().patients()) {
            CaseRecord record = data.record(patient.patientId());
            Map<String, Object> values = record.values();
            List<String> row = new ArrayList<>();
            row.add(patient.patientId());
            for (CaseField field : fields) {
                Object value = values.get(field.name());
                row.add(value instanceof LocalDate date ? Long.toString(ChronoUnit.DAYS.between(patient.dayZero(), date)) : BaselineTable.format(value));
            }
            if (ct) {
                for (String timepoint : data.protocol().timepointNames()) {
                    row.add(data.value(patient, timepoint, CaseSeriesAnalysis.CT_TOTAL).map(Formats::oneDecimal).orElse(MISSING));
                }
            }
            for (OutcomeSpec spec : changes.values()) {
                row.add(data.value(patient, spec.from(), spec.variable()).map(Formats::number).orElse(MISSING) + ARROW
                        + data.value(patient, spec.to(), spec.variable()).map(Formats::number).orElse(MISSING));
            }
            if (status) {
                row.add(patient.vitalStatus());
            }
            row.add(PatientTable.adverseEvents(data, patient.patientId()));
            table.row(row);
        }
        String dayZero = data.protocol().caseSchema().findField(schema.dayZeroField()).map(CaseField::label).orElse(schema.dayZeroField());
        table.note("Dates are shown as days from day 0 (" + dayZero + "); free-text fields are not shown. " + MISSING + " not recorded.");
        if (ct) {
            table.note("CT total: " + data.results().ctSystem() + " score, mean of the readers.");
        }
        return table.build();
    }

    private static String header(CaseField field)
    {
        if (field.kind() == FieldKind.DATE) {
            return field.label() + " (day)";
        }
        if (field.kind().isNumeric() && field.unit() != null && !field.unit().isBlank()) {
            return field.label() + " (" + field.unit() + ")";
        }
        return field.label();
    }
}
