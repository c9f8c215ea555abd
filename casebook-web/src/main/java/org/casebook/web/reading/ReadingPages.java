package org.casebook.web.reading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.casebook.ctscore.IchikadoPattern;
import org.casebook.ctscore.LungZone;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.error.CasebookException;
import org.casebook.store.ConflictException;
import org.casebook.store.NotFoundException;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.SavedRead;
import org.casebook.store.ct.WorklistItem;
import org.casebook.store.study.Studies;
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
 * The reader's blinded worklist (codes only) and the six zones × six patterns form, where the
 * reader may open the scan's PACS accession number unless the study hides it.
 */
@Controller
public class ReadingPages
{
    private final CtReading reading;
    private final StudyAccess access;
    private final StudyProtocols protocols;
    private final Studies studies;

    public ReadingPages(CtReading reading, StudyAccess access, StudyProtocols protocols, Studies studies)
    {
        this.studies = studies;
        this.reading = reading;
        this.access = access;
        this.protocols = protocols;
    }

    /** A row of the form: a zone and its six percents as typed. */
    public record ZoneRow(String zone, String label, List<String> percents) {}

    @GetMapping("/studies/{studyId}/worklist")
    public String worklist(@PathVariable long studyId, Authentication authentication, Model model)
    {
        model.addAttribute("study", protocols.study(studyId));
        model.addAttribute("items", worklistOf(studyId, authentication));
        return "worklist";
    }

    @GetMapping("/studies/{studyId}/worklist/{code}")
    public String readForm(@PathVariable long studyId, @PathVariable String code, @RequestParam(defaultValue = "false") boolean adjudication,
            Authentication authentication, Model model)
    {
        requireOnWorklist(studyId, code, adjudication, authentication);
        SavedRead saved = reading.findRead(studyId, code, authentication.getName(), adjudication).orElse(null);
        return render(studyId, code, adjudication, saved == null ? 0 : saved.version(), rows(saved), model);
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
        List<ZoneRow> rows = submittedRows(form);
        try {
            SavedRead saved = reading.saveRead(studyId, code, authentication.getName(), adjudication, version, zones(rows));
            redirect.addFlashAttribute("message", "Saved read of " + code + ": Ichikado score " + String.format(java.util.Locale.ROOT, "%.1f", saved.total()) + ".");
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

    private String render(long studyId, String code, boolean adjudication, int version, List<ZoneRow> rows, Model model)
    {
        model.addAttribute("study", protocols.study(studyId));
        model.addAttribute("code", code);
        model.addAttribute("adjudication", adjudication);
        model.addAttribute("version", version);
        model.addAttribute("rows", rows);
        model.addAttribute("patterns", List.of(IchikadoPattern.values()));
        model.addAttribute("accessionVisible", studies.readersSeeAccession(studyId));
        return "read";
    }

    private List<WorklistItem> worklistOf(long studyId, Authentication authentication)
    {
        return reading.worklist(studyId, authentication.getName(), access.isAdjudicator(authentication, studyId));
    }

    private void requireOnWorklist(long studyId, String code, boolean adjudication, Authentication authentication)
    {
        if (worklistOf(studyId, authentication).stream().noneMatch(item -> item.code().equals(code) && item.adjudication() == adjudication)) {
            throw new NotFoundException("scan " + code + " on your worklist");
        }
    }

    private static List<ZoneRow> rows(SavedRead saved)
    {
        Map<LungZone, ZoneExtent> byZone = new LinkedHashMap<>();
        if (saved != null) {
            saved.zones().forEach(zone -> byZone.put(zone.zone(), zone));
        }
        List<ZoneRow> rows = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            ZoneExtent extent = byZone.get(zone);
            List<String> percents = new ArrayList<>();
            for (IchikadoPattern pattern : IchikadoPattern.values()) {
                percents.add(extent == null ? (pattern == IchikadoPattern.NORMAL ? "100" : "0") : Integer.toString(extent.percent(pattern)));
            }
            rows.add(new ZoneRow(zone.name(), zone.label(), percents));
        }
        return rows;
    }

    private static List<ZoneRow> submittedRows(MultiValueMap<String, String> form)
    {
        List<ZoneRow> rows = new ArrayList<>();
        for (LungZone zone : LungZone.values()) {
            List<String> percents = new ArrayList<>();
            for (IchikadoPattern pattern : IchikadoPattern.values()) {
                String text = form.getFirst(zone.name() + "." + pattern.column());
                percents.add(text == null ? "" : text.strip());
            }
            rows.add(new ZoneRow(zone.name(), zone.label(), percents));
        }
        return rows;
    }

    private static List<ZoneExtent> zones(List<ZoneRow> rows)
    {
        List<ReadForm> forms = new ArrayList<>();
        for (ZoneRow row : rows) {
            int[] percents = new int[6];
            for (int i = 0; i < 6; i++) {
                try {
                    percents[i] = Integer.parseInt(row.percents().get(i));
                }
                catch (NumberFormatException e) {
                    throw new IllegalArgumentException("zone " + row.zone() + ": " + IchikadoPattern.values()[i].column()
                            + " '" + row.percents().get(i) + "' is not a whole number 0–100");
                }
            }
            forms.add(new ReadForm(row.zone(), percents[0], percents[1], percents[2], percents[3], percents[4], percents[5]));
        }
        return ReadForm.toZones(forms);
    }
}
