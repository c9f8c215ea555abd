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
public record StudyData(StudyProtocol protocol, CaseWorkbook workbook, SeriesResults results, List<String> variableOrder)
{
    public StudyData
    {
        requireNonNull(protocol, "protocol is null");
        requireNonNull(workbook, "workbook is null");
        requireNonNull(results, "results is null");
        variableOrder = List.copyOf(variableOrder);
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
     * The outcomes the seed study's tables and text report by name (its comparisons, pulse threshold
     * and days from the prior JAK-inhibitor stop are read from them).
     */
    private static final List<String> SEED_REPORT_OUTCOMES = List.of("pf_increased", "fvc_declined_any", "pulse", "jaki_stopped_for_ae_before_onset");

    /**
     * True for the seed study's report: a protocol whose {@code outcomes.list} has the outcomes that
     * report is written for ({@code pf_increased}, {@code fvc_declined_any}, {@code pulse},
     * {@code jaki_stopped_for_ae_before_onset}); its tables, text and figures are as they have always
     * been. Otherwise the report is built from the protocol's case schema, variables and outcome list.
     */
    public boolean seedStudy()
    {
        return SEED_REPORT_OUTCOMES.stream().allMatch(name -> protocol.outcomes().find(name).isPresent());
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
