package org.casebook.web.reading;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.ctscore.ReadLayout;
import org.casebook.error.CasebookException;
import org.casebook.store.ConflictException;
import org.casebook.store.NotFoundException;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.SavedRead;
import org.casebook.store.ct.WorklistPages;
import org.casebook.store.study.Studies;
import org.casebook.web.Pager;
import org.casebook.web.cases.PageSizes;
import org.casebook.web.security.StudyAccess;
import org.casebook.web.study.StudyProtocols;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reader's blinded worklist (codes only) and the reading form of the study protocol's CT
 * scoring system (Ichikado: six zones × six pattern percents; Kazerooni: five lobes × two
 * grades), where the reader may open the scan's PACS accession number unless the study hides it.
 */
@Controller
public class ReadingPages
{
    private final CtReading reading;
    private final StudyAccess access;
    private final StudyProtocols protocols;
    private final Studies studies;
    private final WorklistPages worklists;

    public ReadingPages(CtReading reading, StudyAccess access, StudyProtocols protocols, Studies studies, WorklistPages worklists)
    {
        this.studies = studies;
        this.worklists = worklists;
        this.reading = reading;
        this.access = access;
        this.protocols = protocols;
    }

    /** The worklist a page at a time (50 rows; 25, 100 or all), searched by code, filtered to read or to read, in worklist order or by code. */
    @GetMapping("/studies/{studyId}/worklist")
    public String worklist(@PathVariable long studyId, @RequestParam(required = false) String search, @RequestParam(required = false) String filter,
            @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String size,
            Authentication authentication, Model model)
    {
        model.addAttribute("study", protocols.study(studyId));
        WorklistPages.Page shown = worklists.page(studyId, authentication.getName(), access.isAdjudicator(authentication, studyId),
                new WorklistPages.Request(search, filter, sort, page, PageSizes.parse(size)));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("search", search);
        parameters.put("filter", filter);
        parameters.put("sort", sort);
        parameters.put("size", size);
        model.addAttribute("items", shown.items());
        model.addAttribute("counts", shown.counts());
        model.addAttribute("matching", shown.matching());
        model.addAttribute("pager", Pager.of("/studies/" + studyId + "/worklist", parameters, "page", shown.page(), shown.pages(), shown.matching()));
        model.addAttribute("search", search == null ? "" : search);
        model.addAttribute("filter", filter == null ? "all" : filter);
        model.addAttribute("sort", sort == null ? "worklist" : sort);
        model.addAttribute("size", size == null ? "50" : size);
        model.addAttribute("sizes", PageSizes.CHOICES);
        return "worklist";
    }

    @GetMapping("/studies/{studyId}/worklist/{code}")
    public String readForm(@PathVariable long studyId, @PathVariable String code, @RequestParam(defaultValue = "false") boolean adjudication,
            Authentication authentication, Model model)
    {
        requireOnWorklist(studyId, code, adjudication, authentication);
        SavedRead saved = reading.findRead(studyId, code, authentication.getName(), adjudication).orElse(null);
        ReadLayout layout = reading.system(studyId).layout();
        return render(studyId, code, adjudication, saved == null ? 0 : saved.version(), ReadRows.of(layout, saved == null ? null : saved.grid()), model);
    }

    /** Shows the scan's PACS accession on its form: an explicit, audited action (the worklist never shows accessions). */
    @PostMapping("/studies/{studyId}/worklist/{code}/accession")
    public String openAccession(@PathVariable long studyId, @PathVariable String code, @RequestParam(defaultValue = "false") boolean adjudication,
            Authentication authentication, Model model, HttpServletResponse response)
    {
        try {
            model.addAttribute("accession", reading.openAccession(studyId, code, authentication.getName(), access.isAdjudicator(authentication, studyId)));
        }
        catch (CasebookException e) {
            response.setStatus(e.errorCode().httpStatus());
            model.addAttribute("error", e.getMessage());
        }
        return readForm(studyId, code, adjudication, authentication, model);
    }

    @PostMapping("/studies/{studyId}/worklist/{code}")
    public String save(@PathVariable long studyId, @PathVariable String code, @RequestParam(defaultValue = "false") boolean adjudication,
            @RequestParam int version, @RequestParam MultiValueMap<String, String> form, Authentication authentication,
            Model model, RedirectAttributes redirect, HttpServletResponse response)
    {
        // the store checks the assignment (or that the scan awaits adjudication); the adjudicator right is checked here
        if (adjudication && !access.isAdjudicator(authentication, studyId)) {
            throw new NotFoundException("scan " + code + " on your worklist");
        }
        CtScoringSystem system = reading.system(studyId);
        List<ReadRows.Row> rows = ReadRows.submitted(system.layout(), form);
        try {
            SavedRead saved = reading.saveRead(studyId, code, authentication.getName(), adjudication, version,
                    system.layout().parse(ReadRows.typed(system.layout(), rows)));
            redirect.addFlashAttribute("message", "Saved read of " + code + ": " + system.label() + " " + String.format(Locale.ROOT, "%.1f", saved.total()) + ".");
            return "redirect:/studies/" + studyId + "/worklist";
        }
        catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("error", e.getMessage());
        }
        catch (IllegalArgumentException | CasebookException e) {
            response.setStatus(400);
            model.addAttribute("error", "Not saved: " + e.getMessage());
        }
        return render(studyId, code, adjudication, version, rows, model);
    }

    private String render(long studyId, String code, boolean adjudication, int version, List<ReadRows.Row> rows, Model model)
    {
        CtScoringSystem system = reading.system(studyId);
        model.addAttribute("study", protocols.study(studyId));
        model.addAttribute("system", system);
        model.addAttribute("layout", system.layout());
        model.addAttribute("code", code);
        model.addAttribute("adjudication", adjudication);
        model.addAttribute("version", version);
        model.addAttribute("rows", rows);
        model.addAttribute("accessionVisible", studies.readersSeeAccession(studyId));
        return "read";
    }

    private void requireOnWorklist(long studyId, String code, boolean adjudication, Authentication authentication)
    {
        if (!reading.isOnWorklist(studyId, code, authentication.getName(), adjudication, access.isAdjudicator(authentication, studyId))) {
            throw new NotFoundException("scan " + code + " on your worklist");
        }
    }
}
