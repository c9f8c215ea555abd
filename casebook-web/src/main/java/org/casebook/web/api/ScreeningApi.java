package org.casebook.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.casebook.store.NotFoundException;
import org.casebook.store.screening.AeChecklist;
import org.casebook.store.screening.LogRow;
import org.casebook.store.screening.Review;
import org.casebook.store.screening.Screening;
import org.casebook.store.screening.Screenings;
import org.casebook.web.study.ScreeningReviewForm;
import org.casebook.web.study.ScreeningUpload;
import org.casebook.web.study.StudyProtocols;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A study's screening: log, flow and review decisions. Investigators only ({@link org.casebook.web.security.AccessRules}). */
@RestController
@RequestMapping("/api/studies/{studyId}/screening")
@Tag(name = "screening", description = "Screening log and flow of a casebook screen output, and the investigator's acute-exacerbation review of each included patient")
public class ScreeningApi
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudyProtocols protocols;
    private final Screenings screenings;
    private final ScreeningUpload upload;

    public ScreeningApi(StudyProtocols protocols, Screenings screenings, ScreeningUpload upload)
    {
        this.protocols = protocols;
        this.screenings = screenings;
        this.upload = upload;
    }

    /** One patient of the log with the current decision (null: none yet; always null for excluded patients). */
    public record PatientView(LogRow row, Review review) {}

    /** The flow as imported, the checklist, every patient of the log, and decisions kept for patients not included now. */
    public record ScreeningView(JsonNode flow, String importedAt, String importedBy, AeChecklist checklist, List<PatientView> patients,
            List<Review> reviewsOfPatientsNotIncluded) {}

    /**
     * A decision made on {@code version} of the patient's review (0 when none yet): {@code decision} is
     * {@code confirmed}, {@code suspected} or {@code rejected}; {@code answers} maps every checklist item id to
     * {@code yes}, {@code no} or {@code unknown}; {@code reason} is required.
     */
    public record ReviewBody(int version, String decision, Map<String, String> answers, String reason) {}

    @GetMapping
    @Operation(summary = "The screening flow counts, log and decisions (404 before an import)")
    public ScreeningView screening(@PathVariable long studyId)
    {
        protocols.study(studyId);
        Screening screening = screenings.find(studyId).orElseThrow(() -> new NotFoundException("screening output of study " + studyId));
        List<PatientView> patients = screening.log().stream()
                .map(row -> new PatientView(row, row.included() ? screening.findReview(row.patientId()).orElse(null) : null))
                .toList();
        return new ScreeningView(flow(screening.flowJson()), screening.importedAt(), screening.importedBy(), screenings.checklist(), patients,
                screening.reviewsOfPatientsNotIncluded());
    }

    @PostMapping(path = "/import", consumes = "multipart/form-data")
    @Operation(summary = "Import a screening output: multipart 'output' (the zipped output folder with cases/), or 'log' (screening.csv) and 'flow' (flow.json)",
            description = "One transaction. Replaces the log and flow; keeps decisions by patient and cases already in the study. "
                    + "Errors (400) list each problem by file, line and column (fileErrors) or by sheet, row and column of cases/ (importErrors).")
    public Screenings.ImportSummary importOutput(@PathVariable long studyId, @RequestParam(required = false) MultipartFile output,
            @RequestParam(required = false) MultipartFile log, @RequestParam(required = false) MultipartFile flow, Authentication authentication)
    {
        return output != null && !output.isEmpty()
                ? upload.importZip(studyId, output, authentication.getName())
                : upload.importLogAndFlow(studyId, log, flow, authentication.getName());
    }

    @PostMapping("/patients/{patientId}/review")
    @Operation(summary = "Confirm, mark suspected or reject an included patient against the acute-exacerbation checklist",
            description = "400 with fieldErrors when an item is unanswered, the reason is missing or the answers contradict the decision; "
                    + "404 for a patient not in the log; 400 for an excluded patient; 409 with otherChanges when someone decided since 'version'.")
    public Review review(@PathVariable long studyId, @PathVariable String patientId, @RequestBody ReviewBody body, Authentication authentication)
    {
        protocols.study(studyId);
        ScreeningReviewForm form = new ScreeningReviewForm(body.version(), body.decision() == null ? "" : body.decision(),
                body.answers() == null ? Map.of() : body.answers(), body.reason() == null ? "" : body.reason());
        return screenings.review(studyId, patientId, form.toRequest(), authentication.getName());
    }

    private static JsonNode flow(String json)
    {
        try {
            return JSON.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
