package org.casebook.web.results;

import java.nio.file.Path;

import org.casebook.report.render.ReportWriter;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.casebook.web.security.SecurityLog;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The study report on the results page: generate (POST) and its files. Investigators only
 * ({@code AccessRules}): the report has patient ids (Table 2), so analysts get none.
 */
@Controller
public class ReportPages
{
    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final StudyReports reports;

    private final SecurityLog securityLog;

    public ReportPages(StudyReports reports, SecurityLog securityLog)
    {
        this.reports = reports;
        this.securityLog = securityLog;
    }

    @PostMapping("/studies/{studyId}/results/report")
    public String generate(@PathVariable long studyId, Authentication authentication)
    {
        reports.generate(studyId);
        securityLog.reportGenerated(studyId, authentication.getName());
        return "redirect:/studies/" + studyId + "/results";
    }

    @GetMapping("/studies/{studyId}/results/report/report.html")
    public ResponseEntity<Resource> html(@PathVariable long studyId)
    {
        return download(reports, studyId, ReportWriter.HTML);
    }

    @GetMapping("/studies/{studyId}/results/report/report.pdf")
    public ResponseEntity<Resource> pdf(@PathVariable long studyId)
    {
        return download(reports, studyId, ReportWriter.PDF);
    }

    @GetMapping("/studies/{studyId}/results/report/tables.xlsx")
    public ResponseEntity<Resource> xlsx(@PathVariable long studyId)
    {
        return download(reports, studyId, ReportWriter.XLSX);
    }

    /**
     * One of the report's files ({@code report.html} shown inline, {@code report.pdf} and
     * {@code tables.xlsx} as attachments), or 404 when the report has not been generated.
     */
    public static ResponseEntity<Resource> download(StudyReports reports, long studyId, String name)
    {
        MediaType type = switch (name) {
            case ReportWriter.HTML -> MediaType.TEXT_HTML;
            case ReportWriter.PDF -> MediaType.APPLICATION_PDF;
            case ReportWriter.XLSX -> XLSX;
            default -> throw new IllegalArgumentException("not a report file: '" + name + "'");
        };
        String disposition = name.equals(ReportWriter.HTML) ? "inline" : "attachment";
        return reports.file(studyId, name)
                .<ResponseEntity<Resource>>map((Path file) -> ResponseEntity.ok().contentType(type)
                        .header("Content-Disposition", disposition + "; filename=\"" + name + "\"")
                        .body(new FileSystemResource(file)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
