package org.casebook.web.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.casebook.report.render.ReportWriter;
import org.casebook.web.results.ReportPages;
import org.casebook.web.results.StudyReports;
import org.casebook.web.security.AccessRules;
import org.casebook.web.study.StudyProtocols;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.casebook.web.security.SecurityLog;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The study report over the API, as on the results page: generate it from the cases as they
 * stand, then download its files. Investigators only ({@code AccessRules}): the report lists
 * every patient by id (Table 2), so analysts are answered 403 with that reason.
 */
@RestController
@RequestMapping("/api/studies/{studyId}/report")
public class ReportApi
{
    private static final String INVESTIGATORS_ONLY = "Not for analysts: " + AccessRules.REPORT_WITHHELD;

    private final StudyReports reports;
    private final StudyProtocols protocols;
    private final SecurityLog securityLog;

    public ReportApi(StudyReports reports, StudyProtocols protocols, SecurityLog securityLog)
    {
        this.reports = reports;
        this.protocols = protocols;
        this.securityLog = securityLog;
    }

    /** Whether the report exists, when it was generated, and where its files are. */
    public record ReportStatus(boolean generated, Instant generatedAt, Map<String, String> files) {}

    @GetMapping
    @Operation(summary = "The study report's state", description = "Whether it has been generated, when, and the paths of its files.")
    @ApiResponse(responseCode = "200", description = "the state; files is empty when the report has not been generated")
    @ApiResponse(responseCode = "403", description = INVESTIGATORS_ONLY)
    public ReportStatus status(@PathVariable long studyId)
    {
        protocols.study(studyId);
        return status(studyId, reports.generatedAt(studyId).orElse(null));
    }

    @PostMapping
    @Operation(summary = "Generate the study report", description = "Analyzes the study's cases as they stand now and writes report.html, "
            + "report.pdf and tables.xlsx (replacing an earlier report); answers their paths.")
    @ApiResponse(responseCode = "200", description = "generated")
    @ApiResponse(responseCode = "400", description = "the study has no cases to report on")
    @ApiResponse(responseCode = "403", description = INVESTIGATORS_ONLY)
    public ReportStatus generate(@PathVariable long studyId, Authentication authentication)
    {
        protocols.study(studyId);
        reports.generate(studyId);
        securityLog.reportGenerated(studyId, authentication.getName());
        return status(studyId, reports.generatedAt(studyId).orElseThrow());
    }

    @GetMapping("/report.html")
    @Operation(summary = "The report as HTML (inline)")
    @ApiResponse(responseCode = "404", description = "not generated yet")
    @ApiResponse(responseCode = "403", description = INVESTIGATORS_ONLY)
    public ResponseEntity<Resource> html(@PathVariable long studyId)
    {
        return ReportPages.download(reports, studyId, ReportWriter.HTML);
    }

    @GetMapping("/report.pdf")
    @Operation(summary = "The report as PDF")
    @ApiResponse(responseCode = "404", description = "not generated yet")
    @ApiResponse(responseCode = "403", description = INVESTIGATORS_ONLY)
    public ResponseEntity<Resource> pdf(@PathVariable long studyId)
    {
        return ReportPages.download(reports, studyId, ReportWriter.PDF);
    }

    @GetMapping("/tables.xlsx")
    @Operation(summary = "The report's tables as an xlsx workbook")
    @ApiResponse(responseCode = "404", description = "not generated yet")
    @ApiResponse(responseCode = "403", description = INVESTIGATORS_ONLY)
    public ResponseEntity<Resource> xlsx(@PathVariable long studyId)
    {
        return ReportPages.download(reports, studyId, ReportWriter.XLSX);
    }

    private static ReportStatus status(long studyId, Instant generatedAt)
    {
        Map<String, String> files = new LinkedHashMap<>();
        if (generatedAt != null) {
            for (String name : new String[] {ReportWriter.HTML, ReportWriter.PDF, ReportWriter.XLSX}) {
                files.put(name, "/api/studies/" + studyId + "/report/" + name);
            }
        }
        return new ReportStatus(generatedAt != null, generatedAt, files);
    }
}
