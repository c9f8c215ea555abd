package org.casebook.web.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.casebook.error.CasebookException;
import org.casebook.store.ConflictException;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.ValidationException;
import org.casebook.store.screening.LogRow;
import org.casebook.store.screening.Review;
import org.casebook.store.screening.ReviewDecision;
import org.casebook.store.screening.Screening;
import org.casebook.store.screening.ScreeningFileException;
import org.casebook.store.screening.Screenings;
import org.casebook.workbook.WorkbookImportException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The screening page (investigators): import a {@code casebook screen} output (the zipped
 * folder, or screening.csv and flow.json), see the flow counts and the log, and decide on each
 * included patient against the acute-exacerbation checklist. Excluded patients are read-only.
 */
@Controller
public class ScreeningPages
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudyProtocols protocols;
    private final Screenings screenings;
    private final ScreeningUpload upload;
    private final Cases cases;

    public ScreeningPages(StudyProtocols protocols, Screenings screenings, ScreeningUpload upload, Cases cases)
    {
        this.protocols = protocols;
        this.screenings = screenings;
        this.upload = upload;
        this.cases = cases;
    }

    /** One count of flow.json: its section (blank for the top level), name and value. */
    public record FlowCount(String section, String name, String value) {}

    /**
     * An included patient on the page: the log row, the current decision (null: none yet), the
     * patient's case (null: not a case of the study), the form as shown, and the field errors or
     * conflict of a refused submission.
     */
    public record PatientReview(LogRow row, Review review, Long caseId, ScreeningReviewForm form, Map<String, String> errors, String conflict) {}

    @GetMapping("/studies/{studyId}/screening")
    public String page(@PathVariable long studyId, Model model)
    {
        return render(studyId, null, null, Map.of(), null, model);
    }

    @PostMapping("/studies/{studyId}/screening")
    public String importOutput(@PathVariable long studyId, @RequestParam(required = false) MultipartFile output,
            @RequestParam(required = false) MultipartFile log, @RequestParam(required = false) MultipartFile flow,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response)
    {
        try {
            Screenings.ImportSummary summary = output != null && !output.isEmpty()
                    ? upload.importZip(studyId, output, authentication.getName())
                    : upload.importLogAndFlow(studyId, log, flow, authentication.getName());
            redirect.addFlashAttribute("message", describe(summary));
            return "redirect:/studies/" + studyId + "/screening";
        }
        catch (ScreeningFileException e) {
            response.setStatus(400);
            model.addAttribute("fileErrors", e.errors());
        }
        catch (WorkbookImportException e) {
            response.setStatus(400);
            model.addAttribute("importErrors", e.errors());
        }
        catch (CasebookException e) {
            response.setStatus(e.errorCode().httpStatus());
            model.addAttribute("error", e.getMessage());
        }
        return render(studyId, null, null, Map.of(), null, model);
    }

    @PostMapping("/studies/{studyId}/screening/patients/{patientId}/review")
    public String review(@PathVariable long studyId, @PathVariable String patientId, @RequestParam Map<String, String> form,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response)
    {
        protocols.study(studyId);
        ScreeningReviewForm submitted = ScreeningReviewForm.fromForm(form, screenings.checklist());
        try {
            Review review = screenings.review(studyId, patientId, submitted.toRequest(), authentication.getName());
            redirect.addFlashAttribute("message", "Saved: patient " + patientId + " " + review.decision().label() + " (version " + review.version() + ").");
            return "redirect:/studies/" + studyId + "/screening#review-" + UriUtils.encodeFragment(patientId, "UTF-8");
        }
        catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("error", "Nothing was saved for patient " + patientId + ": " + String.join("; ", e.messages()));
            return render(studyId, patientId, submitted, e.fieldErrors(), null, model);
        }
        catch (ConflictException e) {
            response.setStatus(409);
            // the form now carries the current version: submitting again, having seen the other decision, replaces it
            ScreeningReviewForm current = new ScreeningReviewForm(e.currentVersion(), submitted.decision(), submitted.answers(), submitted.reason());
            return render(studyId, patientId, current, Map.of(), e.getMessage(), model);
        }
        catch (CasebookException e) {
            response.setStatus(e.errorCode().httpStatus());
            model.addAttribute("error", e.getMessage());
            return render(studyId, patientId, submitted, Map.of(), null, model);
        }
    }

    private String render(long studyId, String failedPatient, ScreeningReviewForm submitted, Map<String, String> errors, String conflict, Model model)
    {
        model.addAttribute("study", protocols.study(studyId));
        model.addAttribute("checklist", screenings.checklist());
        model.addAttribute("decisions", ReviewDecision.values());
        Optional<Screening> found = screenings.find(studyId);
        model.addAttribute("imported", found.isPresent());
        if (found.isEmpty()) {
            return "screening";
        }
        Screening screening = found.get();
        Map<String, Long> caseIds = cases.list(studyId).stream().collect(Collectors.toMap(CaseSummary::patientId, CaseSummary::id));
        List<PatientReview> included = new ArrayList<>();
        for (LogRow row : screening.log()) {
            if (row.included()) {
                Review review = screening.findReview(row.patientId()).orElse(null);
                boolean failed = row.patientId().equals(failedPatient);
                included.add(new PatientReview(row, review, caseIds.get(row.patientId()),
                        failed ? submitted : ScreeningReviewForm.of(review), failed ? errors : Map.of(), failed ? conflict : null));
            }
        }
        model.addAttribute("flow", flowCounts(screening.flowJson()));
        model.addAttribute("importedAt", screening.importedAt());
        model.addAttribute("importedBy", screening.importedBy());
        model.addAttribute("included", included);
        model.addAttribute("excluded", screening.log().stream().filter(row -> !row.included()).toList());
        model.addAttribute("notIncludedReviews", screening.reviewsOfPatientsNotIncluded());
        return "screening";
    }

    static String describe(Screenings.ImportSummary summary)
    {
        return "Imported the screening log: " + summary.patients() + " patient(s), " + summary.included() + " included; "
                + summary.casesImported() + " case(s) imported" + (summary.casesAlreadyInStudy() > 0 ? ", " + summary.casesAlreadyInStudy()
                + " already in the study left unchanged" : "") + "; " + summary.reviewsKept() + " decision(s) kept"
                + (summary.reviewsOfPatientsNotIncluded() > 0 ? ", " + summary.reviewsOfPatientsNotIncluded() + " on patients no longer included" : "") + ".";
    }

    /** The flow counts, top-level values first, then each object's entries under its name. */
    static List<FlowCount> flowCounts(String text)
    {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<FlowCount> counts = new ArrayList<>();
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        tree.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                sections.put(field.getKey(), field.getValue());
            }
            else {
                counts.add(new FlowCount("", field.getKey(), field.getValue().asText()));
            }
        });
        sections.forEach((section, node) -> node.fields().forEachRemaining(field ->
                counts.add(new FlowCount(section, field.getKey(), field.getValue().asText()))));
        return counts;
    }
}
