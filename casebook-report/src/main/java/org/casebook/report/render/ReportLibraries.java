package org.casebook.report.render;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.casebook.report.figure.ChartStyle;
import org.casebook.report.figure.Figure;
import org.casebook.report.figure.FigureFiles;
import org.casebook.report.table.ReportTable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Loads the report's libraries ahead of the report, on a thread of their own: Thymeleaf,
 * openhtmltopdf and PDFBox, Java 2D with the chart fonts, JFreeChart, the PNG encoder and POI's
 * OOXML schemas (xlsx, docx). A cold command spends about a second of CPU time loading and initialising them; started
 * while the cases are read and analysed on one core, this runs on the other, which was idle, instead
 * of in the report's parallel part, where both are busy. It writes nothing: each writer runs once on
 * a page with a small table, a one-line chart and a one-row table, and its output is thrown away.
 */
public final class ReportLibraries
{
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ReportLibraries() {}

    /** Starts loading, once per process, and returns at once. */
    public static void loadInBackground()
    {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(ReportLibraries::load, "report-libraries");
        // a command that ends early (a bad input) does not wait for it
        thread.setDaemon(true);
        thread.start();
    }

    /** Loads them; a failure here is left for the report itself to meet and report: this only saves time. */
    static void load()
    {
        try {
            runEachWriterOnce();
        }
        catch (IOException | RuntimeException | LinkageError ignored) {
            // the report's own writers run the same code and say what went wrong
        }
    }

    /**
     * Each writer once on throw-away content: a page with a two-row table (HTML, then PDF), a one-line
     * chart (SVG, PNG) and a one-row table (xlsx, docx). In the order the report's threads start
     * to need them: the PDF, the last to finish, first; the xlsx and docx, whose thread finishes
     * early, last.
     */
    static void runEachWriterOnce()
            throws IOException
    {
        String page = HtmlReport.throwAwayPage("@page { size: A4; @bottom-center { content: \"page \" counter(page); } } "
                + "body { font-family: \"DejaVu Sans\"; } table { -fs-table-paginate: paginate; } th { font-weight: bold; }");
        Figure figure = new Figure("loading", "", ReportLibraries::chart, 640, 400);
        PdfReport.write(page.replace("</body>", "<object type=\"" + FigureObjectDrawer.TYPE + "\" " + FigureObjectDrawer.FIGURE_ATTRIBUTE
                + "=\"loading\" style=\"display: block; width: 20mm; height: 10mm\"></object></body>"), List.of(figure), OutputStream.nullOutputStream());
        FigureFiles.svg(figure);
        FigureFiles.png(figure, OutputStream.nullOutputStream());
        ReportTable table = new ReportTable("loading", "±", List.of("a", "b"), List.of(List.of("1.5", "≥")), false, List.of());
        TableFiles.xlsx(List.of(table), OutputStream.nullOutputStream());
        DocxTables.write(List.of(table), OutputStream.nullOutputStream());
    }

    private static JFreeChart chart()
    {
        XYSeries series = new XYSeries("loading");
        series.add(0, 0);
        series.add(1, 1);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), new NumberAxis("x"), new NumberAxis("y"), new XYLineAndShapeRenderer());
        return new JFreeChart("±", ChartStyle.TITLE, plot, false);
    }
}
