package org.casebook.report.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.casebook.report.StudyReport;
import org.casebook.report.table.ReportTable;

import static java.util.Objects.requireNonNull;

/**
 * Writes a report to a folder: {@code report.html}, {@code report.pdf}, {@code tables/<id>.csv}
 * for every table and {@code tables.xlsx} with them all. Each file is written beside and renamed
 * into place, so a reader never sees half a file.
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
     * @throws UncheckedIOException when a file cannot be written
     */
    public ReportFiles write(StudyReport report, Path directory)
    {
        requireNonNull(report, "report is null");
        try {
            Files.createDirectories(directory.resolve(TABLES));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            write(htmlFile, out -> out.write(html.render(report, HtmlReport.Medium.SCREEN).getBytes(StandardCharsets.UTF_8)));
            List<Path> csv = new ArrayList<>();
            for (ReportTable table : report.allTables()) {
                Path file = directory.resolve(TABLES).resolve(table.id() + ".csv");
                write(file, out -> out.write(TableFiles.csv(table).getBytes(StandardCharsets.UTF_8)));
                csv.add(file);
            }
            join(workbook);
            join(pdf);
            return new ReportFiles(htmlFile, pdfFile, xlsx, csv);
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
        try {
            writeAtomically(file, content);
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

    private static void writeAtomically(Path file, Content content)
            throws IOException
    {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temporary))) {
                content.writeTo(out);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }
}
