package org.casebook.web.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.protocol.StudyProtocol;
import org.casebook.store.cases.DataQueries;
import org.casebook.store.cases.DataQuery;
import org.casebook.store.cases.RecordStatus;
import org.casebook.web.Pager;
import org.casebook.web.study.StudyProtocols;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The record status dashboard: cases × sections, each cell complete, incomplete or empty, with open queries and locks; counts and filters. */
@Controller
public class DashboardPages
{
    /** Open queries listed under the dashboard, newest first. */
    static final int QUERIES_SHOWN = 100;

    private final RecordStatus status;
    private final DataQueries queries;
    private final StudyProtocols protocols;

    public DashboardPages(RecordStatus status, DataQueries queries, StudyProtocols protocols)
    {
        this.status = status;
        this.queries = queries;
        this.protocols = protocols;
    }

    @GetMapping("/studies/{studyId}/dashboard")
    public String dashboard(@PathVariable long studyId, @RequestParam(required = false) String search, @RequestParam(required = false) String filter,
            @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") String size,
            Model model)
    {
        StudyProtocol protocol = protocols.protocol(studyId);
        int pageSize = PageSizes.parse(size);
        RecordStatus.Page shown = status.page(studyId, protocol, new RecordStatus.Request(search, filter, sort, page, pageSize), true);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("search", search);
        parameters.put("filter", filter);
        parameters.put("sort", sort);
        parameters.put("size", size);
        String path = "/studies/" + studyId + "/dashboard";
        model.addAttribute("study", protocols.study(studyId));
        model.addAttribute("dashboard", shown);
        model.addAttribute("pager", Pager.of(path, parameters, "page", shown.page(), shown.pages(), shown.matching()));
        model.addAttribute("search", search == null ? "" : search);
        model.addAttribute("filter", filter == null ? "all" : filter);
        model.addAttribute("sort", sort == null ? "patient" : sort);
        model.addAttribute("size", size);
        model.addAttribute("sizes", PageSizes.CHOICES);
        model.addAttribute("filters", RecordStatus.FILTERS);
        Map<String, String> labels = QueryFields.labels(protocol);
        List<DataQuery> unresolved = new java.util.ArrayList<>(queries.forStudy(studyId, DataQuery.OPEN));
        unresolved.addAll(queries.forStudy(studyId, DataQuery.ANSWERED));
        unresolved.sort(java.util.Comparator.comparingLong(DataQuery::id).reversed());
        model.addAttribute("unresolvedCount", unresolved.size());
        model.addAttribute("openQueries", unresolved.stream().limit(QUERIES_SHOWN)
                .map(q -> new QueryRow(q, labels.getOrDefault(q.field(), q.field()), CasePages.localTime(q.openedAt()))).toList());
        return "dashboard";
    }

    /** A query not closed, as the dashboard lists it. */
    public record QueryRow(DataQuery query, String label, String openedAt) {}
}
