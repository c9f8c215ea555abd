package org.casebook.web.api;

import java.util.List;

import org.casebook.ctscore.IchikadoPattern;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.SavedRead;
import org.casebook.store.ct.WorklistItem;
import org.casebook.web.reading.ReadForm;
import org.casebook.web.security.StudyAccess;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A reader's blinded worklist and zone-by-zone reads: codes only, never patient, date, time point
 * or PACS accession (accessions often name the patient and time point); the accession of one
 * scan is opened by an explicit, audited request.
 */
@RestController
@RequestMapping("/api/studies/{studyId}/worklist")
public class ReadingApi
{
    private final CtReading reading;
    private final StudyAccess access;

    public ReadingApi(CtReading reading, StudyAccess access)
    {
        this.reading = reading;
        this.access = access;
    }

    /** A read as the reader sees it: the code and their zones (no patient, date or time point). */
    public record BlindedRead(String code, boolean adjudication, int version, double total, List<ReadForm> zones) {}

    /** A read made on {@code version} (0 for a first read). */
    public record ReadSubmission(int version, boolean adjudication, List<ReadForm> zones) {}

    @GetMapping
    public List<WorklistItem> worklist(@PathVariable long studyId, Authentication authentication)
    {
        return reading.worklist(studyId, authentication.getName(), access.isAdjudicator(authentication, studyId));
    }

    @GetMapping("/{code}")
    public BlindedRead read(@PathVariable long studyId, @PathVariable String code, @RequestParam(defaultValue = "false") boolean adjudication,
            Authentication authentication)
    {
        requireOnWorklist(studyId, code, adjudication, authentication);
        return reading.findRead(studyId, code, authentication.getName(), adjudication)
                .map(ReadingApi::blinded)
                .orElse(new BlindedRead(code, adjudication, 0, 0, List.of()));
    }

    /** A scan's PACS accession number, to open it in PACS: on explicit action, audited, refused (403) when the study hides accessions. */
    public record OpenedAccession(String code, String accession) {}

    @PostMapping("/{code}/accession")
    public OpenedAccession openAccession(@PathVariable long studyId, @PathVariable String code, Authentication authentication)
    {
        return new OpenedAccession(code, reading.openAccession(studyId, code, authentication.getName(), access.isAdjudicator(authentication, studyId)));
    }

    @PutMapping("/{code}")
    public BlindedRead save(@PathVariable long studyId, @PathVariable String code, @RequestBody ReadSubmission submission, Authentication authentication)
    {
        // the store checks the assignment (or that the scan awaits adjudication); the adjudicator right is checked here
        if (submission.adjudication() && !access.isAdjudicator(authentication, studyId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "scan " + code + " is not on your worklist");
        }
        if (submission.zones() == null) {
            throw new IllegalArgumentException("no zones: expected the six zones RU, RM, RL, LU, LM, LL, each with its six pattern percents");
        }
        SavedRead saved = reading.saveRead(studyId, code, authentication.getName(), submission.adjudication(), submission.version(),
                ReadForm.toZones(submission.zones()));
        return blinded(saved);
    }

    private void requireOnWorklist(long studyId, String code, boolean adjudication, Authentication authentication)
    {
        boolean listed = reading.worklist(studyId, authentication.getName(), access.isAdjudicator(authentication, studyId)).stream()
                .anyMatch(item -> item.code().equals(code) && item.adjudication() == adjudication);
        if (!listed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "scan " + code + " is not on your worklist");
        }
    }

    static BlindedRead blinded(SavedRead read)
    {
        return new BlindedRead(read.code(), read.adjudication(), read.version(), read.total(), read.zones().stream()
                .map(zone -> new ReadForm(zone.zone().name(), zone.percent(IchikadoPattern.NORMAL),
                        zone.percent(IchikadoPattern.GROUND_GLASS), zone.percent(IchikadoPattern.CONSOLIDATION),
                        zone.percent(IchikadoPattern.GROUND_GLASS_WITH_TRACTION),
                        zone.percent(IchikadoPattern.CONSOLIDATION_WITH_TRACTION),
                        zone.percent(IchikadoPattern.HONEYCOMBING)))
                .toList());
    }
}
