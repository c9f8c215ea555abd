package org.casebook.web.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.casebook.analysis.ResultsJson;
import org.casebook.report.Provenance;
import org.casebook.report.StudyData;
import org.casebook.report.StudyReport;
import org.casebook.report.render.ReportWriter;
import org.casebook.store.OwnerOnlyFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The study report ({@code casebook-report}: report.html, report.pdf, tables.xlsx, tables/*.csv)
 * generated on demand from the study's current cases into its data folder,
 * {@code DATA/studies/<id>/report/}. The data folder is {@code casebook.data} when set, else the
 * folder of the SQLite database, else {@code ./casebook-data}. The report has one row per patient
 * (Table 2, with patient ids) and swimmer plots, so it is for investigators only.
 */
@Service
public class StudyReports
{
    private final StudyResults results;
    private final Path data;
    private final Clock clock;

    public StudyReports(StudyResults results, Clock clock,
            @Value("${casebook.data:}") String data, @Value("${casebook.db}") String jdbcUrl)
    {
        this.results = results;
        this.clock = clock;
        this.data = dataFolder(data, jdbcUrl);
    }

    static Path dataFolder(String data, String jdbcUrl)
    {
        if (data != null && !data.isBlank()) {
            return Path.of(data).toAbsolutePath();
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            int query = file.indexOf('?');
            Path parent = Path.of(query < 0 ? file : file.substring(0, query)).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return Path.of("casebook-data").toAbsolutePath();
    }

    public Path directory(long studyId)
    {
        return data.resolve("studies").resolve(Long.toString(studyId)).resolve("report");
    }

    /** Analyzes the study as it stands now and writes its report; answers the files written. */
    public synchronized ReportWriter.ReportFiles generate(long studyId)
    {
        StudyResults.Current current = results.compute(studyId);
        String resultsJson = ResultsJson.toTree(current.results()).toString();
        String version = Optional.ofNullable(StudyReports.class.getPackage().getImplementationVersion()).orElse("dev");
        Provenance provenance = new Provenance(version, current.protocol().id(), current.protocol().sha256(),
                "study " + studyId + " database (" + current.results().n() + " cases; hash of its results.json)",
                sha256(resultsJson), clock.instant());
        StudyReport report = StudyReport.build(StudyData.analyze(current.protocol(), current.workbook()), provenance);
        // the report lists every patient: owner-only folders and files, whatever the umask
        OwnerOnlyFiles.createFolders(directory(studyId));
        ReportWriter.ReportFiles files = new ReportWriter().write(report, directory(studyId));
        OwnerOnlyFiles.restrict(data.resolve("studies"));
        return files;
    }

    /** One of the report's files when it has been generated: {@code report.html}, {@code report.pdf} or {@code tables.xlsx}. */
    public Optional<Path> file(long studyId, String name)
    {
        Path file = directory(studyId).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    public Optional<Instant> generatedAt(long studyId)
    {
        try {
            Optional<Path> pdf = file(studyId, ReportWriter.PDF);
            return pdf.isPresent() ? Optional.of(Files.getLastModifiedTime(pdf.get()).toInstant()) : Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
