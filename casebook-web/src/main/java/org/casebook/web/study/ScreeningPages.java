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
import org.casebook.store.screening.ScreeningEvidence;
import org.casebook.store.screening.Screenings;
import org.casebook.protocol.StudyProtocol;
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
    private final ScreeningEvidence evidence;

    public ScreeningPages(StudyProtocols protocols, Screenings screenings, ScreeningUpload upload, Cases cases, ScreeningEvidence evidence)
    {
        this.evidence = evidence;
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
    public String page(@PathVariable long studyId, @RequestParam(required = false) String search, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String reason, @RequestParam(defaultValue = "1") int excludedPage,
            @RequestParam(defaultValue = "25") String size, Model model)
    {
        model.addAttribute("lists", new Lists(search, status, page, reason, excludedPage, size));
        return render(studyId, null, null, Map.of(), null, model);
    }

    /** The page's two long lists: included patients to review (search by patient or case number, status, page) and the excluded (by reason, page). */
    record Lists(String search, String status, int page, String reason, int excludedPage, String size)
    {
        static final List<String> STATUSES = List.of("all", "to-review", "reviewed");

        Lists
        {
            search = search == null ? "" : search.strip();
            status = status == null || status.isBlank() ? "all" : status;
            reason = reason == null ? "" : reason;
            size = size == null || size.isBlank() ? "25" : size;
            org.casebook.web.cases.PageSizes.parse(size);
            if (!STATUSES.contains(status)) {
                throw CasebookException.badInput("status '%s': expected all, to-review or reviewed", status);
            }
        }
    }

    static final int EXCLUDED_PER_PAGE = 100;

    /** The page (of the default 25) of the included patients that holds {@code patientId}. */
    private int pageOf(long studyId, String patientId)
    {
        List<LogRow> included = screenings.find(studyId).map(screening -> screening.log().stream().filter(LogRow::included).toList()).orElse(List.of());
        for (int i = 0; i < included.size(); i++) {
            if (included.get(i).patientId().equals(patientId)) {
                return i / org.casebook.web.cases.PageSizes.parse("25") + 1;
            }
        }
        return 1;
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
            // back to the saved patient's form, on the page of the list that holds it
            int page = pageOf(studyId, patientId);
            return "redirect:/studies/" + studyId + "/screening" + (page > 1 ? "?page=" + page : "") + "#review-"
                    + UriUtils.encodeFragment(patientId, "UTF-8");
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
        Lists asked = (Lists) model.getAttribute("lists");
        // a refused decision comes back with its own patient's form on the page
        Lists lists = asked == null || failedPatient != null ? new Lists(failedPatient, null, 1, null, 1, null) : asked;
        Map<String, Long> caseIds = cases.list(studyId).stream().collect(Collectors.toMap(CaseSummary::patientId, CaseSummary::id));
        List<PatientReview> included = new ArrayList<>();
        int includedCount = 0;
        int reviewed = 0;
        String search = lists.search().toLowerCase(java.util.Locale.ROOT);
        for (LogRow row : screening.log()) {
            if (row.included()) {
                includedCount++;
                boolean decided = screening.findReview(row.patientId()).isPresent();
                reviewed += decided ? 1 : 0;
                boolean wanted = (search.isEmpty() || row.patientId().toLowerCase(java.util.Locale.ROOT).contains(search)
                        || String.valueOf(row.caseNo()).equals(search))
                        && (lists.status().equals("all") || lists.status().equals("reviewed") == decided);
                if (!wanted) {
                    continue;
                }
                Review review = screening.findReview(row.patientId()).orElse(null);
                boolean failed = row.patientId().equals(failedPatient);
                included.add(new PatientReview(row, review, caseIds.get(row.patientId()),
                        failed ? submitted : ScreeningReviewForm.of(review), failed ? errors : Map.of(), failed ? conflict : null));
            }
        }
        model.addAttribute("flow", flowCounts(screening.flowJson()));
        model.addAttribute("importedAt", screening.importedAt());
        model.addAttribute("importedBy", screening.importedBy());
        String path = "/studies/" + studyId + "/screening";
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("search", lists.search());
        parameters.put("status", lists.status().equals("all") ? null : lists.status());
        parameters.put("reason", lists.reason());
        parameters.put("size", lists.size().equals("25") ? null : lists.size());
        parameters.put("excludedPage", lists.excludedPage() == 1 ? null : Integer.toString(lists.excludedPage()));
        int perPage = org.casebook.web.cases.PageSizes.parse(lists.size());
        int pages = Math.max(1, (included.size() + perPage - 1) / perPage);
        int page = Math.min(Math.max(1, lists.page()), pages);
        model.addAttribute("includedCount", includedCount);
        model.addAttribute("reviewedCount", reviewed);
        model.addAttribute("matchingCount", included.size());
        List<PatientReview> shownIncluded = included.subList((page - 1) * perPage, Math.min(included.size(), page * perPage));
        model.addAttribute("included", shownIncluded);
        model.addAttribute("reviewPager", org.casebook.web.Pager.of(path, parameters, "page", page, pages, included.size()));
        List<LogRow> allExcluded = screening.log().stream().filter(row -> !row.included()).toList();
        List<LogRow> excluded = allExcluded.stream().filter(row -> lists.reason().isEmpty() || lists.reason().equals(row.reason())).toList();
        int excludedPerPage = Math.max(EXCLUDED_PER_PAGE, perPage);
        int excludedPages = Math.max(1, (excluded.size() + excludedPerPage - 1) / excludedPerPage);
        int excludedPage = Math.min(Math.max(1, lists.excludedPage()), excludedPages);
        parameters.put("excludedPage", null);
        parameters.put("page", page == 1 ? null : Integer.toString(page));
        model.addAttribute("excludedCount", allExcluded.size());
        model.addAttribute("excludedMatching", excluded.size());
        List<LogRow> shownExcluded = excluded.subList((excludedPage - 1) * excludedPerPage, Math.min(excluded.size(), excludedPage * excludedPerPage));
        model.addAttribute("excluded", shownExcluded);
        // each shown patient's evidence as records, read for the shown patients only
        List<String> shownPatients = new ArrayList<>();
        shownIncluded.forEach(p -> shownPatients.add(p.row().patientId()));
        shownExcluded.forEach(row -> shownPatients.add(row.patientId()));
        StudyProtocol protocol = protocols.protocol(studyId);
        Map<String, List<EvidenceViews.EvidenceView>> evidenceViews = new java.util.HashMap<>();
        evidence.forPatients(studyId, shownPatients).forEach((patient, records) -> evidenceViews.put(patient, EvidenceViews.of(protocol, records)));
        model.addAttribute("evidence", evidenceViews);
        Map<String, String> matchedText = new java.util.HashMap<>();
        for (PatientReview shown : shownIncluded) {
            String matched = shown.row().matchedByText();
            if (matched != null && !matched.isBlank()) {
                matchedText.put(shown.row().patientId(), java.util.Arrays.stream(matched.split(";")).map(String::strip)
                        .map(id -> protocol.eligibility().stream().filter(c -> c.id().equals(id) && c.description() != null)
                                .map(org.casebook.protocol.EligibilityCriterion::description).findFirst().orElse(id))
                        .collect(Collectors.joining("; ")));
            }
        }
        model.addAttribute("matchedText", matchedText);
        model.addAttribute("criteria", protocol.eligibility().stream()
                .collect(Collectors.toMap(org.casebook.protocol.EligibilityCriterion::id, c -> c.description() == null ? c.id() : c.description(), (a, b) -> a)));
        model.addAttribute("excludedPager", org.casebook.web.Pager.of(path, parameters, "excludedPage", excludedPage, excludedPages, excluded.size()));
        model.addAttribute("reasons", allExcluded.stream().map(LogRow::reason).distinct().sorted().toList());
        model.addAttribute("lists", lists);
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
