package org.casebook.web.api;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

import org.casebook.store.study.Membership;
import org.casebook.store.study.Studies;
import org.casebook.store.study.Study;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.casebook.web.security.StudyAccess;
import org.casebook.web.study.ProtocolUpload;
import org.casebook.web.study.StudyProtocols;
import org.casebook.web.study.WorkbookUpload;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Studies, their members and workbook import. Access levels: {@link org.casebook.web.security.AccessRules}. */
@RestController
@RequestMapping("/api")
public class StudyApi
{
    private final Studies studies;
    private final Users users;
    private final StudyAccess access;
    private final StudyProtocols protocols;
    private final WorkbookUpload upload;
    private final ProtocolUpload protocolUpload;

    public StudyApi(Studies studies, Users users, StudyAccess access, StudyProtocols protocols, WorkbookUpload upload, ProtocolUpload protocolUpload)
    {
        this.protocolUpload = protocolUpload;
        this.studies = studies;
        this.users = users;
        this.access = access;
        this.protocols = protocols;
        this.upload = upload;
    }

    public record Me(String username, boolean admin, List<Membership> memberships) {}

    public record NewStudy(String name, String protocol, Double adjudicationThreshold) {}

    public record StudyView(Study study, Set<StudyRole> myRoles) {}

    public record NewMember(String username, StudyRole role, boolean adjudicator) {}

    /** A member's new role, replacing every role they hold in the study. */
    public record RoleChange(StudyRole role, boolean adjudicator) {}

    /** Study settings an admin changes after creation; null leaves a setting as it is. */
    public record Settings(Boolean readersSeeAccession) {}

    @GetMapping("/me")
    public Me me(Authentication authentication)
    {
        return new Me(authentication.getName(), StudyAccess.isAdmin(authentication), users.memberships(authentication.getName()));
    }

    /** The studies this login has a role in (all of them for an admin). */
    @GetMapping("/studies")
    public List<Study> studies(Authentication authentication)
    {
        return StudyAccess.isAdmin(authentication)
                ? studies.list()
                : studies.list().stream().filter(study -> !access.roles(authentication, study.id()).isEmpty()).toList();
    }

    @PostMapping(path = "/studies", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    public Study create(@RequestBody NewStudy request, Authentication authentication)
    {
        OptionalDouble threshold = request.adjudicationThreshold() == null ? OptionalDouble.empty() : OptionalDouble.of(request.adjudicationThreshold());
        String protocol = StudyProtocols.requireBuiltIn(request.protocol() == null ? org.casebook.protocol.Protocols.SEED : request.protocol());
        return studies.create(request.name(), protocol, threshold, authentication.getName());
    }

    /**
     * Creates a study from an uploaded protocol (multipart {@code protocolFile}: protocol.yaml, or
     * a .zip of the protocol's folder with its code sets); a mistake answers 400 with file, line and key.
     */
    @PostMapping(path = "/studies", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.CREATED)
    public Study createFromProtocolFile(@RequestParam String name, @RequestParam("protocolFile") MultipartFile protocolFile,
            @RequestParam(required = false) Double adjudicationThreshold, Authentication authentication)
    {
        OptionalDouble threshold = adjudicationThreshold == null ? OptionalDouble.empty() : OptionalDouble.of(adjudicationThreshold);
        return protocolUpload.create(name, protocolFile, threshold, authentication.getName());
    }

    @GetMapping("/studies/{studyId}")
    public StudyView study(@PathVariable long studyId, Authentication authentication)
    {
        return new StudyView(protocols.study(studyId), access.roles(authentication, studyId));
    }

    @GetMapping("/studies/{studyId}/members")
    public List<Membership> members(@PathVariable long studyId)
    {
        protocols.study(studyId);
        return users.members(studyId);
    }

    @PostMapping("/studies/{studyId}/members")
    @ResponseStatus(HttpStatus.CREATED)
    public List<Membership> addMember(@PathVariable long studyId, @RequestBody NewMember request, Authentication authentication)
    {
        protocols.study(studyId);
        if (request.username() == null || request.role() == null) {
            throw org.casebook.error.CasebookException.badInput("expected {\"username\", \"role\": INVESTIGATOR, READER or ANALYST, \"adjudicator\"}");
        }
        users.grant(studyId, request.username(), request.role(), request.role() == StudyRole.READER && request.adjudicator(), authentication.getName());
        return users.members(studyId);
    }

    /** Removes a member: the given role, or every role of theirs in the study when {@code role} is absent. */
    @DeleteMapping("/studies/{studyId}/members/{username}")
    public List<Membership> removeMember(@PathVariable long studyId, @PathVariable String username, @RequestParam(required = false) StudyRole role,
            Authentication authentication)
    {
        protocols.study(studyId);
        users.remove(studyId, username, role, authentication.getName());
        return users.members(studyId);
    }

    @PutMapping("/studies/{studyId}/members/{username}")
    public List<Membership> changeRole(@PathVariable long studyId, @PathVariable String username, @RequestBody RoleChange change,
            Authentication authentication)
    {
        protocols.study(studyId);
        users.changeRole(studyId, username, change.role(), change.role() == StudyRole.READER && change.adjudicator(), authentication.getName());
        return users.members(studyId);
    }

    @GetMapping("/studies/{studyId}/settings")
    public Settings settings(@PathVariable long studyId)
    {
        protocols.study(studyId);
        return new Settings(studies.readersSeeAccession(studyId));
    }

    @PutMapping("/studies/{studyId}/settings")
    public Settings changeSettings(@PathVariable long studyId, @RequestBody Settings settings, Authentication authentication)
    {
        protocols.study(studyId);
        if (settings.readersSeeAccession() != null) {
            studies.setReadersSeeAccession(studyId, settings.readersSeeAccession(), authentication.getName());
        }
        return settings(studyId);
    }

    /** Imports a case workbook: one .xlsx file or the CSV files of a workbook folder, as multipart {@code files}. */
    @PostMapping(path = "/studies/{studyId}/import", consumes = "multipart/form-data")
    public WorkbookUpload.Outcome importWorkbook(@PathVariable long studyId, @RequestParam("files") List<MultipartFile> files, Authentication authentication)
    {
        return upload.importFiles(studyId, files, authentication.getName());
    }
}
