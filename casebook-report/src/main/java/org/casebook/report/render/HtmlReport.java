package org.casebook.report.render;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
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
 * a self-contained page: styles inline, figures inline. For the browser the figures are SVG; for
 * the PDF they are PNG at {@link #PDF_IMAGE_SCALE}× (openhtmltopdf draws raster images, not inline
 * SVG, without Batik). The output is well-formed XHTML, which openhtmltopdf requires.
 */
public final class HtmlReport
{
    /** Where the page goes: a browser (SVG figures) or the PDF renderer (PNG figures, paged CSS). */
    public enum Medium
    {
        SCREEN, PRINT
    }

    static final double PDF_IMAGE_SCALE = 2.5;
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
        context.setVariable("figures", report.figures().stream().map(figure -> view(figure, medium)).toList());
        context.setVariable("generatedAt", TIME.format(report.provenance().generatedAt()));
        return engine.process("report", context);
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

    /** A PNG sized in millimetres so that it fits the A4 text block (170 × 225 mm) with its caption. */
    private static String printImage(Figure figure)
    {
        double width = Math.min(170, 225.0 * figure.width() / figure.height());
        double height = width * figure.height() / figure.width();
        String png = Base64.getEncoder().encodeToString(FigureRenderer.png(figure, PDF_IMAGE_SCALE));
        return String.format(java.util.Locale.ROOT, "<img alt=\"%s\" style=\"width: %.1fmm; height: %.1fmm\" src=\"data:image/png;base64,%s\"/>",
                figure.id(), width, height, png);
    }
}
