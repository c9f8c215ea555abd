package org.casebook.web.security;

import java.util.EnumSet;
import java.util.Set;

import org.casebook.store.study.StudyRole;

/**
 * Who may call a route. Study-scoped levels need the role in the study named by the route's
 * {@code {studyId}}; admin is site-wide and grants study management, not patient data.
 */
public enum Access
{
    PUBLIC,
    AUTHENTICATED,
    ADMIN,
    /** The study's overview: admin or any role in it. */
    STUDY_MEMBER,
    INVESTIGATOR(StudyRole.INVESTIGATOR),
    READER(StudyRole.READER),
    /** Results: investigators see everything, analysts de-identified results only. */
    RESULTS(StudyRole.INVESTIGATOR, StudyRole.ANALYST);

    private final Set<StudyRole> studyRoles;

    Access(StudyRole... studyRoles)
    {
        this.studyRoles = studyRoles.length == 0 ? EnumSet.noneOf(StudyRole.class) : EnumSet.of(studyRoles[0], studyRoles);
    }

    public Set<StudyRole> studyRoles()
    {
        return studyRoles;
    }
}
