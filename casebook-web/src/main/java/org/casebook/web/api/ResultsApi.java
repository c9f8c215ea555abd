package org.casebook.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.casebook.store.study.StudyRole;
import org.casebook.web.results.StudyResults;
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

    public ResultsApi(StudyResults results, StudyAccess access)
    {
        this.results = results;
        this.access = access;
    }

    @GetMapping
    public ObjectNode results(@PathVariable long studyId, Authentication authentication)
    {
        boolean investigator = access.roles(authentication, studyId).contains(StudyRole.INVESTIGATOR);
        return results.json(results.compute(studyId), investigator);
    }

    @GetMapping("/deidentified.csv")
    public ResponseEntity<String> deidentified(@PathVariable long studyId)
    {
        return csv("deidentified.csv", results.deidentifiedCsv(results.compute(studyId)));
    }

    /** Outcome counts; {@code suppressBelow} (off by default) hides counts under a threshold in tables leaving the site. */
    @GetMapping("/counts.csv")
    public ResponseEntity<String> counts(@PathVariable long studyId, @RequestParam(defaultValue = "0") int suppressBelow)
    {
        return csv("counts.csv", results.countsCsv(results.compute(studyId), suppressBelow));
    }

    static ResponseEntity<String> csv(String name, String body)
    {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .body(body);
    }
}
