package org.casebook.report.table;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.apache.commons.statistics.descriptive.Quantile;
import org.casebook.casedata.CaseRecord;
import org.casebook.report.StudyData;
import org.casebook.schema.CaseField;
import org.casebook.stats.Summary;

import static org.casebook.report.table.Formats.countOf;
import static org.casebook.report.table.Formats.oneDecimal;

/**
 * Table 1 of a study other than the seed: one block per case field of the protocol's schema, in
 * the protocol's order, labelled with the field's label and unit. Numbers and integers: median
 * [Q1–Q3] (R's {@code quantile(type = 2)}, as gtsummary) and n; yes/no: n/N (%) answering yes;
 * categories: n/N (%) per level, every level (zeros too); agents: n/N (%) per agent recorded. N is
 * the patients with the value recorded, and every block ends with its missing count. Dates and
 * free text are not summarized; a field no patient has is left out.
 */
public final class SchemaBaselineTable
{
    private SchemaBaselineTable() {}

    public static ReportTable build(StudyData data)
    {
        List<CaseRecord> cases = data.workbook().cases();
        ReportTable.Builder table = new ReportTable.Builder(BaselineTable.ID, "Table 1. Baseline characteristics",
                List.of("Characteristic", "Statistic", "N = " + cases.size())).grouped();
        for (CaseField field : data.protocol().caseSchema().fields()) {
            List<Object> values = cases.stream().map(record -> record.values().get(field.name())).filter(Objects::nonNull).toList();
            if (values.isEmpty()) {
                continue;
            }
            String missing = Integer.toString(cases.size() - values.size());
            switch (field.kind()) {
                case NUMBER, INTEGER -> {
                    String label = field.unit() == null || field.unit().isBlank() ? field.label() : field.label() + ", " + field.unit();
                    double[] numbers = values.stream().mapToDouble(SchemaBaselineTable::toDouble).toArray();
                    double[] quartiles = Quantile.withDefaults().with(Quantile.EstimationMethod.HF2).evaluate(numbers.clone(), 0.25, 0.75);
                    table.row(label, "Median [Q1–Q3]", oneDecimal(Summary.of(numbers).median()) + " [" + oneDecimal(quartiles[0]) + "–" + oneDecimal(quartiles[1]) + "]");
                    table.row(label, "n", Integer.toString(numbers.length));
                    table.row(label, "Missing", missing);
                }
                case YES_NO -> {
                    int yes = (int) values.stream().filter(Boolean.TRUE::equals).count();
                    table.row(field.label(), "yes", countOf(yes, values.size()));
                    table.row(field.label(), "Missing", missing);
                }
                case CATEGORY, AGENT -> {
                    for (String level : field.choices()) {
                        int count = (int) values.stream().filter(level::equals).count();
                        if (count > 0 || field.kind() == org.casebook.schema.FieldKind.CATEGORY) {
                            table.row(field.label(), level, countOf(count, values.size()));
                        }
                    }
                    table.row(field.label(), "Missing", missing);
                }
                case DATE, TEXT -> {
                    // dates locate a timeline, free text is never summarized
                }
            }
        }
        return table
                .note("Numbers: median [Q1–Q3] (R quantile type 2) and n, the patients with a value. Yes/no, categories and agents: n/N (%), "
                        + "N = patients with the value recorded; every category level is shown, agents when recorded for at least one patient. "
                        + "Missing = not recorded, never imputed.")
                .note("Dates and free text are not summarized; fields not recorded for any patient are omitted.")
                .build();
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
