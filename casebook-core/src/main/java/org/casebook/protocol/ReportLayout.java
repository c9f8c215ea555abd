package org.casebook.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The report's layout where the protocol gives one ({@code report}, docs/protocol.md): Table 1's
 * rows and summary style, Table 3's variables and how Table 3b names its comparisons. Without it,
 * Table 1 has one block per case field in the protocol's order, summarized compactly, and Table 3
 * every variable, its comparisons named by the time points' labels.
 *
 * @param table1 Table 1's layout; null when the protocol leaves Table 1 to the case fields
 * @param table3 Table 3's layout; null when the protocol leaves it to its variables
 * @param spaghettiPlots the variables with a spaghetti plot, in order ({@code ct_total} the CT
 *        score); null when the protocol leaves it to its variables (every variable, then the CT total)
 */
public record ReportLayout(Table1 table1, Table3 table3, List<String> spaghettiPlots)
{
    /** No layout: every table from the case schema and variables. */
    public static final ReportLayout NONE = new ReportLayout(null, null, null);

    public ReportLayout
    {
        spaghettiPlots = spaghettiPlots == null ? null : List.copyOf(spaghettiPlots);
    }

    public Optional<List<String>> findSpaghettiPlots()
    {
        return Optional.ofNullable(spaghettiPlots);
    }

    public Optional<Table1> findTable1()
    {
        return Optional.ofNullable(table1);
    }

    public Optional<Table3> findTable3()
    {
        return Optional.ofNullable(table3);
    }

    /**
     * Table 3 (and 3b): the protocol's variables shown after the CT score, in order, and whether the
     * pairwise comparisons are named by the time points' names ({@code before → after}) rather than their labels.
     */
    public record Table3(List<String> variables, boolean timepointNames)
    {
        public Table3
        {
            variables = List.copyOf(variables);
        }
    }

    /** How Table 1 summarizes a number, a yes/no and an agent field. */
    public enum Style
    {
        /** median [Q1–Q3] and n; yes/no as the yes count; agents in the code set's order. */
        COMPACT,
        /** mean ± SD and median [min–max] (below 10 values) or [Q1–Q3]; yes/no both answers; agents as recorded, alphabetically. */
        FULL
    }

    /** Table 1: its style and its rows in order. */
    public record Table1(Style style, List<Row> rows)
    {
        public Table1
        {
            requireNonNull(style, "style is null");
            rows = List.copyOf(rows);
        }
    }

    /**
     * One block of Table 1: a case field (a category field's levels shown under the labels given,
     * others as written), or a variable at a time point.
     */
    public record Row(String field, Map<String, String> levelLabels, String variable, String timepoint)
    {
        public Row
        {
            levelLabels = Collections.unmodifiableMap(new LinkedHashMap<>(levelLabels));
            if ((field == null) == (variable == null) || (variable != null) != (timepoint != null)) {
                throw new IllegalArgumentException("a row is a field, or a variable at a time point");
            }
        }

        public static Row field(String field, Map<String, String> levelLabels)
        {
            return new Row(field, levelLabels, null, null);
        }

        public static Row variable(String variable, String timepoint)
        {
            return new Row(null, Map.of(), variable, timepoint);
        }

        /** How a level is shown: its label, or the level as written. */
        public String levelLabel(String level)
        {
            return levelLabels.getOrDefault(level, level);
        }
    }
}
