package org.casebook.web.audit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.store.study.Studies;
import org.casebook.web.Pager;
import org.casebook.web.cases.CasePages;
import org.casebook.web.cases.PageSizes;
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
 * ({@code /studies/{id}/audit}), filtered by user, entity, field and time, newest (or oldest)
 * first, a page at a time, and as CSV (the newest {@value #LIMIT} rows of the filter). Security events are here too: logins, failed logins, throttled logins, role and account
 * changes, report generation and every results download.
 */
@Controller
public class AuditPages
{
    /** The most rows a page or CSV shows; narrow the filter for older ones. */
    public static final int LIMIT = 2000;

    private final AuditTrail audit;
    private final StudyProtocols protocols;
    private final Studies studies;

    public AuditPages(AuditTrail audit, StudyProtocols protocols, Studies studies)
    {
        this.studies = studies;
        this.audit = audit;
        this.protocols = protocols;
    }

    /** How the pages are asked for: the page (from 1), its size (25, 50, 100 or all) and the order ({@code newest} or {@code oldest} first). */
    public record Paging(int page, String size, String order)
    {
        public Paging
        {
            order = order == null || order.isBlank() ? "newest" : order;
            if (!order.equals("newest") && !order.equals("oldest")) {
                throw org.casebook.error.CasebookException.badInput("order '%s': expected newest or oldest", order);
            }
        }
    }

    @GetMapping("/admin/audit")
    public String site(@RequestParam(required = false) Long studyId, @RequestParam(required = false) String username,
            @RequestParam(required = false) String entity, @RequestParam(required = false) String field, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String size,
            @RequestParam(required = false) String order, Model model)
    {
        AuditTrail.Filter filter = new AuditTrail.Filter(studyId, username, entity, field, from, to);
        return render(filter, new Paging(page, size, order), "/admin/audit", model);
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
            @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String size, @RequestParam(required = false) String order,
            Model model)
    {
        model.addAttribute("study", protocols.study(studyId));
        return render(new AuditTrail.Filter(studyId, username, entity, field, from, to), new Paging(page, size, order), "/studies/" + studyId + "/audit", model);
    }

    @GetMapping("/studies/{studyId}/audit.csv")
    public ResponseEntity<String> studyCsv(@PathVariable long studyId, @RequestParam(required = false) String username,
            @RequestParam(required = false) String entity, @RequestParam(required = false) String field, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to)
    {
        protocols.study(studyId);
        return csv("audit-study-" + studyId + ".csv", audit.search(new AuditTrail.Filter(studyId, username, entity, field, from, to), LIMIT));
    }

    /** One row as the page shows it: the time in the server's local time to the second and the study by name. */
    public record Row(AuditEntry entry, String at, String study) {}

    /** The page: 50 rows at a time (25, 100 or all), paged by the database, so a trail of millions of rows costs one page. */
    private String render(AuditTrail.Filter filter, Paging paging, String path, Model model)
    {
        AuditTrail.Page shown = audit.page(filter, paging.order().equals("newest"), Math.max(1, paging.page()), PageSizes.parse(paging.size()));
        Map<Long, String> studyNames = new HashMap<>();
        studies.list().forEach(study -> studyNames.put(study.id(), study.name()));
        List<Row> rows = shown.entries().stream().map(e -> new Row(e, CasePages.localTime(e.at()),
                e.studyId() == null ? "" : studyNames.getOrDefault(e.studyId(), "study " + e.studyId()))).toList();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("studyId", path.startsWith("/admin") && filter.studyId() != null ? filter.studyId().toString() : null);
        parameters.put("username", filter.username());
        parameters.put("entity", filter.entity());
        parameters.put("field", filter.field());
        parameters.put("from", filter.from());
        parameters.put("to", filter.to());
        parameters.put("size", paging.size());
        parameters.put("order", paging.order());
        model.addAttribute("filter", filter);
        model.addAttribute("path", path);
        model.addAttribute("csvPath", path + ".csv");
        model.addAttribute("rows", rows);
        model.addAttribute("matching", shown.matching());
        model.addAttribute("pager", Pager.of(path, parameters, "page", shown.page(), shown.pages(), shown.matching()));
        model.addAttribute("size", paging.size() == null ? "50" : paging.size());
        model.addAttribute("sizes", PageSizes.CHOICES);
        model.addAttribute("order", paging.order());
        model.addAttribute("limit", LIMIT);
        return "audit";
    }

    private static ResponseEntity<String> csv(String name, List<AuditEntry> entries)
    {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").body(AuditTrail.toCsvWithStudy(entries));
    }
}
