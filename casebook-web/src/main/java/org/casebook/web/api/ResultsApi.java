package org.casebook.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.casebook.store.study.StudyRole;
import org.casebook.web.results.StudyResults;
import org.casebook.web.security.SecurityLog;
import org.casebook.web.security.StudyAccess;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The study's results, computed now. Investigators get the full results JSON; analysts the
 * de-identified one (no patient rows, no per-scan scores).
 */
@RestController
@RequestMapping("/api/studies/{studyId}/results")
public class ResultsApi
{
    private final StudyResults results;
    private final StudyAccess access;
    private final SecurityLog securityLog;

    public ResultsApi(StudyResults results, StudyAccess access, SecurityLog securityLog)
    {
        this.results = results;
        this.access = access;
        this.securityLog = securityLog;
    }

    @GetMapping
    public ObjectNode results(@PathVariable long studyId, Authentication authentication, HttpServletRequest request)
    {
        boolean investigator = access.roles(authentication, studyId).contains(StudyRole.INVESTIGATOR);
        ObjectNode json = results.json(results.compute(studyId), investigator);
        securityLog.download(studyId, authentication.getName(), investigator ? "results (JSON)" : "results (JSON, de-identified)", request);
        return json;
    }

    @GetMapping("/deidentified.csv")
    public ResponseEntity<String> deidentified(@PathVariable long studyId, Authentication authentication, HttpServletRequest request)
    {
        String body = results.deidentifiedCsv(results.compute(studyId));
        securityLog.download(studyId, authentication.getName(), "deidentified.csv", request);
        return csv("deidentified.csv", body);
    }

    /** Outcome counts; {@code suppressBelow} (off by default) hides counts under a threshold in tables leaving the site. */
    @GetMapping("/counts.csv")
    public ResponseEntity<String> counts(@PathVariable long studyId, @RequestParam(defaultValue = "0") int suppressBelow, Authentication authentication,
            HttpServletRequest request)
    {
        String body = results.countsCsv(results.compute(studyId), suppressBelow);
        securityLog.download(studyId, authentication.getName(), "counts.csv (suppressBelow " + suppressBelow + ")", request);
        return csv("counts.csv", body);
    }

    static ResponseEntity<String> csv(String name, String body)
    {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .body(body);
    }
}
