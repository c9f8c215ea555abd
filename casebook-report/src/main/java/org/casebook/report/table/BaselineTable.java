package org.casebook.report.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.commons.statistics.descriptive.Quantile;
import org.casebook.analysis.PatientResult;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.IldPattern;
import org.casebook.casedata.Sex;
import org.casebook.casedata.SmokingStatus;
import org.casebook.report.StudyData;
import org.casebook.stats.Summary;

import static org.casebook.report.table.Formats.countOf;
import static org.casebook.report.table.Formats.meanSd;
import static org.casebook.report.table.Formats.oneDecimal;

/**
 * Table 1, baseline characteristics, in the style of R's gtsummary: one block per characteristic
 * the workbook records for at least one patient. Continuous: mean ± SD, then median [min–max] when
 * fewer than 10 patients have a value, else median [Q1–Q3] (R's {@code quantile(type = 2)}, as
 * gtsummary). Categorical: n/N (%) per level, N the patients with a value. Every block ends with
 * its missing count.
 */
public final class BaselineTable
{
    public static final String ID = "table1_baseline";
    /** Below this many values the spread is the range, not the IQR (the rule). */
    static final int IQR_MIN_N = 10;

    private BaselineTable() {}

    public static ReportTable build(StudyData data)
    {
        List<CaseRecord> cases = data.workbook().cases();
        int n = cases.size();
        ReportTable.Builder table = new ReportTable.Builder(ID, "Table 1. Baseline characteristics",
                List.of("Characteristic", "Statistic", "N = " + n)).grouped();
        continuous(table, "Age, years", cases, CaseRecord::age);
        categorical(table, "Sex", cases, record -> record.sex() == null ? null : record.sex() == Sex.F ? "female" : "male", List.of("female", "male"));
        continuous(table, "BMI, kg/m²", cases, CaseRecord::bmi);
        categorical(table, "Smoking", cases, record -> record.smoking() == null ? null : record.smoking().label(),
                Arrays.stream(SmokingStatus.values()).map(SmokingStatus::label).toList());
        continuous(table, "RA duration, years", cases, CaseRecord::raDurationYears);
        binary(table, "RF positive", cases, CaseRecord::rfPositive);
        binary(table, "ACPA positive", cases, CaseRecord::acpaPositive);
        categorical(table, "ILD pattern", cases, record -> record.ildPattern() == null ? null : record.ildPattern().label(),
                Arrays.stream(IldPattern.values()).map(IldPattern::label).toList());
        binary(table, "Antifibrotic", cases, CaseRecord::antifibrotic);
        continuous(table, "Baseline prednisolone, mg/day", cases, CaseRecord::baselinePslMg);
        categorical(table, "Prior JAK inhibitor", cases, record -> blankToNull(record.priorJaki()), List.of());
        String before = data.protocol().timepointNames().get(0);
        for (String variable : List.of("fvc_percent_predicted", "dlco_percent_predicted", "kl6")) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (PatientResult patient : data.results().patients()) {
                values.put(patient.patientId(), data.value(patient, before, variable).orElse(null));
            }
            continuous(table, data.labelWithUnit(variable) + ", " + data.timepointLabel(before).toLowerCase(java.util.Locale.ROOT),
                    cases, record -> values.get(record.patientId()));
        }
        return table
                .note("Continuous: mean ± SD and median [min–max] (median [Q1–Q3], R quantile type 2, when n ≥ " + IQR_MIN_N + "). "
                        + "Categorical: n/N (%), N = patients with the value recorded. Missing = not recorded, never imputed.")
                .note("Characteristics not recorded for any patient are omitted.")
                .build();
    }

    private static void continuous(ReportTable.Builder table, String label, List<CaseRecord> cases, Function<CaseRecord, Double> field)
    {
        double[] values = cases.stream().map(field).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        if (values.length == 0) {
            return;
        }
        Summary summary = Summary.of(values);
        table.row(label, "Mean ± SD", meanSd(summary));
        if (values.length < IQR_MIN_N) {
            table.row(label, "Median [min–max]", Formats.medianRange(summary));
        }
        else {
            double[] quartiles = Quantile.withDefaults().with(Quantile.EstimationMethod.HF2).evaluate(values.clone(), 0.25, 0.75);
            table.row(label, "Median [Q1–Q3]", oneDecimal(summary.median()) + " [" + oneDecimal(quartiles[0]) + "–" + oneDecimal(quartiles[1]) + "]");
        }
        table.row(label, "Missing", Integer.toString(cases.size() - values.length));
    }

    private static void binary(ReportTable.Builder table, String label, List<CaseRecord> cases, Function<CaseRecord, Boolean> field)
    {
        categorical(table, label, cases, record -> {
            Boolean value = field.apply(record);
            return value == null ? null : value ? "yes" : "no";
        }, List.of("yes", "no"));
    }

    /** Levels in the given order (all shown, zeros too), then any others alphabetically. */
    private static void categorical(ReportTable.Builder table, String label, List<CaseRecord> cases, Function<CaseRecord, String> field, List<String> levels)
    {
        List<String> values = cases.stream().map(field).filter(Objects::nonNull).toList();
        if (values.isEmpty()) {
            return;
        }
        List<String> order = new ArrayList<>(levels);
        values.stream().filter(value -> !order.contains(value)).distinct().sorted().forEach(order::add);
        for (String level : order) {
            int count = (int) values.stream().filter(level::equals).count();
            table.row(label, level, countOf(count, values.size()));
        }
        table.row(label, "Missing", Integer.toString(cases.size() - values.size()));
    }

    private static String blankToNull(String text)
    {
        return text == null || text.isBlank() ? null : text.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
