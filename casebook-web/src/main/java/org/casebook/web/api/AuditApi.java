package org.casebook.web.api;

import java.util.List;

import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.web.audit.AuditPages;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for site admins, filtered as on the audit page, newest first. */
@RestController
public class AuditApi
{
    private final AuditTrail audit;

    public AuditApi(AuditTrail audit)
    {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    public List<AuditEntry> search(@RequestParam(required = false) Long studyId, @RequestParam(required = false) String username,
            @RequestParam(required = false) String entity, @RequestParam(required = false) String field, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to)
    {
        return audit.search(new AuditTrail.Filter(studyId, username, entity, field, from, to), AuditPages.LIMIT);
    }
}
