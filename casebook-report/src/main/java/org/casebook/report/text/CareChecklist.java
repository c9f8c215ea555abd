package org.casebook.report.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.ReportLayout;
import org.casebook.report.StudyData;
import org.casebook.report.table.ReportTable;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.FieldKind;

/**
 * The CARE case-report checklist (Gagnier et al. 2013), items adapted for a case series: each
 * says where the report answers it from the data, or flags it for the author when the data cannot
 * (introduction, discussion, consent, …) or when the workbook lacks what it needs. Each item's
 * answer is computed from the protocol's fields, variables and outcomes; the protocol's
 * {@code report.checklist} may word an item for its study (topic, where it is answered, and the
 * fields whose values answer it), never mark it answered without data.
 */
public final class CareChecklist
{
    public static final String ID = "care_checklist";
    public static final String FOR_AUTHOR = "for the author";
    public static final String ANSWERED = "answered";

    private CareChecklist() {}

    public static ReportTable build(StudyData data)
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
        boolean ct = !data.results().scans().isEmpty();
        List<List<String>> rows = new ArrayList<>();
        Items items = new Items(data, rows);
        items.add("1", "Title: the words \"case series\" and the focus of interest", () -> false, "");
        items.add("2", "Key words", () -> false, "");
        items.add("3", "Abstract: introduction, main findings, conclusion", () -> true, "Methods and results text (draft); introduction and conclusion by the author");
        items.add("4", "Introduction: background and why the series is unique", () -> false, "");
        items.add("5a", "Patient information: de-identified demographics", () -> baseline, "Table 1 (the protocol's case fields)");
        items.add("5b", "Main concerns and symptoms", () -> false, "");
        items.add("5c", "Medical, family and psychosocial history, comorbidities", () -> false, "");
        items.add("5d", "Relevant past interventions and their outcomes", () -> false, "");
        items.add("6", "Clinical findings", () -> findings, "Table 3 (the protocol's variables at each time point)");
        items.add("7", "Timeline", () -> timeline, "Table 2 (dates as days from day 0)");
        items.add("8a", "Diagnostic assessment: methods", () -> true, "Methods text: day 0, time points" + (ct ? ", CT score, readers, agreement" : ""));
        items.add("8b", "Diagnostic challenges", () -> false, "");
        items.add("8c", "Diagnosis, including other diagnoses considered", () -> false, "");
        items.add("8d", "Prognostic characteristics", () -> false, "");
        items.add("9a", "Therapeutic intervention: types", () -> !agentLabels.isEmpty(), agentsWhere(schema, agentLabels));
        items.add("9b", "Administration (dose, strength, duration)", () -> false, "");
        items.add("9c", "Changes in the interventions, with rationale", () -> false, "");
        items.add("10a", "Clinician- and patient-assessed outcomes", () -> outcomes, data.protocol().report().outcomeTable()
                ? "Table 4 (outcome counts with their denominators)" : "Tables 2–3, survival figure");
        items.add("10b", "Important follow-up diagnostic results", () -> followUpFindings, "Table 3 (later time points), spaghetti plots");
        items.add("10c", "Adherence and tolerability", () -> false, "");
        items.add("10d", "Adverse and unanticipated events", () -> adverseEvents, "Table 2 (adverse events)");
        items.add("11", "Discussion: strengths, limitations, literature, rationale, take-away lessons", () -> false, "");
        items.add("12", "Patient perspective", () -> false, "");
        items.add("13", "Informed consent and ethics approval", () -> false, "");
        items.add("S1", "Case series: how patients were selected (consecutive?), inclusion criteria", () -> true, "Methods text; protocol eligibility criteria");
        items.add("S2", "Case series: missing data reported", () -> true, "Table 1 missing counts; denominators of every count");
        ReportTable.Builder table = new ReportTable.Builder(ID, "CARE checklist (case series)", List.of("Item", "Topic", "Status", "Where / what to add"));
        rows.forEach(table::row);
        return table.note("Items marked \"" + FOR_AUTHOR + "\" cannot be answered from the case workbook (or the workbook lacks the columns); the author must write them.")
                .build();
    }

    /** Adds items, each worded and decided as the protocol's {@code report.checklist} says, else by the checklist's own rule. */
    private record Items(StudyData data, List<List<String>> rows)
    {
        void add(String item, String topic, BooleanSupplier rule, String where)
        {
            ReportLayout.ChecklistItem own = data.protocol().report().checklist().get(item);
            String shownTopic = own != null && own.topic() != null ? own.topic() : topic;
            String shownWhere = own != null && own.where() != null ? own.where() : where;
            boolean answered = own != null && !own.when().isEmpty() ? own.when().stream().anyMatch(this::recorded) : rule.getAsBoolean();
            rows.add(List.of(item, shownTopic, answered ? ANSWERED : FOR_AUTHOR,
                    answered ? shownWhere : shownWhere.isEmpty() ? "not in the case data" : "missing from the workbook: " + shownWhere));
        }

        /** True when some patient has a value of the field or variable ({@code ct_total}: a scored scan). */
        private boolean recorded(String name)
        {
            if (name.equals(CaseSeriesAnalysis.CT_TOTAL)) {
                return !data.results().scans().isEmpty();
            }
            if (data.protocol().findVariable(name).isPresent()) {
                return data.results().summaries().values().stream().anyMatch(byVariable -> byVariable.containsKey(name));
            }
            return data.workbook().cases().stream().anyMatch(record -> record.values().containsKey(name));
        }
    }

    /**
     * Where the agents are: the agent fields recorded, else (nothing recorded) the protocol's agent
     * fields to fill; a protocol without one has no agent in the case data.
     */
    private static String agentsWhere(CaseSchema schema, List<String> recorded)
    {
        List<String> labels = recorded.isEmpty()
                ? schema.fields().stream().filter(field -> field.kind() == FieldKind.AGENT).map(CaseField::label).toList()
                : recorded;
        return labels.isEmpty() ? "" : "Tables 1–2 (" + String.join(", ", labels) + ")";
    }
}
