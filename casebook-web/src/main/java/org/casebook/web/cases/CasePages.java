package org.casebook.web.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;
import org.casebook.error.CasebookException;
import org.casebook.protocol.StudyProtocol;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.store.AuditTrail;
import org.casebook.store.ConflictException;
import org.casebook.casedata.AdverseEvent;
import org.casebook.store.cases.AdverseEventEdit;
import org.casebook.store.cases.AdverseEventValidator;
import org.casebook.store.cases.AdverseEvents;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.CaseValue;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.StoredAdverseEvent;
import org.casebook.store.cases.ValidationException;
import org.casebook.store.cases.ValueEdit;
import org.casebook.store.ct.CtReading;
import org.casebook.store.ct.CtScan;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.web.study.StudyProtocols;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The case page (timeline, values, lock, history) and the investigator's scan management. */
@Controller
public class CasePages
{
    private static final String VALUE_PREFIX = "value:";

    private final Cases cases;
    private final CtReading reading;
    private final Users users;
    private final StudyProtocols protocols;
    private final AdverseEvents adverseEvents;
    private final Clock clock;

    public CasePages(Cases cases, CtReading reading, Users users, StudyProtocols protocols, AdverseEvents adverseEvents,
            Clock clock)
    {
        this.cases = cases;
        this.reading = reading;
        this.users = users;
        this.protocols = protocols;
        this.adverseEvents = adverseEvents;
        this.clock = clock;
    }

    @GetMapping("/studies/{studyId}/cases/{caseId}")
    public String casePage(@PathVariable long studyId, @PathVariable long caseId, Model model)
    {
        return render(studyId, caseId, null, Map.of(), Map.of(), model);
    }

    @PostMapping("/studies/{studyId}/cases/{caseId}")
    public String save(@PathVariable long studyId, @PathVariable long caseId, @RequestParam int version,
            @RequestParam(required = false) String reason, @RequestParam MultiValueMap<String, String> form,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response)
    {
        Map<String, String> submitted = submittedValues(form);
        List<ValueEdit> edits = submitted.entrySet().stream().map(entry -> edit(entry.getKey(), entry.getValue())).toList();
        try {
            int saved = cases.save(studyId, caseId, version, edits, reason, authentication.getName(), protocols.validator(studyId));
            redirect.addFlashAttribute("message", "Saved (version " + saved + ").");
            return "redirect:/studies/" + studyId + "/cases/" + caseId;
        }
        catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("error", "Nothing was saved: " + e.fieldErrors().size() + " value(s) need correcting.");
            return render(studyId, caseId, version, submitted, e.fieldErrors(), model);
        }
        catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("conflict", e);
            return render(studyId, caseId, version, submitted, Map.of(), model);
        }
        catch (CasebookException e) {
            response.setStatus(400);
            model.addAttribute("error", e.getMessage());
            return render(studyId, caseId, version, submitted, Map.of(), model);
        }
    }

    @PostMapping("/studies/{studyId}/cases/{caseId}/adverse-events")
    public String addAdverseEvent(@PathVariable long studyId, @PathVariable long caseId, @RequestParam int version,
            @RequestParam(required = false) String reason, @RequestParam MultiValueMap<String, String> form,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response)
    {
        AdverseEventEdit edit = adverseEventEdit(form);
        return changeAdverseEvent(studyId, caseId, null, version, edit, model, redirect, response, () -> {
            adverseEvents.add(studyId, caseId, version, edit, reason, authentication.getName());
            return "Adverse event added.";
        });
    }

    @PostMapping("/studies/{studyId}/cases/{caseId}/adverse-events/{eventId}")
    public String updateAdverseEvent(@PathVariable long studyId, @PathVariable long caseId, @PathVariable long eventId, @RequestParam int version,
            @RequestParam(required = false) String reason, @RequestParam MultiValueMap<String, String> form,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response)
    {
        AdverseEventEdit edit = adverseEventEdit(form);
        return changeAdverseEvent(studyId, caseId, eventId, version, edit, model, redirect, response, () -> {
            adverseEvents.update(studyId, caseId, eventId, version, edit, reason, authentication.getName());
            return "Adverse event saved.";
        });
    }

    @PostMapping("/studies/{studyId}/cases/{caseId}/adverse-events/{eventId}/remove")
    public String removeAdverseEvent(@PathVariable long studyId, @PathVariable long caseId, @PathVariable long eventId, @RequestParam int version,
            @RequestParam(required = false) String reason, @RequestParam MultiValueMap<String, String> form,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response)
    {
        return changeAdverseEvent(studyId, caseId, eventId, version, adverseEventEdit(form), model, redirect, response, () -> {
            adverseEvents.remove(studyId, caseId, eventId, version, reason, authentication.getName());
            return "Adverse event removed.";
        });
    }

    /** Runs one adverse-event change; on failure the page comes back with the typed text in its form and the error. */
    private String changeAdverseEvent(long studyId, long caseId, Long eventId, int version, AdverseEventEdit edit, Model model,
            RedirectAttributes redirect, HttpServletResponse response, Supplier<String> change)
    {
        try {
            redirect.addFlashAttribute("message", change.get());
            return "redirect:/studies/" + studyId + "/cases/" + caseId + "#adverse-event-section";
        }
        catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("error", "Adverse event not saved: " + e.fieldErrors().size() + " value(s) need correcting.");
            return render(studyId, caseId, version, Map.of(), Map.of(), AdverseEventRow.submitted(eventId, edit, e.fieldErrors()), model);
        }
        catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("conflict", e);
            return render(studyId, caseId, version, Map.of(), Map.of(), AdverseEventRow.submitted(eventId, edit, Map.of()), model);
        }
        catch (CasebookException e) {
            response.setStatus(e.errorCode().httpStatus());
            model.addAttribute("error", e.getMessage());
            return render(studyId, caseId, version, Map.of(), Map.of(), AdverseEventRow.submitted(eventId, edit, Map.of()), model);
        }
    }

    private static AdverseEventEdit adverseEventEdit(MultiValueMap<String, String> form)
    {
        return new AdverseEventEdit(form.getFirst("term"), form.getFirst("onset_date"), form.getFirst("grade"), form.getFirst("serious"),
                form.getFirst("related_to"), form.getFirst("action"));
    }

    @PostMapping("/studies/{studyId}/cases/{caseId}/lock")
    public String lock(@PathVariable long studyId, @PathVariable long caseId, @RequestParam int version, @RequestParam boolean locked,
            @RequestParam(required = false) String reason, Authentication authentication, RedirectAttributes redirect)
    {
        try {
            cases.setLocked(studyId, caseId, version, locked, reason, authentication.getName());
            redirect.addFlashAttribute("message", locked ? "Case locked." : "Case unlocked.");
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/studies/" + studyId + "/cases/" + caseId;
    }

    @GetMapping("/studies/{studyId}/cases/{caseId}/history.csv")
    public ResponseEntity<String> history(@PathVariable long studyId, @PathVariable long caseId)
    {
        CaseSummary summary = cases.get(studyId, caseId);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                .header("Content-Disposition", "attachment; filename=\"history-case-" + summary.id() + ".csv\"")
                .body(AuditTrail.toCsv(cases.history(caseId)));
    }

    @PostMapping("/studies/{studyId}/scans/{code}/accession")
    public String accession(@PathVariable long studyId, @PathVariable String code, @RequestParam String accession, Authentication authentication)
    {
        reading.setAccession(studyId, code, accession.strip(), authentication.getName());
        return "redirect:/studies/" + studyId;
    }

    @PostMapping("/studies/{studyId}/scans/assignments")
    public String assign(@PathVariable long studyId, @RequestParam String reader, Authentication authentication, RedirectAttributes redirect)
    {
        boolean isReader = users.members(studyId).stream().anyMatch(m -> m.username().equals(reader) && m.role() == StudyRole.READER);
        if (!isReader) {
            redirect.addFlashAttribute("error", "'" + reader + "' is not a reader of this study");
        }
        else {
            int added = reading.assignAll(studyId, reader, authentication.getName());
            redirect.addFlashAttribute("message", added + " scan(s) added to " + reader + "'s worklist.");
        }
        return "redirect:/studies/" + studyId;
    }

    private String render(long studyId, long caseId, Integer formVersion, Map<String, String> submitted, Map<String, String> errors, Model model)
    {
        return render(studyId, caseId, formVersion, submitted, errors, null, model);
    }

    private String render(long studyId, long caseId, Integer formVersion, Map<String, String> submitted, Map<String, String> errors,
            AdverseEventRow failedEvent, Model model)
    {
        CaseSummary summary = cases.get(studyId, caseId);
        List<CaseValue> values = cases.values(caseId);
        List<CtScan> scans = reading.scans(studyId).stream().filter(scan -> scan.caseId() == caseId).toList();
        StudyProtocol protocol = protocols.protocol(studyId);
        List<CaseTimeline.Event> timeline = CaseTimeline.of(protocol.caseSchema(), values, scans);
        model.addAttribute("study", protocols.study(studyId));
        model.addAttribute("summary", summary);
        model.addAttribute("formVersion", formVersion == null ? summary.version() : formVersion);
        model.addAttribute("timeline", timeline);
        model.addAttribute("zeroPercent", CaseTimeline.zeroPercent(timeline));
        model.addAttribute("timepoints", protocol.timepoints());
        model.addAttribute("dayZero", dayZeroText(protocol));
        model.addAttribute("caseFields", CasePageModel.caseFields(protocol.caseSchema(), values, submitted, errors));
        model.addAttribute("rows", CasePageModel.measurements(protocol, values, submitted, errors));
        model.addAttribute("history", cases.history(caseId));
        model.addAttribute("scans", scans);
        List<StoredAdverseEvent> events = adverseEvents.list(caseId);
        model.addAttribute("adverseEvents", events.stream().map(AdverseEventRow::of).toList());
        model.addAttribute("adverseEventRows", AdverseEventRow.rows(events, failedEvent));
        model.addAttribute("minGrade", AdverseEventValidator.MIN_GRADE);
        model.addAttribute("maxGrade", AdverseEventValidator.MAX_GRADE);
        model.addAttribute("relatedTo", String.join("|", AdverseEvent.RELATED_TO));
        model.addAttribute("earliestDate", AdverseEventValidator.EARLIEST_DATE.toString());
        model.addAttribute("today", LocalDate.now(clock).toString());
        return "case";
    }

    /** "Exacerbation onset, else Admission date": day 0's field and its fallback, by their labels. */
    static String dayZeroText(StudyProtocol protocol)
    {
        CaseSchema schema = protocol.caseSchema();
        String field = schema.findField(schema.dayZeroField()).map(CaseField::label).orElse(schema.dayZeroField());
        if (schema.dayZeroFallback() == null) {
            return field;
        }
        return field + ", else " + schema.findField(schema.dayZeroFallback()).map(CaseField::label).orElse(schema.dayZeroFallback());
    }

    private static Map<String, String> submittedValues(MultiValueMap<String, String> form)
    {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, texts) -> {
            if (name.startsWith(VALUE_PREFIX) && !texts.isEmpty()) {
                values.put(name.substring(VALUE_PREFIX.length()), texts.get(0) == null ? "" : texts.get(0).strip());
            }
        });
        return values;
    }

    private static ValueEdit edit(String field, String value)
    {
        int dot = field.indexOf('.');
        return dot < 0 ? new ValueEdit("", field, value) : new ValueEdit(field.substring(0, dot), field.substring(dot + 1), value);
    }
}
