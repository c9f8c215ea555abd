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
import org.casebook.store.cases.AdverseEventEdit;
import org.casebook.schema.AdverseEventSchema;
import org.casebook.store.cases.AdverseEventValidator;
import org.casebook.store.cases.AdverseEvents;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.CaseValue;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.DataQueries;
import org.casebook.store.cases.DataQuery;
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
    private static final String SHOWN_PREFIX = "shown:";

    private final Cases cases;
    private final CtReading reading;
    private final Users users;
    private final StudyProtocols protocols;
    private final AdverseEvents adverseEvents;
    private final DataQueries queries;
    private final org.casebook.store.ct.ScanList scanList;
    private final Clock clock;

    public CasePages(Cases cases, CtReading reading, Users users, StudyProtocols protocols, AdverseEvents adverseEvents,
            DataQueries queries, org.casebook.store.ct.ScanList scanList, Clock clock)
    {
        this.scanList = scanList;
        this.queries = queries;
        this.cases = cases;
        this.reading = reading;
        this.users = users;
        this.protocols = protocols;
        this.adverseEvents = adverseEvents;
        this.clock = clock;
    }

    @GetMapping("/studies/{studyId}/cases/{caseId}")
    public String casePage(@PathVariable long studyId, @PathVariable long caseId, @RequestParam(required = false) String query, Model model)
    {
        if (query != null && !model.containsAttribute("queryField")) {
            model.addAttribute("queryField", query);
        }
        return render(studyId, caseId, null, Map.of(), Map.of(), model);
    }

    /** Opens a data query on one value; a refused one (no comment, no such field) comes back with the typed comment. */
    @PostMapping("/studies/{studyId}/cases/{caseId}/queries")
    public String openQuery(@PathVariable long studyId, @PathVariable long caseId, @RequestParam(required = false) String field,
            @RequestParam(required = false) String comment, Authentication authentication, RedirectAttributes redirect)
    {
        cases.get(studyId, caseId);
        try {
            List<String> parts = QueryFields.parse(protocols.protocol(studyId), field);
            long id = queries.open(studyId, caseId, parts.get(0), parts.get(1), comment, authentication.getName());
            redirect.addFlashAttribute("message", "Query " + id + " opened on " + QueryFields.labels(protocols.protocol(studyId)).get(field.strip()) + ".");
            return "redirect:/studies/" + studyId + "/cases/" + caseId + "#query-" + id;
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("queryError", e.getMessage());
            redirect.addFlashAttribute("queryField", field);
            redirect.addFlashAttribute("queryComment", comment);
            return "redirect:/studies/" + studyId + "/cases/" + caseId + "#queries";
        }
    }

    @PostMapping("/studies/{studyId}/cases/{caseId}/queries/{queryId}/answer")
    public String answerQuery(@PathVariable long studyId, @PathVariable long caseId, @PathVariable long queryId, @RequestParam int version,
            @RequestParam(required = false) String comment, Authentication authentication, RedirectAttributes redirect)
    {
        return queryStep(studyId, caseId, queryId, comment, redirect, "answered",
                () -> queries.answer(studyId, queryId, version, comment, authentication.getName()));
    }

    @PostMapping("/studies/{studyId}/cases/{caseId}/queries/{queryId}/close")
    public String closeQuery(@PathVariable long studyId, @PathVariable long caseId, @PathVariable long queryId, @RequestParam int version,
            @RequestParam(required = false) String comment, Authentication authentication, RedirectAttributes redirect)
    {
        return queryStep(studyId, caseId, queryId, comment, redirect, "closed",
                () -> queries.close(studyId, queryId, version, comment, authentication.getName()));
    }

    private String queryStep(long studyId, long caseId, long queryId, String comment, RedirectAttributes redirect, String done, Supplier<Integer> step)
    {
        if (queries.get(studyId, queryId).caseId() != caseId) {
            throw new org.casebook.store.NotFoundException("query " + queryId + " of case " + caseId);
        }
        try {
            step.get();
            redirect.addFlashAttribute("message", "Query " + queryId + " " + done + ".");
        }
        catch (ConflictException e) {
            redirect.addFlashAttribute("error", "Query " + queryId + " changed since you opened the page; see its latest answer below.");
            redirect.addFlashAttribute("stepComments", Map.of(queryId, comment == null ? "" : comment));
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", "Query " + queryId + ": " + e.getMessage());
            redirect.addFlashAttribute("stepComments", Map.of(queryId, comment == null ? "" : comment));
        }
        return "redirect:/studies/" + studyId + "/cases/" + caseId + "#query-" + queryId;
    }

    @PostMapping("/studies/{studyId}/cases/{caseId}")
    public String save(@PathVariable long studyId, @PathVariable long caseId, @RequestParam int version,
            @RequestParam(required = false) String reason, @RequestParam MultiValueMap<String, String> form,
            Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response)
    {
        Map<String, String> submitted = submittedValues(form);
        // a value sent back as the form showed it (a measurement to its variable's decimals) is not an edit
        List<ValueEdit> edits = submitted.entrySet().stream()
                .filter(entry -> !entry.getValue().equals(form.getFirst(SHOWN_PREFIX + entry.getKey())))
                .map(entry -> edit(entry.getKey(), entry.getValue())).toList();
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
        return new AdverseEventEdit(form.getFirst("term"), form.getFirst("onset_date"), form.getFirst("grade"), form.getFirst("ctcae_version"),
                form.getFirst("serious"), form.getFirst("related_to"), form.getFirst("action"), form.getFirst("outcome"));
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
        // this case's scans only: reading every scan of a study of thousands would cost the page its speed
        List<CtScan> scans = scanList.forCase(studyId, caseId);
        StudyProtocol protocol = protocols.protocol(studyId);
        List<CaseTimeline.Event> timeline = CaseTimeline.of(protocol, values, scans);
        model.addAttribute("study", protocols.study(studyId));
        model.addAttribute("summary", summary);
        model.addAttribute("formVersion", formVersion == null ? summary.version() : formVersion);
        model.addAttribute("timeline", timeline);
        model.addAttribute("zeroPercent", CaseTimeline.zeroPercent(timeline));
        model.addAttribute("timepoints", protocol.timepoints());
        model.addAttribute("dayZero", dayZeroText(protocol));
        List<CasePageModel.FieldInput> caseFields = CasePageModel.caseFields(protocol.caseSchema(), values, submitted, errors);
        model.addAttribute("caseFields", caseFields);
        model.addAttribute("fieldSections", CasePageModel.sections(protocol.caseSchema(), caseFields));
        model.addAttribute("errorCount", errors.size());
        model.addAttribute("rows", CasePageModel.measurements(protocol, values, submitted, errors));
        model.addAttribute("history", cases.history(caseId).stream().map(entry -> entry.withAt(localTime(entry.at()))).toList());
        model.addAttribute("scans", scans);
        List<StoredAdverseEvent> events = adverseEvents.list(caseId);
        model.addAttribute("adverseEvents", events.stream().map(AdverseEventRow::of).toList());
        model.addAttribute("adverseEventSchema", protocol.caseSchema().adverseEvents());
        model.addAttribute("adverseEventRows", AdverseEventRow.rows(events, failedEvent));
        model.addAttribute("minGrade", AdverseEventValidator.MIN_GRADE);
        model.addAttribute("maxGrade", AdverseEventValidator.MAX_GRADE);
        AdverseEventSchema adverseEventSchema = protocol.caseSchema().adverseEvents();
        model.addAttribute("relatedTo", String.join("|", adverseEventSchema.relatedToLevels()));
        model.addAttribute("relatedToLabels", adverseEventSchema.relatedTo());
        model.addAttribute("outcomeLabels", adverseEventSchema.outcomes());
        model.addAttribute("ctcaeVersionPattern", AdverseEventSchema.CTCAE_VERSION_PATTERN);
        model.addAttribute("ctcaeVersionExpected", AdverseEventSchema.CTCAE_VERSION_EXPECTED);
        model.addAttribute("earliestDate", AdverseEventValidator.EARLIEST_DATE.toString());
        model.addAttribute("today", LocalDate.now(clock).toString());
        Map<String, String> labels = QueryFields.labels(protocol);
        List<DataQuery> caseQueries = queries.forCase(studyId, caseId);
        model.addAttribute("queries", caseQueries.stream().map(q -> QueryView.of(q, labels.getOrDefault(q.field(), q.field()))).toList());
        model.addAttribute("queried", caseQueries.stream().filter(q -> !q.resolved()).collect(java.util.stream.Collectors.groupingBy(DataQuery::field,
                java.util.stream.Collectors.counting())));
        model.addAttribute("queryOptions", QueryFields.options(protocol));
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("username", authentication == null ? "" : authentication.getName());
        if (!model.containsAttribute("stepComments")) {
            model.addAttribute("stepComments", Map.of());
        }
        return "case";
    }

    /** A data query as the case page shows it: with the queried value's label and its conversation in local time. */
    public record QueryView(DataQuery query, String label, List<MessageView> messages)
    {
        static QueryView of(DataQuery query, String label)
        {
            return new QueryView(query, label, query.messages().stream().map(m -> new MessageView(localTime(m.at()), m.username(),
                    switch (m.action()) { case "OPEN" -> "opened"; case "ANSWER" -> "answered"; default -> "closed"; }, m.text())).toList());
        }
    }

    /** One step of a query's conversation: when (local time, to the second), who, what they did and said. */
    public record MessageView(String at, String username, String verb, String text) {}

    /** An ISO instant as the server's local time to the second ({@code 2026-12-05 10:15:02}). */
    public static String localTime(String instant)
    {
        return new org.casebook.web.LocalTimes().of(instant);
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
