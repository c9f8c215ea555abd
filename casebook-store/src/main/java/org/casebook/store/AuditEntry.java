package org.casebook.store;

import static java.util.Objects.requireNonNull;

/**
 * One line of the audit trail: who changed which field of which record, when, from what to
 * what, and why. {@code entity} is {@code case}, {@code ct_read}, {@code study} or {@code user};
 * {@code version} is the record's version the change produced.
 */
public record AuditEntry(long id, String at, String username, Long studyId, String entity, long entityId, Integer version,
        String field, String oldValue, String newValue, String reason)
{
    public AuditEntry
    {
        requireNonNull(at, "at is null");
        requireNonNull(username, "username is null");
        requireNonNull(entity, "entity is null");
        requireNonNull(field, "field is null");
    }

    /** The same line with its time written otherwise (a page shows it in local time). */
    public AuditEntry withAt(String shownAt)
    {
        return new AuditEntry(id, shownAt, username, studyId, entity, entityId, version, field, oldValue, newValue, reason);
    }

    /** {@code alice at 2026-11-25T02:00:00Z: before.pao2 '60' → '65'} */
    public String describe()
    {
        return username + " at " + at + ": " + field + " '" + (oldValue == null ? "" : oldValue) + "' → '" + (newValue == null ? "" : newValue) + "'"
                + (reason == null || reason.isBlank() ? "" : " (reason: " + reason + ")");
    }
}
