package org.casebook.web.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.casebook.error.CasebookException;
import org.casebook.protocol.Protocols;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.store.cases.Cases;
import org.casebook.store.ct.ScanList;
import org.casebook.store.cases.RecordStatus;
import org.casebook.web.Pager;
import org.casebook.web.cases.PageSizes;
import org.casebook.workbook.WorkbookImportException;
import org.casebook.yaml.YamlFormatException;
import org.casebook.web.security.StudyAccess;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Login, the study list and a study's overview (members, import, cases, scans). */
@Controller
public class StudyPages
{
    private final Studies studies;
    private final Users users;
    private final Cases cases;
    private final StudyAccess access;
    private final StudyProtocols protocols;
    private final WorkbookUpload upload;
    private final ProtocolUpload protocolUpload;
    private final RecordStatus recordStatus;
    private final ScanList scanList;

    public StudyPages(Studies studies, Users users, Cases cases, StudyAccess access, StudyProtocols protocols, WorkbookUpload upload,
            ProtocolUpload protocolUpload, RecordStatus recordStatus, ScanList scanList)
    {
        this.scanList = scanList;
        this.recordStatus = recordStatus;
        this.protocolUpload = protocolUpload;
        this.studies = studies;
        this.users = users;
        this.cases = cases;
        this.access = access;
        this.protocols = protocols;
        this.upload = upload;
    }

    @GetMapping("/login")
    public String login(@RequestParam(required = false) String error, HttpServletRequest request, Model model)
    {
        if (error != null) {
            HttpSession session = request.getSession(false);
            Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            // the throttle's message says how long to wait; any other failure stays vague on purpose
            model.addAttribute("loginError", failure instanceof LockedException locked ? locked.getMessage() : "Wrong user name or password.");
        }
        return "login";
    }

    @GetMapping("/")
    public String home()
    {
        return "redirect:/studies";
    }

    @GetMapping("/studies")
    public String studies(Authentication authentication, Model model)
    {
        boolean admin = StudyAccess.isAdmin(authentication);
        List<Study> visible = admin ? studies.list()
                : studies.list().stream().filter(study -> !access.roles(authentication, study.id()).isEmpty()).toList();
        model.addAttribute("studies", visible);
        model.addAttribute("admin", admin);
        model.addAttribute("protocols", Protocols.builtInNames());
        return "studies";
    }

    /** Creates a study from a built-in protocol ({@code protocol}) or from an uploaded protocol file ({@code protocolFile}). */
    @PostMapping("/studies")
    public String create(@RequestParam String name, @RequestParam(required = false) String protocol,
            @RequestParam(required = false) MultipartFile protocolFile, @RequestParam(required = false) Double adjudicationThreshold,
            Authentication authentication, RedirectAttributes redirect)
    {
        try {
            // none given: the protocol's own (ct_score.adjudication_threshold)
            java.util.OptionalDouble threshold = adjudicationThreshold == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(adjudicationThreshold);
            Study study;
            if (protocolFile != null && !protocolFile.isEmpty()) {
                study = protocolUpload.create(name, protocolFile, threshold, authentication.getName());
            }
            else {
                StudyProtocols.requireBuiltIn(protocol);
                study = studies.create(name, protocol, threshold, authentication.getName());
            }
            return "redirect:/studies/" + study.id();
        }
        catch (YamlFormatException e) {
            redirect.addFlashAttribute("error", "The protocol has a mistake; no study was created.");
            redirect.addFlashAttribute("protocolError", new ProtocolError(e.file(), e.line(), e.key(), e.getMessage()));
            return "redirect:/studies";
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/studies";
        }
    }

    /** A mistake in an uploaded protocol, located for the page. */
    public record ProtocolError(String file, int line, String key, String message) implements java.io.Serializable {}

    @GetMapping("/studies/{studyId}")
    public String study(@PathVariable long studyId, @RequestParam(required = false) String search, @RequestParam(required = false) String filter,
            @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") String size,
            @RequestParam(required = false) String scanSearch, @RequestParam(defaultValue = "1") int scanPage, Authentication authentication, Model model)
    {
        model.addAttribute("listParameters", new ListParameters(search, filter, sort, page, size, scanSearch, scanPage));
        return study(studyId, authentication, model);
    }

    /** The study page's lists: its cases (search, status filter, sort, page, rows per page) and its CT scans (search, page). */
    record ListParameters(String search, String filter, String sort, int page, String size, String scanSearch, int scanPage) {}

    private String study(long studyId, Authentication authentication, Model model)
    {
        ListParameters lists = (ListParameters) model.getAttribute("listParameters");
        if (lists == null) {
            lists = new ListParameters(null, null, null, 1, "50", null, 1);
        }
        Study study = protocols.study(studyId);
        var roles = access.roles(authentication, studyId);
        model.addAttribute("study", study);
        model.addAttribute("roles", roles);
        model.addAttribute("admin", StudyAccess.isAdmin(authentication));
        model.addAttribute("investigator", roles.contains(StudyRole.INVESTIGATOR));
        model.addAttribute("reader", roles.contains(StudyRole.READER));
        model.addAttribute("results", roles.contains(StudyRole.INVESTIGATOR) || roles.contains(StudyRole.ANALYST));
        if (StudyAccess.isAdmin(authentication)) {
            model.addAttribute("members", users.members(studyId));
            model.addAttribute("usernames", users.usernames());
            model.addAttribute("readersSeeAccession", studies.readersSeeAccession(studyId));
        }
        if (roles.contains(StudyRole.INVESTIGATOR)) {
            caseList(studyId, lists, model);
            scanList(studyId, lists, model);
            model.addAttribute("readers", users.members(studyId).stream().filter(m -> m.role() == StudyRole.READER).toList());
        }
        return "study";
    }

    private void caseList(long studyId, ListParameters lists, Model model)
    {
        int pageSize = PageSizes.parse(lists.size());
        RecordStatus.Page shown = recordStatus.page(studyId, protocols.protocol(studyId),
                new RecordStatus.Request(lists.search(), lists.filter(), lists.sort(), lists.page(), pageSize), false);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("search", lists.search());
        parameters.put("filter", lists.filter());
        parameters.put("sort", lists.sort());
        parameters.put("size", lists.size());
        parameters.put("scanSearch", lists.scanSearch());
        parameters.put("scanPage", lists.scanPage() == 1 ? null : Integer.toString(lists.scanPage()));
        model.addAttribute("cases", shown.rows());
        model.addAttribute("caseCounts", shown.counts());
        model.addAttribute("casePager", Pager.of("/studies/" + studyId, parameters, "page", shown.page(), shown.pages(), shown.matching()));
        model.addAttribute("search", lists.search() == null ? "" : lists.search());
        model.addAttribute("filter", lists.filter() == null ? "all" : lists.filter());
        model.addAttribute("sort", lists.sort() == null ? "patient" : lists.sort());
        model.addAttribute("size", lists.size());
        model.addAttribute("sizes", PageSizes.CHOICES);
        model.addAttribute("filters", RecordStatus.FILTERS);
    }

    /** CT scans a page at a time (50, or all with the cases' "all"), found by code, patient or accession; paged by the database. */
    private void scanList(long studyId, ListParameters lists, Model model)
    {
        int pageSize = "all".equals(lists.size()) ? RecordStatus.MAX_PAGE_SIZE : SCANS_PER_PAGE;
        int asked = Math.max(1, lists.scanPage());
        ScanList.Page found = scanList.page(studyId, lists.scanSearch(), (asked - 1) * pageSize, pageSize);
        int pages = Math.max(1, (found.matching() + pageSize - 1) / pageSize);
        if (asked > pages) {
            // past the end (the list shrank): the last page
            asked = pages;
            found = scanList.page(studyId, lists.scanSearch(), (asked - 1) * pageSize, pageSize);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("search", lists.search());
        parameters.put("filter", lists.filter());
        parameters.put("sort", lists.sort());
        parameters.put("size", lists.size());
        parameters.put("page", lists.page() == 1 ? null : Integer.toString(lists.page()));
        parameters.put("scanSearch", lists.scanSearch());
        model.addAttribute("scans", found.scans());
        model.addAttribute("scanCount", found.matching());
        model.addAttribute("scanSearch", lists.scanSearch() == null ? "" : lists.scanSearch());
        model.addAttribute("scanPager", Pager.of("/studies/" + studyId, parameters, "scanPage", asked, pages, found.matching()));
    }

    static final int SCANS_PER_PAGE = 50;

    @PostMapping("/studies/{studyId}/members")
    public String addMember(@PathVariable long studyId, @RequestParam String username, @RequestParam StudyRole role,
            @RequestParam(defaultValue = "false") boolean adjudicator, Authentication authentication, RedirectAttributes redirect)
    {
        protocols.study(studyId);
        try {
            users.grant(studyId, username, role, role == StudyRole.READER && adjudicator, authentication.getName());
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/studies/" + studyId;
    }

    @PostMapping("/studies/{studyId}/members/{username}/remove")
    public String removeMember(@PathVariable long studyId, @PathVariable String username, @RequestParam(required = false) StudyRole role,
            Authentication authentication, RedirectAttributes redirect)
    {
        protocols.study(studyId);
        try {
            users.remove(studyId, username, role, authentication.getName());
            redirect.addFlashAttribute("message", "Removed " + username + (role == null ? "" : " as " + role) + " from the study.");
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/studies/" + studyId;
    }

    @PostMapping("/studies/{studyId}/members/{username}/role")
    public String changeRole(@PathVariable long studyId, @PathVariable String username, @RequestParam StudyRole role,
            @RequestParam(defaultValue = "false") boolean adjudicator, Authentication authentication, RedirectAttributes redirect)
    {
        protocols.study(studyId);
        try {
            users.changeRole(studyId, username, role, role == StudyRole.READER && adjudicator, authentication.getName());
            redirect.addFlashAttribute("message", username + " is now " + role + (role == StudyRole.READER && adjudicator ? " (adjudicator)" : "") + ".");
        }
        catch (CasebookException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/studies/" + studyId;
    }

    @PostMapping("/studies/{studyId}/settings")
    public String settings(@PathVariable long studyId, @RequestParam boolean readersSeeAccession, Authentication authentication,
            RedirectAttributes redirect)
    {
        protocols.study(studyId);
        studies.setReadersSeeAccession(studyId, readersSeeAccession, authentication.getName());
        redirect.addFlashAttribute("message", readersSeeAccession ? "Readers may open a scan's PACS accession number."
                : "PACS accession numbers are hidden from readers.");
        return "redirect:/studies/" + studyId;
    }

    @PostMapping("/studies/{studyId}/import")
    public String importWorkbook(@PathVariable long studyId, @RequestParam("files") List<MultipartFile> files, Authentication authentication,
            Model model, RedirectAttributes redirect, HttpServletResponse response)
    {
        try {
            WorkbookUpload.Outcome outcome = upload.importFiles(studyId, files, authentication.getName());
            redirect.addFlashAttribute("message", "Imported " + outcome.summary().cases() + " case(s), " + outcome.summary().values()
                    + " value(s), " + outcome.summary().scans() + " scan(s), " + outcome.summary().reads() + " read(s).");
            redirect.addFlashAttribute("warnings", outcome.warnings());
            return "redirect:/studies/" + studyId;
        }
        catch (WorkbookImportException e) {
            response.setStatus(400);
            model.addAttribute("importErrors", e.errors());
            return study(studyId, authentication, model);
        }
        catch (CasebookException e) {
            response.setStatus(400);
            model.addAttribute("error", e.getMessage());
            return study(studyId, authentication, model);
        }
    }
}
