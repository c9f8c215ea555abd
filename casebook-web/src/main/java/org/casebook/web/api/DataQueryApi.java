package org.casebook.web.api;

import java.net.URI;
import java.util.List;

import org.casebook.store.NotFoundException;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.DataQueries;
import org.casebook.store.cases.DataQuery;
import org.casebook.store.cases.RecordStatus;
import org.casebook.web.cases.QueryFields;
import org.casebook.web.study.StudyProtocols;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Data queries on a case's values and the record status dashboard: the investigator's API. */
@RestController
@RequestMapping("/api/studies/{studyId}")
public class DataQueryApi
{
    private final DataQueries queries;
    private final Cases cases;
    private final RecordStatus status;
    private final StudyProtocols protocols;

    public DataQueryApi(DataQueries queries, Cases cases, RecordStatus status, StudyProtocols protocols)
    {
        this.queries = queries;
        this.cases = cases;
        this.status = status;
        this.protocols = protocols;
    }

    /** {@code field}: a case field ({@code age}) or time point and variable ({@code onset.pao2}). */
    public record NewQuery(String field, String comment) {}

    public record QueryStep(int version, String comment) {}

    public record Opened(long id, int version) {}

    public record Saved(int version) {}

    @GetMapping("/cases/{caseId}/queries")
    public List<DataQuery> caseQueries(@PathVariable long studyId, @PathVariable long caseId)
    {
        cases.get(studyId, caseId);
        return queries.forCase(studyId, caseId);
    }

    @PostMapping("/cases/{caseId}/queries")
    public ResponseEntity<Opened> open(@PathVariable long studyId, @PathVariable long caseId, @RequestBody NewQuery query, Authentication authentication)
    {
        cases.get(studyId, caseId);
        List<String> field = QueryFields.parse(protocols.protocol(studyId), query.field());
        long id = queries.open(studyId, caseId, field.get(0), field.get(1), query.comment(), authentication.getName());
        return ResponseEntity.created(URI.create("/api/studies/" + studyId + "/cases/" + caseId + "/queries/" + id)).body(new Opened(id, 1));
    }

    @PostMapping("/cases/{caseId}/queries/{queryId}/answer")
    public Saved answer(@PathVariable long studyId, @PathVariable long caseId, @PathVariable long queryId, @RequestBody QueryStep step,
            Authentication authentication)
    {
        requireOfCase(studyId, caseId, queryId);
        return new Saved(queries.answer(studyId, queryId, step.version(), step.comment(), authentication.getName()));
    }

    @PostMapping("/cases/{caseId}/queries/{queryId}/close")
    public Saved close(@PathVariable long studyId, @PathVariable long caseId, @PathVariable long queryId, @RequestBody QueryStep step,
            Authentication authentication)
    {
        requireOfCase(studyId, caseId, queryId);
        return new Saved(queries.close(studyId, queryId, step.version(), step.comment(), authentication.getName()));
    }

    /** The study's queries, all or in one status ({@code OPEN}, {@code ANSWERED}, {@code CLOSED}). */
    @GetMapping("/queries")
    public List<DataQuery> studyQueries(@PathVariable long studyId, @RequestParam(required = false) String status)
    {
        protocols.study(studyId);
        if (status != null && !List.of(DataQuery.OPEN, DataQuery.ANSWERED, DataQuery.CLOSED).contains(status)) {
            throw org.casebook.error.CasebookException.badInput("status '%s': expected OPEN, ANSWERED or CLOSED", status);
        }
        return queries.forStudy(studyId, status);
    }

    /** The record status dashboard, a page of cases at a time. */
    @GetMapping("/dashboard")
    public RecordStatus.Page dashboard(@PathVariable long studyId, @RequestParam(required = false) String search,
            @RequestParam(required = false) String filter, @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "50") int size)
    {
        return status.page(studyId, protocols.protocol(studyId), new RecordStatus.Request(search, filter, sort, page, size), true);
    }

    private void requireOfCase(long studyId, long caseId, long queryId)
    {
        if (queries.get(studyId, queryId).caseId() != caseId) {
            throw new NotFoundException("query " + queryId + " of case " + caseId);
        }
    }
}
