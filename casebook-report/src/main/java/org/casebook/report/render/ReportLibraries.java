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
 * Loads the report's libraries ahead of the report, on a thread of their own: POI's OOXML schemas
 * (xlsx, docx), openhtmltopdf and PDFBox, Java 2D with the chart fonts, JFreeChart and the PNG
 * encoder. A cold command spends about a second of CPU time loading and initialising them; started
 * while the cases are read and analysed on one core, this runs on the other, which was idle, instead
 * of in the report's parallel part, where both are busy. It writes nothing: each writer runs once on
 * a one-row table, an empty page and a one-line chart, and its output is thrown away.
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

    /** Each writer once on throw-away content: a one-row table, a one-line chart and an empty page. */
    static void runEachWriterOnce()
            throws IOException
    {
        ReportTable table = new ReportTable("loading", "±", List.of("a", "b"), List.of(List.of("1.5", "≥")), false, List.of());
        TableFiles.xlsx(List.of(table), OutputStream.nullOutputStream());
        DocxTables.write(List.of(table), OutputStream.nullOutputStream());
        Figure figure = new Figure("loading", "", ReportLibraries::chart, 640, 400);
        FigureFiles.svg(figure);
        FigureFiles.png(figure, OutputStream.nullOutputStream());
        PdfReport.write("<html><body></body></html>", List.of(), OutputStream.nullOutputStream());
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
