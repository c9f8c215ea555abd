package org.casebook.web.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.store.study.StudyRole;
import org.casebook.web.security.SecurityLog;
import org.casebook.web.security.StudyAccess;
import org.casebook.web.study.StudyProtocols;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The results page, regenerated on every visit, and its downloads. Analysts see de-identified
 * results only; inter-reader agreement and which scans were adjudicated are shown to investigators.
 */
@Controller
public class ResultsPages
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudyResults results;
    private final StudyAccess access;
    private final StudyProtocols protocols;
    private final StudyReports reports;
    private final SecurityLog securityLog;
    private final ResultsReport resultsReport;

    public ResultsPages(StudyResults results, StudyAccess access, StudyProtocols protocols, StudyReports reports, SecurityLog securityLog,
            ResultsReport resultsReport)
    {
        this.resultsReport = resultsReport;
        this.securityLog = securityLog;
        this.results = results;
        this.reports = reports;
        this.access = access;
        this.protocols = protocols;
    }

    @GetMapping("/studies/{studyId}/results")
    public String results(@PathVariable long studyId, Authentication authentication, Model model)
    {
        StudyResults.Current current = results.compute(studyId);
        boolean investigator = access.roles(authentication, studyId).contains(StudyRole.INVESTIGATOR);
        model.addAttribute("study", protocols.study(studyId));
        model.addAttribute("investigator", investigator);
        model.addAttribute("text", current.text());
        model.addAttribute("shown", resultsReport.shown(current, investigator));
        model.addAttribute("n", current.results().n());
        model.addAttribute("agreement", AgreementView.of(current.protocol(), current.results().ctAgreement(), current.results().statistics().agreement())
                .orElse(null));
        model.addAttribute("ctSystem", CtScoringSystem.forName(current.protocol().ctScoring().system()));
        model.addAttribute("adjudicated", current.adjudicatedScans());
        model.addAttribute("reportGeneratedAt", investigator ? reports.generatedAt(studyId).orElse(null) : null);
        return "results";
    }

    @GetMapping("/studies/{studyId}/results/results.json")
    public ResponseEntity<String> json(@PathVariable long studyId, Authentication authentication, HttpServletRequest request)
            throws JsonProcessingException
    {
        boolean investigator = access.roles(authentication, studyId).contains(StudyRole.INVESTIGATOR);
        String body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results.json(results.compute(studyId), investigator));
        securityLog.download(studyId, authentication.getName(), investigator ? "results.json" : "results.json (de-identified)", request);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"results.json\"").body(body);
    }

    @GetMapping("/studies/{studyId}/results/deidentified.csv")
    public ResponseEntity<String> deidentified(@PathVariable long studyId, Authentication authentication, HttpServletRequest request)
    {
        String body = results.deidentifiedCsv(results.compute(studyId));
        securityLog.download(studyId, authentication.getName(), "deidentified.csv", request);
        return csv("deidentified.csv", body);
    }

    @GetMapping("/studies/{studyId}/results/counts.csv")
    public ResponseEntity<String> counts(@PathVariable long studyId, @RequestParam(defaultValue = "0") int suppressBelow, Authentication authentication,
            HttpServletRequest request)
    {
        String body = results.countsCsv(results.compute(studyId), suppressBelow);
        securityLog.download(studyId, authentication.getName(), "counts.csv (suppressBelow " + suppressBelow + ")", request);
        return csv("counts.csv", body);
    }

    private static ResponseEntity<String> csv(String name, String body)
    {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").body(body);
    }
}
