package org.casebook.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casebook.analysis.CaseSeriesAnalysis;
import org.casebook.analysis.PatientResult;
import org.casebook.analysis.SeriesResults;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.protocol.StudyProtocol;
import org.casebook.protocol.VariableSpec;

import static java.util.Objects.requireNonNull;

/**
 * What the report is built from: the protocol, the imported workbook (for raw fields such as
 * agents, doses and dates) and the analysis results (every computed value). The report reads
 * computed values from {@code results} and never recomputes them.
 */
public record StudyData(StudyProtocol protocol, CaseWorkbook workbook, SeriesResults results, List<String> variableOrder, CaseNumbers caseNumbers)
{
    public StudyData
    {
        requireNonNull(protocol, "protocol is null");
        requireNonNull(workbook, "workbook is null");
        requireNonNull(results, "results is null");
        variableOrder = List.copyOf(variableOrder);
        requireNonNull(caseNumbers, "caseNumbers is null");
    }

    /** The study with its cases numbered in the order of day 0 ({@link CaseNumbers}). */
    public StudyData(StudyProtocol protocol, CaseWorkbook workbook, SeriesResults results, List<String> variableOrder)
    {
        this(protocol, workbook, results, variableOrder, CaseNumbers.of(workbook.cases()));
    }

    /** How the report names a patient: the case number ({@code P01}), never the hospital's patient id. */
    public String caseLabel(String patientId)
    {
        return caseNumbers.label(patientId);
    }

    /** The cases in the order of their numbers. */
    public List<CaseRecord> casesInOrder()
    {
        return caseNumbers.inOrder(workbook.cases());
    }

    /** The date of death of a case, from the protocol's {@code outcomes.death} field; null when not recorded. */
    public java.time.LocalDate deathDate(CaseRecord record)
    {
        return record.date(protocol.outcomes().deathField());
    }

    /** The date of the last follow-up of a case, from the protocol's {@code outcomes.last_followup} field; null when not recorded. */
    public java.time.LocalDate lastFollowupDate(CaseRecord record)
    {
        return record.date(protocol.outcomes().lastFollowupField());
    }

    /**
     * True when {@code field} does not apply to the case: its value is taken from the record of
     * another field ({@code record_of} in the protocol's extraction) and that field says there is
     * no such record, {@code no} or one of its {@code also} values such as {@code none} (a pulse's
     * start date when no pulse was given). A blank there is "not applicable", not "not recorded".
     */
    public boolean notApplicable(CaseRecord record, String field)
    {
        for (var rule : protocol.extract()) {
            if (field.equals(rule.field()) && rule.recordOf() != null) {
                Object source = record.values().get(rule.recordOf());
                var sourceField = protocol.caseSchema().findField(rule.recordOf()).orElse(null);
                if (Boolean.FALSE.equals(source)) {
                    return true;
                }
                if (source instanceof String text && sourceField != null && sourceField.also().stream().anyMatch(text::equalsIgnoreCase)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when {@code field} may be {@link #notApplicable} to some case: the protocol takes it from another field's record. */
    public boolean mayBeNotApplicable(String field)
    {
        return protocol.extract().stream().anyMatch(rule -> field.equals(rule.field()) && rule.recordOf() != null);
    }

    /** The end of a case's follow-up: its death, else its last follow-up; null when neither is recorded. */
    public java.time.LocalDate followupEnd(CaseRecord record)
    {
        java.time.LocalDate death = deathDate(record);
        return death != null ? death : lastFollowupDate(record);
    }

    /** Analyzes the workbook under the protocol. */
    public static StudyData analyze(StudyProtocol protocol, CaseWorkbook workbook)
    {
        CaseSeriesAnalysis analysis = new CaseSeriesAnalysis(protocol);
        return new StudyData(protocol, workbook, analysis.analyze(workbook), analysis.variableOrder());
    }

    /** The CT score's components in display order (Ichikado: normal, non-fibrotic, fibrotic; Kazerooni: alveolar, interstitial). */
    public List<String> ctComponents()
    {
        return variableOrder.stream()
                .filter(variable -> !variable.equals(CaseSeriesAnalysis.CT_TOTAL) && protocol.findVariable(variable).isEmpty())
                .toList();
    }

    public CaseRecord record(String patientId)
    {
        return workbook.findCase(patientId).orElseThrow(() -> new IllegalStateException("no case " + patientId));
    }

    public Optional<Double> value(PatientResult patient, String timepoint, String variable)
    {
        return Optional.ofNullable(patient.values().getOrDefault(timepoint, Map.of()).get(variable));
    }

    /** The variable's label for tables and axes: the protocol's label, or the CT score's part. */
    public String label(String variable)
    {
        return switch (variable) {
            case CaseSeriesAnalysis.CT_TOTAL -> "CT total";
            case "ct_normal" -> "CT normal";
            case "ct_nonfibrotic" -> "CT non-fibrotic";
            case "ct_fibrotic" -> "CT fibrotic";
            case "ct_alveolar" -> "CT alveolar";
            case "ct_interstitial" -> "CT interstitial";
            default -> protocol.findVariable(variable).map(VariableSpec::label).orElse(variable);
        };
    }

    /** The label with its unit in parentheses, e.g. {@code PaO2/FiO2 (mmHg)}; CT scores have no unit. */
    public String labelWithUnit(String variable)
    {
        return protocol.findVariable(variable)
                .filter(spec -> !spec.unit().isBlank() && !spec.unit().equals("fraction"))
                .map(spec -> spec.label() + " (" + spec.unit() + ")")
                .orElse(label(variable));
    }

    /**
     * A value of {@code variable} as the report prints it: at the protocol's {@code decimals} for
     * the variable, rounded half up on its decimal value; one decimal for the CT scores and a
     * variable without them.
     */
    public String format(String variable, double value)
    {
        Integer decimals = protocol.findVariable(variable).map(VariableSpec::decimals).orElse(null);
        return decimals == null ? org.casebook.report.table.Formats.oneDecimal(value) : org.casebook.report.table.Formats.fixed(value, decimals);
    }

    /** How many decimals the report prints for {@code variable} (see {@link #format}). */
    public int decimals(String variable)
    {
        Integer decimals = protocol.findVariable(variable).map(VariableSpec::decimals).orElse(null);
        return decimals == null ? 1 : decimals;
    }

    /** What day 0 is, in words: the label of day 0's date field, in running text ("date of first prescription"). */
    public String dayZeroLabel()
    {
        var schema = protocol.caseSchema();
        return inText(schema.findField(schema.dayZeroField()).map(field -> field.label()).orElse(schema.dayZeroField()));
    }

    /** A label inside a sentence: the first letter in lower case, unless the word is an acronym ("HbA1c", "MI date"). */
    public static String inText(String label)
    {
        String firstWord = label.split("[\\s,/(]", 2)[0];
        if (firstWord.isEmpty() || firstWord.substring(1).chars().anyMatch(c -> !Character.isLowerCase(c))) {
            return label;
        }
        return Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    public String timepointLabel(String timepoint)
    {
        return protocol.findTimepoint(timepoint).map(tp -> tp.label()).orElse(timepoint);
    }
}
