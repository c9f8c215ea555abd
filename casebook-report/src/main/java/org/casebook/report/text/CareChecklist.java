package org.casebook.report.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.report.StudyData;
import org.casebook.report.table.ReportTable;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;

/**
 * The CARE case-report checklist (Gagnier et al. 2013), items adapted for a case series: each
 * says where the report answers it from the data, or flags it for the author when the data cannot
 * (introduction, discussion, consent, …) or when the workbook lacks what it needs.
 */
public final class CareChecklist
{
    public static final String ID = "care_checklist";
    public static final String FOR_AUTHOR = "for the author";
    public static final String ANSWERED = "answered";

    private CareChecklist() {}

    public static ReportTable build(StudyData data)
    {
        if (!data.seedStudy()) {
            return buildFromSchema(data);
        }
        CaseWorkbook workbook = data.workbook();
        List<CaseRecord> cases = workbook.cases();
        boolean demographics = any(cases, CaseRecord::age) && any(cases, CaseRecord::sex);
        boolean history = any(cases, CaseRecord::raDurationYears) || any(cases, CaseRecord::ildPattern) || any(cases, CaseRecord::smoking);
        boolean pastInterventions = any(cases, CaseRecord::priorJaki) || any(cases, CaseRecord::baselinePslMg) || any(cases, CaseRecord::antifibrotic);
        boolean findings = !data.results().summaries().getOrDefault(data.protocol().timepointNames().get(Math.min(1, data.protocol().timepointNames().size() - 1)), java.util.Map.of()).isEmpty();
        boolean timeline = !workbook.ctStudies().isEmpty() || any(cases, CaseRecord::jakiStartDate) || any(cases, CaseRecord::mpslPulseStartDate);
        boolean interventions = any(cases, CaseRecord::jakiAgent);
        boolean doses = any(cases, CaseRecord::jakiDoseMg) || any(cases, CaseRecord::mpslMaxDailyDoseMg);
        boolean outcomes = !data.results().patients().isEmpty() && any(cases, CaseRecord::lastFollowupDate);
        boolean adverseEvents = !workbook.adverseEvents().isEmpty();
        List<List<String>> rows = new ArrayList<>();
        add(rows, "1", "Title: the words \"case series\" and the focus of interest", false, "");
        add(rows, "2", "Key words", false, "");
        add(rows, "3", "Abstract: introduction, main findings, conclusion", true, "Methods and results text (draft); introduction and conclusion by the author");
        add(rows, "4", "Introduction: background and why the series is unique", false, "");
        add(rows, "5a", "Patient information: de-identified demographics", demographics, "Table 1 (age, sex)");
        add(rows, "5b", "Main concerns and symptoms", false, "");
        add(rows, "5c", "Medical, family and psychosocial history, comorbidities", history, "Table 1 (RA duration, ILD pattern, smoking); family and psychosocial history by the author");
        add(rows, "5d", "Relevant past interventions and their outcomes", pastInterventions, "Table 1 (prior JAK inhibitor, prednisolone, antifibrotic); Table 2 (days from stop to onset)");
        add(rows, "6", "Clinical findings", findings, "Table 3 (P/F, %FVC, CT at onset)");
        add(rows, "7", "Timeline", timeline, "Swimmer plot(s)");
        add(rows, "8a", "Diagnostic assessment: methods", true, "Methods text: HRCT score, readers, agreement");
        add(rows, "8b", "Diagnostic challenges", false, "");
        add(rows, "8c", "Diagnosis, including other diagnoses considered (exacerbation criteria, infection excluded)", false, "");
        add(rows, "8d", "Prognostic characteristics", true, "Table 3 (CT total against published cut-offs, e.g. 245 in AE-IPF)");
        add(rows, "9a", "Therapeutic intervention: types", interventions, "Table 2 (JAK inhibitor, methylprednisolone pulse)");
        add(rows, "9b", "Administration (dose, strength, duration)", doses, "Table 2 (doses); duration by the author");
        add(rows, "9c", "Changes in the interventions, with rationale", false, "");
        add(rows, "10a", "Clinician- and patient-assessed outcomes", outcomes, "Tables 2–3, survival figure");
        add(rows, "10b", "Important follow-up diagnostic results", findings, "Table 3 (after treatment), spaghetti plots");
        add(rows, "10c", "Adherence and tolerability", false, "");
        add(rows, "10d", "Adverse and unanticipated events", adverseEvents, "Table 2 (adverse events)");
        add(rows, "11", "Discussion: strengths, limitations, literature, rationale, take-away lessons", false, "");
        add(rows, "12", "Patient perspective", false, "");
        add(rows, "13", "Informed consent and ethics approval", false, "");
        add(rows, "S1", "Case series: how patients were selected (consecutive?), inclusion criteria", true, "Methods text; protocol eligibility criteria");
        add(rows, "S2", "Case series: missing data reported", true, "Table 1 missing counts; denominators of every count");
        ReportTable.Builder table = new ReportTable.Builder(ID, "CARE checklist (case series)", List.of("Item", "Topic", "Status", "Where / what to add"));
        rows.forEach(table::row);
        return table.note("Items marked \"" + FOR_AUTHOR + "\" cannot be answered from the case workbook (or the workbook lacks the columns); the author must write them.")
                .build();
    }

    /** The checklist of a study other than the seed: answered from the protocol's fields, variables and outcomes. */
    static ReportTable buildFromSchema(StudyData data)
    {
        CaseWorkbook workbook = data.workbook();
        List<CaseRecord> cases = workbook.cases();
        var schema = data.protocol().caseSchema();
        boolean baseline = schema.fields().stream()
                .filter(field -> field.kind() != FieldKind.DATE && field.kind() != FieldKind.TEXT)
                .anyMatch(field -> cases.stream().anyMatch(record -> record.values().containsKey(field.name())));
        boolean findings = data.results().summaries().values().stream().anyMatch(byVariable -> !byVariable.isEmpty());
        List<String> timepoints = data.protocol().timepointNames();
        boolean followUpFindings = timepoints.size() > 1 && data.results().summaries().entrySet().stream()
                .anyMatch(entry -> !entry.getKey().equals(timepoints.get(0)) && !entry.getValue().isEmpty());
        boolean dates = schema.fields().stream()
                .filter(field -> field.kind() == FieldKind.DATE && !field.name().equals(schema.dayZeroField()))
                .anyMatch(field -> cases.stream().anyMatch(record -> record.values().containsKey(field.name())));
        boolean timeline = dates || !workbook.ctStudies().isEmpty();
        List<String> agentLabels = schema.fields().stream()
                .filter(field -> field.kind() == FieldKind.AGENT && cases.stream().anyMatch(record -> record.values().containsKey(field.name())))
                .map(CaseField::label)
                .toList();
        boolean outcomes = data.results().outcomes().stream().anyMatch(outcome -> outcome.denominator() > 0);
        boolean adverseEvents = !workbook.adverseEvents().isEmpty();
        List<List<String>> rows = new ArrayList<>();
        add(rows, "1", "Title: the words \"case series\" and the focus of interest", false, "");
        add(rows, "2", "Key words", false, "");
        add(rows, "3", "Abstract: introduction, main findings, conclusion", true, "Methods and results text (draft); introduction and conclusion by the author");
        add(rows, "4", "Introduction: background and why the series is unique", false, "");
        add(rows, "5a", "Patient information: de-identified demographics", baseline, "Table 1 (the protocol's case fields)");
        add(rows, "5b", "Main concerns and symptoms", false, "");
        add(rows, "5c", "Medical, family and psychosocial history, comorbidities", false, "");
        add(rows, "5d", "Relevant past interventions and their outcomes", false, "");
        add(rows, "6", "Clinical findings", findings, "Table 3 (the protocol's variables at each time point)");
        add(rows, "7", "Timeline", timeline, "Table 2 (dates as days from day 0)");
        add(rows, "8a", "Diagnostic assessment: methods", true, "Methods text: day 0, time points" + (data.results().scans().isEmpty() ? "" : ", CT score, readers, agreement"));
        add(rows, "8b", "Diagnostic challenges", false, "");
        add(rows, "8c", "Diagnosis, including other diagnoses considered", false, "");
        add(rows, "8d", "Prognostic characteristics", false, "");
        add(rows, "9a", "Therapeutic intervention: types", !agentLabels.isEmpty(), "Tables 1–2 (" + String.join(", ", agentLabels) + ")");
        add(rows, "9b", "Administration (dose, strength, duration)", false, "");
        add(rows, "9c", "Changes in the interventions, with rationale", false, "");
        add(rows, "10a", "Clinician- and patient-assessed outcomes", outcomes, "Table 4 (outcome counts with their denominators)");
        add(rows, "10b", "Important follow-up diagnostic results", followUpFindings, "Table 3 (later time points), spaghetti plots");
        add(rows, "10c", "Adherence and tolerability", false, "");
        add(rows, "10d", "Adverse and unanticipated events", adverseEvents, "Table 2 (adverse events)");
        add(rows, "11", "Discussion: strengths, limitations, literature, rationale, take-away lessons", false, "");
        add(rows, "12", "Patient perspective", false, "");
        add(rows, "13", "Informed consent and ethics approval", false, "");
        add(rows, "S1", "Case series: how patients were selected (consecutive?), inclusion criteria", true, "Methods text; protocol eligibility criteria");
        add(rows, "S2", "Case series: missing data reported", true, "Table 1 missing counts; denominators of every count");
        ReportTable.Builder table = new ReportTable.Builder(ID, "CARE checklist (case series)", List.of("Item", "Topic", "Status", "Where / what to add"));
        rows.forEach(table::row);
        return table.note("Items marked \"" + FOR_AUTHOR + "\" cannot be answered from the case workbook (or the workbook lacks the columns); the author must write them.")
                .build();
    }

    private static void add(List<List<String>> rows, String item, String topic, boolean answered, String where)
    {
        rows.add(List.of(item, topic, answered ? ANSWERED : FOR_AUTHOR, answered ? where : where.isEmpty() ? "not in the case data" : "missing from the workbook: " + where));
    }

    private static boolean any(List<CaseRecord> cases, java.util.function.Function<CaseRecord, ?> field)
    {
        return cases.stream().map(field).anyMatch(Objects::nonNull);
    }
}
