package org.casebook.report.render;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.casebook.report.StudyReport;
import org.casebook.report.figure.Figure;
import org.casebook.report.figure.FigureRenderer;
import org.casebook.report.table.ReportTable;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a {@link StudyReport} through one Thymeleaf template ({@code templates/report.html}) as
 * a self-contained page: styles inline, figures inline. For the browser the figures are inline
 * SVG; for the PDF they are {@code <object>} placeholders that {@link FigureObjectDrawer} fills with
 * the same charts as vector graphics. The output is well-formed XHTML, which openhtmltopdf requires.
 */
public final class HtmlReport
{
    /** Where the page goes: a browser (SVG figures) or the PDF renderer (PNG figures, paged CSS). */
    public enum Medium
    {
        SCREEN, PRINT
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final TemplateEngine engine;

    public HtmlReport()
    {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(HtmlReport.class.getClassLoader());
        resolver.setPrefix("org/casebook/report/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    /** A table as the template prints it: grouped tables show each group's name on its first row only. */
    public record TableView(String id, String title, List<String> columns, List<RowView> rows, List<String> notes, boolean wide)
    {
        /** Rows above which a table may break across pages (with its header repeated). */
        static final int LONG_ROWS = 70;

        /** {@code wide}: printed on a landscape page; {@code long}: allowed to break across pages. */
        public String cssClass()
        {
            return ((wide ? "wide " : "") + (rows.size() > LONG_ROWS ? "long" : "")).strip();
        }
    }

    public record RowView(List<String> cells, boolean groupStart) {}

    public record FigureView(String id, String caption, String markup) {}

    public String render(StudyReport report, Medium medium)
    {
        Context context = new Context();
        context.setVariable("report", report);
        context.setVariable("print", medium == Medium.PRINT);
        context.setVariable("tables", report.tables().stream().map(HtmlReport::view).toList());
        context.setVariable("checklist", view(report.checklist()));
        // figures are independent charts: render them on all cores
        context.setVariable("figures", report.figures().parallelStream().map(figure -> view(figure, medium)).toList());
        context.setVariable("generatedAt", TIME.format(report.provenance().generatedAt()));
        return engine.process("report", context);
    }

    /**
     * A throw-away table rendered by a throw-away engine (the template is the text itself), for
     * {@link ReportLibraries}: it loads Thymeleaf and its standard dialect, and unbescape's table of
     * HTML5 character references, built on the first escaped text (in a profile of a cold 500-patient
     * report, 6% of the PDF thread's samples, on the thread that was to finish last).
     */
    static String throwAwayPage(String css)
    {
        Context context = new Context();
        context.setVariable("cells", List.of("1.5 ± 0.5", "≥ 2"));
        return new TemplateEngine().process("<html><head><style>" + css + "</style></head><body><h2 th:if=\"${!cells.isEmpty()}\">Loading</h2>"
                + "<table><caption th:text=\"${cells[0]}\">c</caption><thead><tr><th th:each=\"cell : ${cells}\" th:text=\"${cell}\">h</th></tr></thead>"
                + "<tbody><tr th:each=\"cell, status : ${cells}\" th:class=\"${status.first} ? 'group-start' : null\"><td th:text=\"${cell}\">d</td>"
                + "<td th:classappend=\"${cell}\" th:utext=\"${cell}\">d</td></tr></tbody></table></body></html>", context);
    }

    static TableView view(ReportTable table)
    {
        List<RowView> rows = new ArrayList<>();
        String previousGroup = null;
        for (List<String> cells : table.rows()) {
            boolean groupStart = !table.grouped() || !Objects.equals(cells.get(0), previousGroup);
            List<String> shown = new ArrayList<>(cells);
            if (table.grouped() && !groupStart) {
                shown.set(0, "");
            }
            rows.add(new RowView(shown, table.grouped() && groupStart));
            previousGroup = cells.get(0);
        }
        return new TableView(table.id(), table.title(), table.columns(), rows, table.notes(), table.columns().size() > 5);
    }

    private static FigureView view(Figure figure, Medium medium)
    {
        return switch (medium) {
            case SCREEN -> new FigureView(figure.id(), figure.caption(), FigureRenderer.svg(figure));
            case PRINT -> new FigureView(figure.id(), figure.caption(), printImage(figure));
        };
    }

    /**
     * The figure's {@code <object>} element in the printed HTML, which {@link FigureObjectDrawer} fills
     * with the vector drawing when the PDF is made; sized in millimetres so that the figure fits the A4 text block (170 × 225 mm)
     * with its caption, and never drawn larger than the report draws a chart ({@link FigureRenderer#REPORT_WIDTH}
     * units across the 170 mm): a figure laid out narrower (the flow diagram) keeps its text size.
     */
    private static String printImage(Figure figure)
    {
        double width = Math.min(Math.min(170, 225.0 * figure.width() / figure.height()), 170.0 * figure.width() / FigureRenderer.REPORT_WIDTH);
        double height = width * figure.height() / figure.width();
        return String.format(java.util.Locale.ROOT, "<object type=\"%s\" %s=\"%s\" style=\"display: block; width: %.1fmm; height: %.1fmm\"></object>",
                FigureObjectDrawer.TYPE, FigureObjectDrawer.FIGURE_ATTRIBUTE, figure.id(), width, height);
    }
}
