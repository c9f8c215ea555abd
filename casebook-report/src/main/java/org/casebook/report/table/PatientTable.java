package org.casebook.report.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.PatientResult;
import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.protocol.OutcomeSpec;
import org.casebook.report.StudyData;

import static org.casebook.report.table.Formats.MISSING;
import static org.casebook.report.table.Formats.number;
import static org.casebook.report.table.Formats.oneDecimal;

/**
 * Table 2, one row per patient: the JAK inhibitor given (agent, dose), the methylprednisolone pulse,
 * days from the prior JAK-inhibitor stop to onset, P/F and %FVC across the comparisons of the
 * protocol's {@code pf_increased} and {@code fvc_declined_any} outcomes,
 * the CT total at every time point, home oxygen, the day-90 status and the adverse events.
 */
public final class PatientTable
{
    public static final String ID = "table2_patients";
    private static final String ARROW = " → ";

    private PatientTable() {}

    public static ReportTable build(StudyData data)
    {
        var outcomes = data.protocol().outcomes();
        OutcomeSpec oxygenation = outcomes.find("pf_increased").orElseThrow();
        OutcomeSpec lungFunction = outcomes.find("fvc_declined_any").orElseThrow();
        OutcomeSpec pulse = outcomes.find("pulse").orElseThrow();
        String days = outcomes.find("jaki_stopped_for_ae_before_onset").orElseThrow().daysSummary();
        List<String> columns = new ArrayList<>(List.of("Patient", "JAK inhibitor (mg/day)", "mPSL pulse (max mg/day)", "Days JAKi stop → onset",
                "P/F " + oxygenation.from() + ARROW + oxygenation.to()));
        for (String timepoint : data.protocol().timepointNames()) {
            columns.add("CT total, " + timepoint);
        }
        columns.addAll(List.of("%FVC " + lungFunction.from() + ARROW + lungFunction.to(), "Home oxygen",
                "Day-" + outcomes.followupDay() + " status", "Adverse events"));
        ReportTable.Builder table = new ReportTable.Builder(ID, "Table 2. Patients one by one", columns);
        for (PatientResult patient : data.results().patients()) {
            CaseRecord record = data.record(patient.patientId());
            List<String> row = new ArrayList<>();
            row.add(patient.patientId());
            row.add(jakInhibitor(record));
            row.add(pulse(record));
            row.add(Optional.ofNullable(days == null ? null : patient.daysToDayZero().get(days)).map(String::valueOf).orElse(MISSING));
            row.add(change(data, patient, oxygenation.variable(), oxygenation.from(), oxygenation.to()));
            for (String timepoint : data.protocol().timepointNames()) {
                row.add(data.value(patient, timepoint, CaseSeriesAnalysis.CT_TOTAL).map(Formats::oneDecimal).orElse(MISSING));
            }
            row.add(change(data, patient, lungFunction.variable(), lungFunction.from(), lungFunction.to()));
            row.add(Formats.yesNo(record.homeOxygenAtDischarge()));
            row.add(patient.vitalStatus());
            row.add(adverseEvents(data, patient.patientId()));
            table.row(row);
        }
        return table
                .note("Days JAKi stop → onset only where the prior JAK inhibitor was stopped for an adverse event on or before onset. "
                        + "mPSL: methylprednisolone; pulse as recorded, or a daily dose ≥ " + (pulse.orAtLeast() == null ? MISSING : number(pulse.orAtLeast().threshold().doubleValue())) + " mg when not recorded.")
                .note("CT total: " + data.results().ctSystem() + " score, mean of the readers. " + MISSING + " not recorded.")
                .build();
    }

    private static String jakInhibitor(CaseRecord record)
    {
        if (record.jakiAgent() == null || record.jakiAgent().isBlank()) {
            return MISSING;
        }
        String agent = record.jakiAgent().strip().toLowerCase(java.util.Locale.ROOT);
        return record.jakiDoseMg() == null ? agent : agent + " " + number(record.jakiDoseMg());
    }

    private static String pulse(CaseRecord record)
    {
        String dose = record.mpslMaxDailyDoseMg() == null ? "" : " (" + number(record.mpslMaxDailyDoseMg()) + ")";
        if (record.mpslPulse() == null) {
            return record.mpslMaxDailyDoseMg() == null ? MISSING : "not recorded" + dose;
        }
        return (record.mpslPulse() ? "yes" : "no") + dose;
    }

    private static String change(StudyData data, PatientResult patient, String variable, String from, String to)
    {
        String first = data.value(patient, from, variable).map(Formats::oneDecimal).orElse(MISSING);
        String second = data.value(patient, to, variable).map(Formats::oneDecimal).orElse(MISSING);
        return first + ARROW + second;
    }

    static String adverseEvents(StudyData data, String patientId)
    {
        List<AdverseEvent> events = data.workbook().adverseEventsOf(patientId);
        if (events.isEmpty()) {
            return "none recorded";
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
