package org.casebook.report.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.statistics.descriptive.Quantile;
import org.casebook.analysis.PatientResult;
import org.casebook.casedata.CaseRecord;
import org.casebook.protocol.ReportLayout;
import org.casebook.report.StudyData;
import org.casebook.schema.CaseField;
import org.casebook.schema.FieldKind;
import org.casebook.stats.Summary;

import static org.casebook.report.table.Formats.countWithInterval;

/**
 * Table 1, baseline characteristics, in the style of R's gtsummary, from the protocol: the rows of
 * its {@code report.table1} in order, or else one block per case field in the protocol's order,
 * each labelled with the field's label and unit (a variable at a time point with the variable's
 * label and unit and the time point's label). A characteristic no patient has is left out, and
 * every block ends with its missing count. Summaries, by the layout's style:
 * <ul>
 * <li>{@code compact} (the default): numbers as median [Q1–Q3] (R's {@code quantile(type = 2)}, as
 * gtsummary) and n; yes/no as n/N (%; 95% CI) answering yes; categories n/N (%; 95% CI) per level, every level
 * (zeros too); agents n/N (%; 95% CI) per agent recorded, in the code set's order (the CI exact, Clopper–Pearson).</li>
 * <li>{@code full}: numbers as mean ± SD, then median [min–max] when fewer than 10 patients have a
 * value, else median [Q1–Q3]; yes/no both answers; categories every level under the layout's
 * labels, then any other value recorded, alphabetically; agents as recorded (lower case),
 * alphabetically.</li>
 * </ul>
 * N is the patients with the value recorded. Dates and free text are not summarized.
 */
public final class BaselineTable
{
    public static final String ID = "table1_baseline";
    /** Below this many values the full style's spread is the range, not the IQR (the rule). */
    static final int IQR_MIN_N = 10;

    private BaselineTable() {}

    public static ReportTable build(StudyData data)
    {
        List<CaseRecord> cases = data.workbook().cases();
        ReportLayout.Table1 layout = data.protocol().report().findTable1().orElseGet(() -> new ReportLayout.Table1(ReportLayout.Style.COMPACT,
                data.protocol().caseSchema().fields().stream().map(field -> ReportLayout.Row.field(field.name(), Map.of())).toList()));
        boolean full = layout.style() == ReportLayout.Style.FULL;
        ReportTable.Builder table = new ReportTable.Builder(ID, "Table 1. Baseline characteristics",
                List.of("Characteristic", "Statistic", "N = " + cases.size())).grouped();
        Map<String, PatientResult> patients = new LinkedHashMap<>();
        data.results().patients().forEach(patient -> patients.put(patient.patientId(), patient));
        for (ReportLayout.Row row : layout.rows()) {
            if (row.variable() != null) {
                String label = data.labelWithUnit(row.variable()) + ", " + data.timepointLabel(row.timepoint()).toLowerCase(Locale.ROOT);
                List<Object> values = cases.stream()
                        .map(record -> patients.get(record.patientId()))
                        .filter(Objects::nonNull)
                        .flatMap(patient -> data.value(patient, row.timepoint(), row.variable()).stream())
                        .map(value -> (Object) BigDecimal.valueOf(value))
                        .toList();
                if (!values.isEmpty()) {
                    number(table, label, values, cases.size(), full, row.decimals() != null ? row.decimals() : data.decimals(row.variable()));
                }
                continue;
            }
            CaseField field = data.protocol().caseSchema().findField(row.field()).orElseThrow();
            List<Object> values = cases.stream().map(record -> record.values().get(field.name())).filter(Objects::nonNull).toList();
            if (values.isEmpty()) {
                continue;
            }
            String missing = Integer.toString(cases.size() - values.size());
            switch (field.kind()) {
                case NUMBER, INTEGER -> number(table, field.unit() == null || field.unit().isBlank() ? field.label() : field.label() + ", " + field.unit(),
                        values, cases.size(), full, row.decimals() != null ? row.decimals() : 1);
                case YES_NO -> {
                    int yes = (int) values.stream().filter(Boolean.TRUE::equals).count();
                    table.row(field.label(), "yes", countWithInterval(yes, values.size()));
                    if (full) {
                        table.row(field.label(), "no", countWithInterval(values.size() - yes, values.size()));
                    }
                    table.row(field.label(), "Missing", missing);
                }
                case CATEGORY -> {
                    List<String> levels = new ArrayList<>(field.choices());
                    if (full) {
                        values.stream().map(Object::toString).filter(value -> !levels.contains(value)).distinct().sorted().forEach(levels::add);
                    }
                    for (String level : levels) {
                        int count = (int) values.stream().filter(level::equals).count();
                        table.row(field.label(), row.levelLabel(level), countWithInterval(count, values.size()));
                    }
                    table.row(field.label(), "Missing", missing);
                }
                case AGENT -> {
                    List<String> recorded = values.stream().map(value -> full ? value.toString().strip().toLowerCase(Locale.ROOT) : value.toString()).toList();
                    List<String> agents = full ? recorded.stream().distinct().sorted().toList() : field.choices();
                    for (String agent : agents) {
                        int count = (int) recorded.stream().filter(agent::equals).count();
                        if (count > 0) {
                            table.row(field.label(), agent, countWithInterval(count, values.size()));
                        }
                    }
                    table.row(field.label(), "Missing", missing);
                }
                case DATE, TEXT -> {
                    // dates locate a timeline, free text is never summarized
                }
            }
        }
        if (full) {
            return table
                    .note("Continuous: mean ± SD and median [min–max] (median [Q1–Q3], R quantile type 2, when n ≥ " + IQR_MIN_N + "). "
                            + "Categorical: n/N (%; 95% CI), N = patients with the value recorded. Missing = not recorded, never imputed.")
                    .note(Formats.COUNT_INTERVAL_NOTE)
                    .note("Characteristics not recorded for any patient are omitted.")
                    .build();
        }
        return table
                .note("Numbers: median [Q1–Q3] (R quantile type 2) and n, the patients with a value. Yes/no, categories and agents: n/N (%; 95% CI), "
                        + "N = patients with the value recorded; every category level is shown, agents when recorded for at least one patient. "
                        + "Missing = not recorded, never imputed.")
                .note(Formats.COUNT_INTERVAL_NOTE)
                .note("Dates and free text are not summarized; fields not recorded for any patient are omitted.")
                .build();
    }

    /** A number's block at {@code decimals} (the row's, else the variable's {@code decimals}, else one). */
    private static void number(ReportTable.Builder table, String label, List<Object> values, int patients, boolean full, int decimals)
    {
        double[] numbers = values.stream().mapToDouble(BaselineTable::toDouble).toArray();
        Summary summary = Summary.of(numbers);
        if (full) {
            table.row(label, "Mean ± SD", Formats.meanSd(summary, decimals));
        }
        if (full && numbers.length < IQR_MIN_N) {
            table.row(label, "Median [min–max]", Formats.medianRange(summary, decimals));
        }
        else {
            double[] quartiles = Quantile.withDefaults().with(Quantile.EstimationMethod.HF2).evaluate(numbers.clone(), 0.25, 0.75);
            table.row(label, "Median [Q1–Q3]", Formats.fixed(summary.median(), decimals) + " [" + Formats.fixed(quartiles[0], decimals) + "–"
                    + Formats.fixed(quartiles[1], decimals) + "]");
        }
        if (!full) {
            table.row(label, "n", Integer.toString(numbers.length));
        }
        table.row(label, "Missing", Integer.toString(patients - numbers.length));
    }

    static double toDouble(Object value)
    {
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Long whole) {
            return whole.doubleValue();
        }
        throw new IllegalArgumentException("not a number: " + value);
    }

    /** A case field's value as the report prints it: yes/no, a number as recorded, a category or agent as the protocol spells it. */
    static String format(Object value)
    {
        if (value == null) {
            return Formats.MISSING;
        }
        if (value instanceof Boolean yes) {
            return yes ? "yes" : "no";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
