package org.casebook.report.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.casebook.report.figure.Figure;
import org.casebook.report.figure.FlowDiagram;
import org.casebook.report.table.ScreeningFlowTable;
import org.casebook.report.table.ReportTable;

/**
 * Points the checklist's items at what the finished report actually holds: the timeline (item 7)
 * at the swimmer figures and the timing table, the outcomes (10a) at the survival figure only when
 * there is one, the adverse events (10d) at their tables, the selection of patients (S1) at the
 * flow diagram and the screening-flow table when the cases came from a screening. The rest of
 * each answer is the checklist's own ({@link CareChecklist}); an item the report cannot answer
 * stays "for the author".
 */
public final class ChecklistPointers
{
    private static final String STATUS = "answered";

    private ChecklistPointers() {}

    public static ReportTable apply(ReportTable checklist, List<ReportTable> tables, List<Figure> figures)
    {
        if (!checklist.columns().equals(List.of("Item", "Topic", "Status", "Where / what to add"))) {
            return checklist;
        }
        List<String> swimmers = figures.stream().filter(figure -> figure.id().endsWith("_swimmer")).map(ChecklistPointers::name).toList();
        Optional<String> survival = figures.stream().filter(figure -> figure.id().endsWith("_survival")).map(ChecklistPointers::name).findFirst();
        Optional<String> treatment = table(tables, id -> id.endsWith("_treatment"));
        Optional<String> timing = table(tables, id -> id.endsWith("_timing"));
        Optional<String> events = table(tables, id -> id.endsWith("_adverse_events"));
        Optional<String> grades = table(tables, id -> id.endsWith("_adverse_event_grades"));
        boolean flow = tables.stream().anyMatch(table -> table.id().equals(ScreeningFlowTable.ID));
        Optional<String> flowDiagram = figures.stream().filter(figure -> figure.id().endsWith(FlowDiagram.ID_SUFFIX)).map(ChecklistPointers::name).findFirst();
        ReportTable.Builder builder = new ReportTable.Builder(checklist.id(), checklist.title(), checklist.columns());
        for (List<String> row : checklist.rows()) {
            List<String> cells = new ArrayList<>(row);
            String where = cells.get(3);
            switch (cells.get(0)) {
                case "7" -> {
                    List<String> parts = new ArrayList<>(swimmers);
                    treatment.map(name -> name + " (treatment)").ifPresent(parts::add);
                    timing.map(name -> name + " (timing of measurements)").ifPresent(parts::add);
                    if (!parts.isEmpty()) {
                        cells.set(2, STATUS);
                        cells.set(3, String.join("; ", parts));
                    }
                }
                case "10a" -> cells.set(3, survival.map(name -> where.replace("survival figure", name + " (survival)"))
                        .orElse(where.replace(", survival figure", "; survival in the text (no death: no figure)")));
                case "10d" -> {
                    String pointer = events.map(name -> name + grades.map(other -> ", " + other).orElse("") + " (adverse events, by grade); ").orElse("");
                    if (!pointer.isEmpty() && !where.startsWith(pointer)) {
                        cells.set(2, STATUS);
                        cells.set(3, pointer + where);
                    }
                }
                case "S1" -> {
                    String table = "screening flow table (consecutive cases, each criterion); ";
                    String pointer = flowDiagram.map(name -> name + " (flow diagram), " + table).orElse("Screening flow table (consecutive cases, each criterion); ");
                    if (flow && !where.startsWith(pointer)) {
                        cells.set(3, pointer + where);
                    }
                }
                default -> { }
            }
            builder.row(cells);
        }
        checklist.notes().forEach(builder::note);
        return builder.build();
    }

    private static Optional<String> table(List<ReportTable> tables, Predicate<String> id)
    {
        return tables.stream().filter(table -> id.test(table.id())).map(table -> table.title().replaceAll("^(Table [0-9]+b?)\\..*", "$1")).findFirst();
    }

    /** "Figure 5" from the caption "Figure 5. …". */
    private static String name(Figure figure)
    {
        return figure.caption().replaceAll("^(Figure [0-9]+)\\..*", "$1");
    }
}
