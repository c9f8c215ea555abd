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
public record ReportLayout(Table1 table1, Table3 table3, List<String> spaghettiPlots, Table2 table2, boolean outcomeTable, Timeline timeline,
        Map<String, String> abbreviations, Map<String, ChecklistItem> checklist, Treatment treatment)
{
    /** No layout: every table from the case schema and variables. */
    public static final ReportLayout NONE = new ReportLayout(null, null, null);

    public ReportLayout
    {
        spaghettiPlots = spaghettiPlots == null ? null : List.copyOf(spaghettiPlots);
        timeline = timeline == null ? Timeline.NONE : timeline;
        abbreviations = Collections.unmodifiableMap(new LinkedHashMap<>(abbreviations));
        checklist = Collections.unmodifiableMap(new LinkedHashMap<>(checklist));
    }

    /** A layout of Tables 1 and 3 and the spaghetti plots only; the rest as without a layout. */
    public ReportLayout(Table1 table1, Table3 table3, List<String> spaghettiPlots)
    {
        this(table1, table3, spaghettiPlots, null, true, Timeline.NONE, Map.of(), Map.of(), null);
    }

    public Optional<Table2> findTable2()
    {
        return Optional.ofNullable(table2);
    }

    /** The treatment-per-patient table's columns ({@code report.treatment}); empty when the report chooses them (docs/report.md). */
    public Optional<Treatment> findTreatment()
    {
        return Optional.ofNullable(treatment);
    }

    /**
     * The treatment-per-patient table ({@code report.treatment}): its columns after the case number,
     * in order, written as Table 2's plus {@code days_between}, {@code exposure} and {@code stay}.
     */
    public record Treatment(List<Column> columns)
    {
        public Treatment
        {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Table 2, one row per patient ({@code report.table2}): its columns in order, and whether a
     * CT total's column is headed by the time point's name ({@code CT total, before}) rather than its label.
     */
    public record Table2(boolean timepointNames, List<Column> columns)
    {
        public Table2
        {
            columns = List.copyOf(columns);
        }
    }

    /**
     * One column (or, for {@code ct_total}, one per time point; for {@code exposure}, its start and
     * its duration) of Table 2 or the treatment table.
     *
     * @param kind {@code field} (a case field, with {@code with} a number field shown beside it),
     *        {@code outcome} (a {@code change} outcome's two values, or an {@code event_by_day}
     *        outcome's days to day 0), {@code ct_total}, {@code status} (at the follow-up day),
     *        {@code adverse_events}; in the treatment table also {@code days_between} (days from the
     *        date field {@code name} to the date field {@code to}, either {@link #DAY_ZERO}),
     *        {@code exposure} (the timeline's exposure starting at the date field {@code name}: its
     *        start day and its duration) and {@code stay} (the timeline's stay in days)
     * @param name the field, outcome or first date; null for the other kinds
     * @param label the header; null for the default (the field's label, the outcome's comparison)
     * @param with {@code field}: a number field shown beside the value (a dose); null when none
     * @param to {@code days_between}: the second date; null for the other kinds
     */
    public record Column(String kind, String name, String label, String with, String to)
    {
        /** In {@code days_between}, day 0 itself (the day-0 field, or its fallback when blank). */
        public static final String DAY_ZERO = "day0";

        public Column(String kind, String name, String label, String with)
        {
            this(kind, name, label, with, null);
        }
    }

    /**
     * The dates the timeline figures and tables give a role (docs/protocol.md, {@code report.timeline}):
     * the hospital stay, the treatment whose start divides adverse events into before and
     * treatment-emergent, the drug exposures drawn as bars, and other dates drawn as markers.
     * Every name is a date field of the case schema; any may be absent.
     */
    public record Timeline(String stayFrom, String stayTo, String treatmentStart, String treatmentLabel, List<Exposure> exposures, List<Marker> markers)
    {
        public static final Timeline NONE = new Timeline(null, null, null, null, List.of(), List.of());

        public Timeline
        {
            exposures = List.copyOf(exposures);
            markers = List.copyOf(markers);
        }

        public boolean configured()
        {
            return stayFrom != null || treatmentStart != null || !exposures.isEmpty() || !markers.isEmpty();
        }
    }

    /**
     * A drug exposure, a bar from {@code start} to {@code stop} (a date field), or for {@code days}
     * days, or (neither recorded) to the end of the patient's lane.
     */
    public record Exposure(String label, String start, String stop, Integer days)
    {
    }

    /** A date drawn as a marker, under its label. */
    public record Marker(String label, String field)
    {
    }

    /**
     * A checklist item as the protocol words it ({@code report.checklist}): its topic in the study's
     * words and where the report answers it (either null for the checklist's own), and the fields or
     * variables whose values make it answered (any patient with any of them; {@code ct_total} a
     * scored CT); an empty list keeps the checklist's own rule.
     */
    public record ChecklistItem(String topic, String where, List<String> when)
    {
        public ChecklistItem
        {
            when = List.copyOf(when);
        }
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
     * others as written), or a variable at a time point. {@code decimals}: how many decimals its
     * summaries print; null for the default (a variable's own {@code decimals}, else one).
     */
    public record Row(String field, Map<String, String> levelLabels, String variable, String timepoint, Integer decimals)
    {
        public Row
        {
            if (decimals != null && (decimals < 0 || decimals > 10)) {
                throw new IllegalArgumentException("decimals " + decimals + " is not 0 to 10");
            }
            levelLabels = Collections.unmodifiableMap(new LinkedHashMap<>(levelLabels));
            if ((field == null) == (variable == null) || (variable != null) != (timepoint != null)) {
                throw new IllegalArgumentException("a row is a field, or a variable at a time point");
            }
        }

        public static Row field(String field, Map<String, String> levelLabels)
        {
            return new Row(field, levelLabels, null, null, null);
        }

        public static Row variable(String variable, String timepoint)
        {
            return new Row(null, Map.of(), variable, timepoint, null);
        }

        /** How a level is shown: its label, or the level as written. */
        public String levelLabel(String level)
        {
            return levelLabels.getOrDefault(level, level);
        }
    }
}
