package org.casebook.store.study;

import static java.util.Objects.requireNonNull;

/** A user's role in a study; {@code adjudicator} applies to readers only. */
public record Membership(long studyId, String username, StudyRole role, boolean adjudicator)
{
    public Membership
    {
        requireNonNull(username, "username is null");
        requireNonNull(role, "role is null");
    }
}
