package org.casebook.web.audit;

import java.util.List;

import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.web.study.StudyProtocols;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail for site admins: site-wide ({@code /admin/audit}) and per study
 * ({@code /studies/{id}/audit}), filtered by user, entity, field and time, newest first, and as
 * CSV. Security events are here too: logins, failed logins, throttled logins, role and account
 * changes, report generation and every results download.
 */
@Controller
public class AuditPages
{
    /** The most rows a page or CSV shows; narrow the filter for older ones. */
    public static final int LIMIT = 2000;

    private final AuditTrail audit;
    private final StudyProtocols protocols;

    public AuditPages(AuditTrail audit, StudyProtocols protocols)
    {
        this.audit = audit;
        this.protocols = protocols;
    }

    @GetMapping("/admin/audit")
    public String site(@RequestParam(required = false) Long studyId, @RequestParam(required = false) String username,
            @RequestParam(required = false) String entity, @RequestParam(required = false) String field, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model)
    {
        AuditTrail.Filter filter = new AuditTrail.Filter(studyId, username, entity, field, from, to);
        return render(filter, "/admin/audit", model);
    }

    @GetMapping("/admin/audit.csv")
    public ResponseEntity<String> siteCsv(@RequestParam(required = false) Long studyId, @RequestParam(required = false) String username,
            @RequestParam(required = false) String entity, @RequestParam(required = false) String field, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to)
    {
        return csv("audit.csv", audit.search(new AuditTrail.Filter(studyId, username, entity, field, from, to), LIMIT));
    }

    @GetMapping("/studies/{studyId}/audit")
    public String study(@PathVariable long studyId, @RequestParam(required = false) String username, @RequestParam(required = false) String entity,
            @RequestParam(required = false) String field, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Model model)
    {
        model.addAttribute("study", protocols.study(studyId));
        return render(new AuditTrail.Filter(studyId, username, entity, field, from, to), "/studies/" + studyId + "/audit", model);
    }

    @GetMapping("/studies/{studyId}/audit.csv")
    public ResponseEntity<String> studyCsv(@PathVariable long studyId, @RequestParam(required = false) String username,
            @RequestParam(required = false) String entity, @RequestParam(required = false) String field, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to)
    {
        protocols.study(studyId);
        return csv("audit-study-" + studyId + ".csv", audit.search(new AuditTrail.Filter(studyId, username, entity, field, from, to), LIMIT));
    }

    private String render(AuditTrail.Filter filter, String path, Model model)
    {
        List<AuditEntry> entries = audit.search(filter, LIMIT);
        model.addAttribute("filter", filter);
        model.addAttribute("path", path);
        model.addAttribute("csvPath", path + ".csv");
        model.addAttribute("entries", entries);
        model.addAttribute("limit", LIMIT);
        return "audit";
    }

    private static ResponseEntity<String> csv(String name, List<AuditEntry> entries)
    {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").body(AuditTrail.toCsvWithStudy(entries));
    }
}
