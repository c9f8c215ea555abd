package org.casebook.web.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.casebook.error.CasebookException;
import org.casebook.store.cases.AdverseEventEdit;
import org.casebook.store.cases.AdverseEvents;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.StoredAdverseEvent;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's adverse events: list, add, edit, remove (investigators). Each change names the case
 * version it was made on (409 with the other change when stale), needs a reason when the case is
 * locked, and answers 400 with every column error ({@code term}, {@code onset_date}, {@code grade},
 * {@code serious}, {@code related_to}, {@code action}).
 */
@RestController
@RequestMapping("/api/studies/{studyId}/cases/{caseId}/adverse-events")
public class AdverseEventApi
{
    private final Cases cases;
    private final AdverseEvents adverseEvents;

    public AdverseEventApi(Cases cases, AdverseEvents adverseEvents)
    {
        this.cases = cases;
        this.adverseEvents = adverseEvents;
    }

    /**
     * An adverse event made on case version {@code version}; {@code reason} is required when the
     * case is locked. {@code event}: {@code term} (required), {@code onsetDate} (yyyy-mm-dd),
     * {@code grade} (CTCAE 1–5), {@code ctcaeVersion} (e.g. 5.0; left out: the study's {@code adverse_events.ctcae_version}),
     * {@code serious} (required, yes/no or true/false),
     * {@code relatedTo} (one of the protocol's {@code adverse_events.related_to} levels; by default jaki, glucocorticoid, other, unknown), {@code action},
     * {@code outcome} (one of the protocol's {@code adverse_events.outcomes} levels; by default recovered, recovering, not_recovered,
     * recovered_with_sequelae, fatal, unknown).
     */
    public record AdverseEventChange(int version, String reason, AdverseEventEdit event) {}

    /** Removes an event made on case version {@code version}; {@code reason} is required when the case is locked. */
    public record AdverseEventRemoval(int version, String reason) {}

    @GetMapping
    @Operation(summary = "The case's adverse events")
    public List<StoredAdverseEvent> list(@PathVariable long studyId, @PathVariable long caseId)
    {
        cases.get(studyId, caseId);
        return adverseEvents.list(caseId);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an adverse event", description = "Made on case version `version`; answers the event's id and the case's new version.")
    @ApiResponse(responseCode = "201", description = "added")
    @ApiResponse(responseCode = "400", description = "fieldErrors by column (term, onset_date, grade, ctcae_version, serious, related_to, action, outcome), or a locked case without a reason")
    @ApiResponse(responseCode = "409", description = "the case changed since `version`: otherChanges lists the other change")
    public AdverseEvents.Saved add(@PathVariable long studyId, @PathVariable long caseId, @RequestBody AdverseEventChange change, Authentication authentication)
    {
        return adverseEvents.add(studyId, caseId, change.version(), requireEvent(change), change.reason(), authentication.getName());
    }

    @PutMapping("/{eventId}")
    @Operation(summary = "Replace an adverse event's columns", description = "Made on case version `version`; answers the case's new version.")
    @ApiResponse(responseCode = "400", description = "fieldErrors by column, nothing changed, or a locked case without a reason")
    @ApiResponse(responseCode = "409", description = "the case changed since `version`: otherChanges lists the other change")
    public AdverseEvents.Saved update(@PathVariable long studyId, @PathVariable long caseId, @PathVariable long eventId,
            @RequestBody AdverseEventChange change, Authentication authentication)
    {
        int version = adverseEvents.update(studyId, caseId, eventId, change.version(), requireEvent(change), change.reason(), authentication.getName());
        return new AdverseEvents.Saved(eventId, version);
    }

    @DeleteMapping("/{eventId}")
    @Operation(summary = "Remove an adverse event", description = "Made on case version `version`; the audit trail keeps its columns as old values.")
    @ApiResponse(responseCode = "409", description = "the case changed since `version`: otherChanges lists the other change")
    public AdverseEvents.Saved remove(@PathVariable long studyId, @PathVariable long caseId, @PathVariable long eventId,
            @RequestBody AdverseEventRemoval removal, Authentication authentication)
    {
        return new AdverseEvents.Saved(eventId, adverseEvents.remove(studyId, caseId, eventId, removal.version(), removal.reason(), authentication.getName()));
    }

    private static AdverseEventEdit requireEvent(AdverseEventChange change)
    {
        if (change.event() == null) {
            throw CasebookException.badInput("no event: expected {\"version\": N, \"reason\": \"…\", \"event\": {\"term\", \"onsetDate\", \"grade\", \"ctcaeVersion\", \"serious\", \"relatedTo\", \"action\", \"outcome\"}}");
        }
        return change.event();
    }
}
