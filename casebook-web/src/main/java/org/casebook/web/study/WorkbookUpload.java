package org.casebook.web.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.casebook.error.CasebookException;
import org.casebook.store.cases.CaseImport;
import org.casebook.workbook.ImportResult;
import org.casebook.workbook.WorkbookImporter;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports an uploaded case workbook (one .xlsx, or the CSV files of a workbook folder) into a
 * study: the importer validates every cell first, and the store writes all of it in one
 * transaction, so an import with errors (or a crash) stores nothing.
 */
@Service
public class WorkbookUpload
{
    private static final Set<String> CSV_NAMES = Set.of("cases.csv", "measurements.csv", "ct_reads.csv", "ct_studies.csv",
            "ct_reads_kazerooni.csv", "adverse_events.csv");

    private final StudyProtocols protocols;
    private final CaseImport caseImport;

    public WorkbookUpload(StudyProtocols protocols, CaseImport caseImport)
    {
        this.protocols = protocols;
        this.caseImport = caseImport;
    }

    /** What an upload stored and the importer's warnings. */
    public record Outcome(CaseImport.Summary summary, List<String> warnings) {}

    /**
     * @throws org.casebook.workbook.WorkbookImportException listing every bad cell (nothing imported)
     * @throws CasebookException when the upload is not a workbook
     */
    public Outcome importFiles(long studyId, List<MultipartFile> files, String actor)
    {
        Path folder = createTempFolder();
        try {
            Path source = save(files, folder);
            ImportResult result = new WorkbookImporter(protocols.protocol(studyId)).importFrom(source);
            CaseImport.Summary summary = caseImport.importWorkbook(studyId, result.workbook(), actor);
            return new Outcome(summary, result.warnings().stream().map(issue -> issue.message()).toList());
        }
        finally {
            deleteRecursively(folder);
        }
    }

    private static Path save(List<MultipartFile> files, Path folder)
    {
        List<MultipartFile> present = files.stream().filter(file -> !file.isEmpty()).toList();
        if (present.isEmpty()) {
            throw CasebookException.badInput("choose a workbook: one .xlsx file or the CSV files (cases.csv, measurements.csv, ct_reads.csv, …)");
        }
        if (present.size() == 1 && name(present.get(0)).endsWith(".xlsx")) {
            return copy(present.get(0), folder.resolve("workbook.xlsx"));
        }
        for (MultipartFile file : present) {
            String name = name(file);
            if (!CSV_NAMES.contains(name)) {
                throw CasebookException.badInput("unexpected file '%s': a workbook folder holds %s", name, CSV_NAMES.stream().sorted().toList());
            }
            copy(file, folder.resolve(name));
        }
        return folder;
    }

    private static String name(MultipartFile file)
    {
        String original = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        return Path.of(original.replace('\\', '/')).getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static Path copy(MultipartFile file, Path target)
    {
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, target);
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path createTempFolder()
    {
        try {
            return Files.createTempDirectory("casebook-import");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path folder)
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
