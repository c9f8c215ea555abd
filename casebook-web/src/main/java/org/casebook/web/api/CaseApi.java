package org.casebook.web.api;

import java.util.List;

import org.casebook.error.CasebookException;
import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.CaseValue;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.ValueEdit;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.CtScan;
import org.casebook.web.study.StudyProtocols;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Cases, their values, locks and history, and the study's CT scans: the investigator's API. */
@RestController
@RequestMapping("/api/studies/{studyId}")
public class CaseApi
{
    private final Cases cases;
    private final CtReading reading;
    private final StudyProtocols protocols;

    public CaseApi(Cases cases, CtReading reading, StudyProtocols protocols)
    {
        this.cases = cases;
        this.reading = reading;
        this.protocols = protocols;
    }

    public record CaseDetail(CaseSummary summary, List<CaseValue> values) {}

    /** Edits made on {@code version}; {@code reason} is required when the case is locked. */
    public record CaseEdit(int version, String reason, List<ValueEdit> edits) {}

    public record LockChange(int version, boolean locked, String reason) {}

    public record Saved(int version) {}

    public record Accession(String accession) {}

    public record Assignment(String reader) {}

    @GetMapping("/cases")
    public List<CaseSummary> cases(@PathVariable long studyId)
    {
        protocols.study(studyId);
        return cases.list(studyId);
    }

    @GetMapping("/cases/{caseId}")
    public CaseDetail caseDetail(@PathVariable long studyId, @PathVariable long caseId)
    {
        return new CaseDetail(cases.get(studyId, caseId), cases.values(caseId));
    }

    /** Saves edits; 409 with the other change when the case moved on since {@code version}, 400 with every field error. */
    @PutMapping("/cases/{caseId}/values")
    public Saved save(@PathVariable long studyId, @PathVariable long caseId, @RequestBody CaseEdit edit, Authentication authentication)
    {
        if (edit.edits() == null) {
            throw CasebookException.badInput("no edits: expected {\"version\": N, \"edits\": [{\"timepoint\", \"variable\", \"value\"}]}");
        }
        return new Saved(cases.save(studyId, caseId, edit.version(), edit.edits(), edit.reason(), authentication.getName(), protocols.validator(studyId)));
    }

    @PostMapping("/cases/{caseId}/lock")
    public Saved lock(@PathVariable long studyId, @PathVariable long caseId, @RequestBody LockChange change, Authentication authentication)
    {
        return new Saved(cases.setLocked(studyId, caseId, change.version(), change.locked(), change.reason(), authentication.getName()));
    }

    @GetMapping("/cases/{caseId}/history")
    public List<AuditEntry> history(@PathVariable long studyId, @PathVariable long caseId)
    {
        cases.get(studyId, caseId);
        return cases.history(caseId);
    }

    @GetMapping("/cases/{caseId}/history.csv")
    public ResponseEntity<String> historyCsv(@PathVariable long studyId, @PathVariable long caseId)
    {
        CaseSummary summary = cases.get(studyId, caseId);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header("Content-Disposition", "attachment; filename=\"history-" + summary.id() + ".csv\"")
                .body(AuditTrail.toCsv(cases.history(caseId)));
    }

    @GetMapping("/scans")
    public List<CtScan> scans(@PathVariable long studyId)
    {
        protocols.study(studyId);
        return reading.scans(studyId);
    }

    @PutMapping("/scans/{code}/accession")
    public CtScan setAccession(@PathVariable long studyId, @PathVariable String code, @RequestBody Accession accession, Authentication authentication)
    {
        reading.setAccession(studyId, code, accession.accession(), authentication.getName());
        return reading.findScan(studyId, code).orElseThrow();
    }

    /** Puts every scan of the study on a reader's worklist, in random order. */
    @PostMapping("/scans/assignments")
    public Saved assign(@PathVariable long studyId, @RequestBody Assignment assignment, Authentication authentication)
    {
        protocols.study(studyId);
        return new Saved(reading.assignAll(studyId, assignment.reader(), authentication.getName()));
    }
}
