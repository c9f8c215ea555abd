package org.casebook.report.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.casebook.io.OutputFolder;
import org.casebook.report.StudyReport;
import org.casebook.report.table.ReportTable;

import static java.util.Objects.requireNonNull;

/**
 * Writes a report to a folder: {@code report.html}, {@code report.pdf}, {@code tables/<id>.csv}
 * for every table and {@code tables.xlsx} with them all. The folder is written atomically
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

    /** The files written. */
    public record ReportFiles(Path html, Path pdf, Path xlsx, List<Path> csv) {}

    private final HtmlReport html = new HtmlReport();

    /**
     * Writes every file. The PDF (the slowest part: page layout), the xlsx and the HTML with the CSV
     * files are made on separate threads; figures build their own charts per rendering.
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
        return List.of(HTML, PDF, XLSX, TABLES).contains(name) || (name.startsWith(".") && name.endsWith(".tmp"));
    }

    private List<Path> writeFiles(StudyReport report, Path directory)
    {
        // own threads, not the common pool: it has a single worker on a 2-core machine, and the
        // HTML's figures already use it
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Path pdfFile = directory.resolve(PDF);
            CompletableFuture<Void> pdf = CompletableFuture.runAsync(() -> write(pdfFile,
                    out -> PdfReport.write(html.render(report, HtmlReport.Medium.PRINT), report.figures(), out)), executor);
            Path xlsx = directory.resolve(XLSX);
            CompletableFuture<Void> workbook = CompletableFuture.runAsync(() -> write(xlsx, out -> TableFiles.xlsx(report.allTables(), out)), executor);
            Path htmlFile = directory.resolve(HTML);
            try {
                write(htmlFile, out -> out.write(html.render(report, HtmlReport.Medium.SCREEN).getBytes(StandardCharsets.UTF_8)));
                List<Path> csv = new ArrayList<>();
                for (ReportTable table : report.allTables()) {
                    Path file = directory.resolve(TABLES).resolve(table.id() + ".csv");
                    write(file, out -> out.write(TableFiles.csv(table).getBytes(StandardCharsets.UTF_8)));
                    csv.add(file);
                }
                return csv;
            }
            finally {
                // both tasks end before the folder is committed or deleted
                join(workbook);
                join(pdf);
            }
        }
        finally {
            executor.shutdown();
        }
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
