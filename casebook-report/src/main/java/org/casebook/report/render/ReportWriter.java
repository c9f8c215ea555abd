package org.casebook.report.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.casebook.io.OutputFolder;
import org.casebook.report.StudyReport;
import org.casebook.report.figure.Figure;
import org.casebook.report.figure.FigureFiles;
import org.casebook.report.figure.FlowDiagram;
import org.casebook.report.table.ScreeningFlowTable;
import org.casebook.report.table.ReportTable;

import static java.util.Objects.requireNonNull;

/**
 * Writes a report to a folder: {@code report.html}, {@code report.pdf}, {@code tables/<id>.csv}
 * for every table, {@code tables.xlsx} and {@code tables.docx} with them all, {@code figures/} with
 * every figure as SVG and 300-dpi PNG at a journal column width, and {@code text/} with the
 * methods-and-results draft. The folder is written atomically
 * ({@link OutputFolder}): everything goes into a hidden folder beside it that replaces it when
 * complete, so a killed run leaves no report without its PDF, and a re-run never mixes a new
 * HTML with an old PDF. An existing folder is replaced only when it holds nothing but a report.
 */
public final class ReportWriter
{
    public static final String HTML = "report.html";
    public static final String PDF = "report.pdf";
    public static final String XLSX = "tables.xlsx";
    public static final String TABLES = "tables";
    public static final String DOCX = "tables.docx";
    public static final String FIGURES = "figures";
    public static final String TEXT = "text";
    /** The methods-and-results draft as plain text, one paragraph per line, under {@link #TEXT}. */
    public static final String METHODS_RESULTS = "methods_results.txt";
    /** The figures' captions, one line each with the figure's file stem, under {@link #FIGURES}. */
    public static final String CAPTIONS = "captions.txt";

    /** The files written. */
    public record ReportFiles(Path html, Path pdf, Path xlsx, List<Path> csv)
    {
        public Path docx()
        {
            return html.resolveSibling(DOCX);
        }

        /** The folder of the figure files: {@code <id>.svg} and {@code <id>.png} per figure, and {@code captions.txt}. */
        public Path figures()
        {
            return html.resolveSibling(FIGURES);
        }

        public Path text()
        {
            return html.resolveSibling(TEXT).resolve(METHODS_RESULTS);
        }
    }

    private final HtmlReport html = new HtmlReport();

    /**
     * Writes every file. The PDF (the slowest part: page layout) is made on a thread of its own, and
     * everything else on this one: the HTML, the CSV and figure files, the xlsx and the docx, which
     * together take less time than the PDF. Figures build their own charts per rendering.
     *
     * @throws org.casebook.error.CasebookException when the folder cannot be created or replaced (a
     *         parent is a file; it holds files other than a report; another run replaced it meanwhile)
     * @throws UncheckedIOException when a file cannot be written
     */
    public ReportFiles write(StudyReport report, Path directory)
    {
        requireNonNull(report, "report is null");
        try (OutputFolder folder = OutputFolder.begin(directory, OutputFolder.Existing.REPLACE, ReportWriter::isReportEntry)) {
            Path temporary = folder.temporary();
            try {
                Files.createDirectories(temporary.resolve(TABLES));
                Files.createDirectories(temporary.resolve(FIGURES));
                Files.createDirectories(temporary.resolve(TEXT));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Path> csv = writeFiles(report, temporary).stream().map(file -> directory.resolve(TABLES).resolve(file.getFileName())).toList();
            folder.commit();
            return new ReportFiles(directory.resolve(HTML), directory.resolve(PDF), directory.resolve(XLSX), csv);
        }
    }

    /** What a report folder holds, so that an existing one may be replaced by a new report. */
    private static boolean isReportEntry(Path entry)
    {
        String name = entry.getFileName().toString();
        return List.of(HTML, PDF, XLSX, TABLES, DOCX, FIGURES, TEXT).contains(name) || (name.startsWith(".") && name.endsWith(".tmp"));
    }

    private List<Path> writeFiles(StudyReport report, Path directory)
    {
        // its own thread, not the common pool: it has a single worker on a 2-core machine, and the
        // HTML's figures already use it. Two threads, not three: with the xlsx and docx on a third,
        // the PDF shared two cores with two other threads until they were done, and then ran alone
        // while a core idled.
        ExecutorService executor = Executors.newSingleThreadExecutor();
        // the documents print long tables shortened, the data files (CSV, xlsx) whole
        StudyReport document = report.forDocuments();
        try {
            Path pdfFile = directory.resolve(PDF);
            CompletableFuture<Void> pdf = CompletableFuture.runAsync(() -> write(pdfFile,
                    out -> PdfReport.write(html.render(document, HtmlReport.Medium.PRINT), document.figures(), out)), executor);
            Path htmlFile = directory.resolve(HTML);
            try {
                write(htmlFile, out -> out.write(html.render(document, HtmlReport.Medium.SCREEN).getBytes(StandardCharsets.UTF_8)));
                write(directory.resolve(TEXT).resolve(METHODS_RESULTS),
                        out -> out.write((String.join("\n\n", report.paragraphs()) + "\n").getBytes(StandardCharsets.UTF_8)));
                List<Path> csv = new ArrayList<>();
                for (ReportTable table : report.allTables()) {
                    Path file = directory.resolve(TABLES).resolve(table.id() + ".csv");
                    write(file, out -> {
                        java.io.Writer text = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                        TableFiles.csv(table, text);
                        text.flush();
                    });
                    csv.add(file);
                }
                writeFigureFiles(report, directory.resolve(FIGURES));
                write(directory.resolve(XLSX), out -> TableFiles.xlsx(report.allTables(), out));
                write(directory.resolve(DOCX), out -> DocxTables.write(document.allTables(), flowDiagramAfterItsTable(report), out));
                return csv;
            }
            finally {
                // the PDF ends before the folder is committed or deleted
                join(pdf);
            }
        }
        finally {
            executor.shutdown();
        }
    }

    /** The Word tables carry the flow diagram after the screening-flow table: the one figure that belongs with a table. */
    private static Map<String, Figure> flowDiagramAfterItsTable(StudyReport report)
    {
        return report.figures().stream().filter(figure -> figure.id().endsWith(FlowDiagram.ID_SUFFIX)).findFirst()
                .map(figure -> Map.of(ScreeningFlowTable.ID, figure)).orElse(Map.of());
    }

    /** Each figure as {@code <id>.svg} (vector, size in mm) and {@code <id>.png} (300 dpi), numbered as in the report, and their captions. */
    private static void writeFigureFiles(StudyReport report, Path folder)
    {
        StringBuilder captions = new StringBuilder();
        for (Figure figure : report.figures()) {
            write(folder.resolve(figure.id() + ".svg"), out -> out.write(FigureFiles.svg(figure).getBytes(StandardCharsets.UTF_8)));
            write(folder.resolve(figure.id() + ".png"), out -> FigureFiles.png(figure, out));
            captions.append(figure.id()).append('\t').append(figure.caption()).append('\n');
        }
        write(folder.resolve(CAPTIONS), out -> out.write(captions.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void join(CompletableFuture<Void> task)
    {
        try {
            task.join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void write(Path file, Content content)
    {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            content.writeTo(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Content
    {
        void writeTo(OutputStream out)
                throws IOException;
    }
}
