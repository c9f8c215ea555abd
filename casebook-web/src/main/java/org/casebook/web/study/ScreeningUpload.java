package org.casebook.web.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.store.screening.ScreeningEvidence;
import org.casebook.store.screening.ScreeningOutput;
import org.casebook.store.screening.Screenings;
import org.casebook.workbook.WorkbookImporter;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports a {@code casebook screen} output into a study: either a .zip of the whole output
 * folder ({@code screening.csv}, {@code flow.json} and {@code cases/}, at the top of the zip or
 * in one folder), or just {@code screening.csv} and {@code flow.json}. Both files are checked
 * and the case workbook in {@code cases/} is validated by the workbook importer before anything
 * is stored; then everything is stored in one transaction.
 *
 * <p>The zip is unpacked into a temporary folder that is removed afterwards: entries with an
 * absolute path or {@code ..} are refused, hidden files skipped, and at most
 * {@value #MAX_ENTRIES} entries and {@value #MAX_UNPACKED_BYTES} bytes are unpacked.
 */
@Service
public class ScreeningUpload
{
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;
    private static final String CASES_FOLDER = "cases";

    private final StudyProtocols protocols;
    private final Screenings screenings;

    public ScreeningUpload(StudyProtocols protocols, Screenings screenings)
    {
        this.protocols = protocols;
        this.screenings = screenings;
    }

    /**
     * Imports a zipped output folder.
     *
     * @throws org.casebook.store.screening.ScreeningFileException listing the problems of screening.csv and flow.json (nothing imported)
     * @throws org.casebook.workbook.WorkbookImportException listing every bad cell of cases/ (nothing imported)
     * @throws CasebookException when the upload is not a zip of a screening output
     */
    public Screenings.ImportSummary importZip(long studyId, MultipartFile zip, String actor)
    {
        protocols.study(studyId);
        if (zip == null || zip.isEmpty()) {
            throw CasebookException.badInput("choose the .zip of a casebook screen output folder (screening.csv, flow.json, cases/)");
        }
        Path folder = WorkbookUpload.createTempFolder();
        try (InputStream in = zip.getInputStream()) {
            unzip(in, folder);
            Path root = outputRoot(folder);
            ScreeningOutput output = ScreeningOutput.parse(read(root.resolve(ScreeningOutput.LOG_FILE)), read(root.resolve(ScreeningOutput.FLOW_FILE)));
            Optional<CaseWorkbook> cases = Files.isDirectory(root.resolve(CASES_FOLDER))
                    ? Optional.of(new WorkbookImporter(protocols.protocol(studyId)).importFrom(root.resolve(CASES_FOLDER)).workbook())
                    : Optional.empty();
            // what each evidence record gave the case: cases/provenance.csv, when the output has it
            Path provenance = root.resolve(CASES_FOLDER).resolve(ScreeningEvidence.PROVENANCE_FILE);
            String provenanceCsv = Files.isRegularFile(provenance) ? read(provenance) : null;
            // what each evidence record is: evidence.csv, which outputs of older casebook versions lack
            Path evidence = root.resolve(ScreeningEvidence.EVIDENCE_FILE);
            String evidenceCsv = Files.isRegularFile(evidence) ? read(evidence) : null;
            return screenings.importOutput(studyId, output, cases, ScreeningEvidence.build(output.rows(), provenanceCsv, evidenceCsv), actor);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            WorkbookUpload.deleteRecursively(folder);
        }
    }

    /**
     * Imports the log and flow alone (no cases).
     *
     * @throws org.casebook.store.screening.ScreeningFileException listing the problems of both files (nothing imported)
     */
    public Screenings.ImportSummary importLogAndFlow(long studyId, MultipartFile log, MultipartFile flow, String actor)
    {
        protocols.study(studyId);
        if (log == null || log.isEmpty() || flow == null || flow.isEmpty()) {
            throw CasebookException.badInput("choose both screening.csv and flow.json (or the .zip of the whole output folder)");
        }
        try {
            ScreeningOutput output = ScreeningOutput.parse(new String(log.getBytes(), StandardCharsets.UTF_8), new String(flow.getBytes(), StandardCharsets.UTF_8));
            return screenings.importOutput(studyId, output, Optional.empty(), actor);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks {@code zip} into {@code folder}, refusing paths that would leave it and stopping at the limits. */
    static void unzip(InputStream zip, Path folder)
            throws IOException
    {
        int entries = 0;
        long unpacked = 0;
        try (ZipInputStream in = new ZipInputStream(zip, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw CasebookException.badInput("the zip has more than %d entries: not a screening output", MAX_ENTRIES);
                }
                Path target = target(folder, entry.getName());
                if (entry.isDirectory() || target == null) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                unpacked += copy(in, target, MAX_UNPACKED_BYTES - unpacked);
            }
        }
        catch (ZipException | IllegalArgumentException e) {
            throw CasebookException.badInput("the upload is not a readable .zip file: %s", e.getMessage());
        }
        if (entries == 0) {
            throw CasebookException.badInput("the upload is not a .zip file (or an empty one): zip the output folder of casebook screen");
        }
    }

    /** Where an entry goes, or null to skip it (hidden files such as .DS_Store, __MACOSX). */
    private static Path target(Path folder, String name)
    {
        String path = name.replace('\\', '/');
        List<String> segments = List.of(path.split("/"));
        if (path.startsWith("/") || path.contains(":") || segments.contains("..")) {
            throw CasebookException.badInput("the zip entry '%s' points outside its folder: refused", name);
        }
        if (segments.stream().anyMatch(segment -> segment.startsWith(".") || segment.equals("__MACOSX"))) {
            return null;
        }
        Path target = folder.resolve(path).normalize();
        if (!target.startsWith(folder)) {
            throw CasebookException.badInput("the zip entry '%s' points outside its folder: refused", name);
        }
        return target;
    }

    private static long copy(InputStream in, Path target, long allowed)
            throws IOException
    {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                written += read;
                if (written > allowed) {
                    throw CasebookException.badInput("the zip unpacks to more than %d MB: refused", MAX_UNPACKED_BYTES / (1024 * 1024));
                }
                out.write(buffer, 0, read);
            }
        }
        return written;
    }

    /** The folder holding screening.csv: the zip's top level, or its one folder. */
    private static Path outputRoot(Path folder)
            throws IOException
    {
        if (Files.isRegularFile(folder.resolve(ScreeningOutput.LOG_FILE))) {
            return folder;
        }
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> roots = children.filter(child -> Files.isRegularFile(child.resolve(ScreeningOutput.LOG_FILE))).toList();
            if (roots.size() == 1) {
                return roots.get(0);
            }
        }
        throw CasebookException.badInput("the zip holds no %s at its top level or in one folder: zip the output folder of casebook screen",
                ScreeningOutput.LOG_FILE);
    }

    private static String read(Path file)
            throws IOException
    {
        if (!Files.isRegularFile(file)) {
            throw CasebookException.badInput("the zip has no %s next to %s", file.getFileName(), ScreeningOutput.LOG_FILE);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (CharacterCodingException e) {
            throw CasebookException.badInput("%s is not UTF-8 text", file.getFileName());
        }
    }
}
