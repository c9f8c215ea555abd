package org.casebook.web.security;

import java.util.EnumSet;
import java.util.Set;

import org.casebook.store.study.Membership;
import org.casebook.store.study.StudyRole;
import org.casebook.store.study.Users;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Answers "may this login do that in this study?" from the store's study roles, on every request. */
public final class StudyAccess
{
    private final Users users;

    public StudyAccess(Users users)
    {
        this.users = users;
    }

    public static boolean isAuthenticated(Authentication authentication)
    {
        return authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken);
    }

    public static boolean isAdmin(Authentication authentication)
    {
        return isAuthenticated(authentication)
                && authentication.getAuthorities().stream().anyMatch(authority -> CasebookUser.ADMIN_AUTHORITY.equals(authority.getAuthority()));
    }

    public Set<StudyRole> roles(Authentication authentication, long studyId)
    {
        Set<StudyRole> roles = EnumSet.noneOf(StudyRole.class);
        if (isAuthenticated(authentication)) {
            users.memberships(authentication.getName()).stream().filter(m -> m.studyId() == studyId).map(Membership::role).forEach(roles::add);
        }
        return roles;
    }

    public boolean isAdjudicator(Authentication authentication, long studyId)
    {
        return isAuthenticated(authentication) && users.memberships(authentication.getName()).stream()
                .anyMatch(m -> m.studyId() == studyId && m.role() == StudyRole.READER && m.adjudicator());
    }

    /** Whether {@code access} lets this login in; {@code studyId} is null for routes outside a study. */
    public boolean allows(Access access, Authentication authentication, Long studyId)
    {
        return switch (access) {
            case PUBLIC -> true;
            case AUTHENTICATED -> isAuthenticated(authentication);
            case ADMIN -> isAdmin(authentication);
            case STUDY_MEMBER -> studyId != null && (isAdmin(authentication) || !roles(authentication, studyId).isEmpty());
            case INVESTIGATOR, READER, RESULTS -> studyId != null && roles(authentication, studyId).stream().anyMatch(access.studyRoles()::contains);
        };
    }
}
