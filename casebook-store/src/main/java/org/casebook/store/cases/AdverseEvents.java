package org.casebook.store.cases;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.casebook.error.CasebookException;
import org.casebook.store.AuditTrail;
import org.casebook.store.ConflictException;
import org.casebook.store.NotFoundException;
import org.casebook.store.StudyDatabase;
import org.casebook.store.study.StudyProtocolStore;
import org.casebook.schema.AdverseEventSchema;
import org.jdbi.v3.core.Handle;

/**
 * The adverse events of a case, added, edited and removed under the same rules as the case's
 * values: each change is made on a case version and refused when the case has moved on since
 * ({@link ConflictException}, naming the other change), a locked case changes only with a reason,
 * and every changed column gets an audit line ({@code adverse_event.7.grade}) on the case, in the
 * same transaction.
 */
public final class AdverseEvents
{
    private final StudyDatabase database;
    private final AuditTrail audit;
    private final AdverseEventValidator validator;
    private final StudyProtocolStore protocols;

    public AdverseEvents(StudyDatabase database)
    {
        this(database, new StudyProtocolStore(database));
    }

    /** Events checked against each study's protocol ({@code related_to}'s levels), read through {@code protocols}. */
    public AdverseEvents(StudyDatabase database, StudyProtocolStore protocols)
    {
        this.database = database;
        this.audit = new AuditTrail(database);
        this.validator = new AdverseEventValidator(database.clock());
        this.protocols = protocols;
    }

    /** What a change produced: the event's id and the case's new version. */
    public record Saved(long eventId, int version) {}

    public List<StoredAdverseEvent> list(long caseId)
    {
        return database.withHandle(handle -> list(handle, caseId));
    }

    static List<StoredAdverseEvent> list(Handle handle, long caseId)
    {
        return handle.createQuery(SELECT + " WHERE case_id = :c ORDER BY id")
                .bind("c", caseId)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /**
     * Adds an event to the case.
     *
     * @throws ValidationException when a column is bad (nothing saved)
     * @throws ConflictException when someone saved the case since {@code expectedVersion}
     * @throws CasebookException when the case is locked and no reason is given
     */
    public Saved add(long studyId, long caseId, int expectedVersion, AdverseEventEdit edit, String reason, String actor)
    {
        StoredAdverseEvent event = validator.check(caseId, edit, schema(studyId));
        return database.inTransaction(handle -> {
            CaseSummary current = Cases.claimVersion(handle, studyId, caseId, expectedVersion);
            Cases.requireReasonIfLocked(current, reason);
            Cases.requireReasonLength(reason);
            int version = current.version() + 1;
            long eventId = handle.createQuery("""
                            INSERT INTO adverse_events (case_id, term, onset_date, grade, serious, related_to, action)
                            VALUES (:c, :term, :onset, :grade, :serious, :related, :action) RETURNING id""")
                    .bind("c", caseId)
                    .bind("term", event.term()).bind("onset", event.onsetDate()).bind("grade", event.grade())
                    .bind("serious", event.serious() == null ? null : event.serious() ? 1 : 0)
                    .bind("related", event.relatedTo()).bind("action", event.action())
                    .mapTo(Long.class).one();
            auditChanges(handle, studyId, caseId, version, eventId, Map.of(), event.fields(), reason, actor);
            return new Saved(eventId, version);
        });
    }

    /**
     * Replaces the columns of event {@code eventId} of the case.
     *
     * @throws ValidationException when a column is bad (nothing saved)
     * @throws ConflictException when someone saved the case since {@code expectedVersion}
     * @throws NotFoundException when the case has no such event
     * @throws CasebookException when the case is locked and no reason is given, or nothing changed
     */
    public int update(long studyId, long caseId, long eventId, int expectedVersion, AdverseEventEdit edit, String reason, String actor)
    {
        StoredAdverseEvent event = validator.check(caseId, edit, schema(studyId));
        return database.inTransaction(handle -> {
            CaseSummary current = Cases.claimVersion(handle, studyId, caseId, expectedVersion);
            Cases.requireReasonIfLocked(current, reason);
            Cases.requireReasonLength(reason);
            StoredAdverseEvent old = find(handle, caseId, eventId);
            if (old.fields().equals(event.fields())) {
                throw CasebookException.badInput("adverse event %s of case %s is unchanged: nothing to save", eventId, current.patientId());
            }
            handle.createUpdate("""
                            UPDATE adverse_events SET term = :term, onset_date = :onset, grade = :grade, serious = :serious,
                            related_to = :related, action = :action WHERE id = :id AND case_id = :c""")
                    .bind("id", eventId).bind("c", caseId)
                    .bind("term", event.term()).bind("onset", event.onsetDate()).bind("grade", event.grade())
                    .bind("serious", event.serious() == null ? null : event.serious() ? 1 : 0)
                    .bind("related", event.relatedTo()).bind("action", event.action())
                    .execute();
            int version = current.version() + 1;
            auditChanges(handle, studyId, caseId, version, eventId, old.fields(), event.fields(), reason, actor);
            return version;
        });
    }

    /**
     * Removes event {@code eventId} from the case; the audit trail keeps its columns as old values.
     *
     * @throws ConflictException when someone saved the case since {@code expectedVersion}
     * @throws NotFoundException when the case has no such event
     * @throws CasebookException when the case is locked and no reason is given
     */
    public int remove(long studyId, long caseId, long eventId, int expectedVersion, String reason, String actor)
    {
        return database.inTransaction(handle -> {
            CaseSummary current = Cases.claimVersion(handle, studyId, caseId, expectedVersion);
            Cases.requireReasonIfLocked(current, reason);
            Cases.requireReasonLength(reason);
            StoredAdverseEvent old = find(handle, caseId, eventId);
            handle.createUpdate("DELETE FROM adverse_events WHERE id = :id AND case_id = :c").bind("id", eventId).bind("c", caseId).execute();
            int version = current.version() + 1;
            auditChanges(handle, studyId, caseId, version, eventId, old.fields(), Map.of(), reason, actor);
            return version;
        });
    }

    private AdverseEventSchema schema(long studyId)
    {
        return protocols.protocol(studyId).caseSchema().adverseEvents();
    }

    private static StoredAdverseEvent find(Handle handle, long caseId, long eventId)
    {
        return handle.createQuery(SELECT + " WHERE case_id = :c AND id = :id")
                .bind("c", caseId).bind("id", eventId)
                .map((rs, ctx) -> map(rs))
                .findOne()
                .orElseThrow(() -> new NotFoundException("adverse event " + eventId + " of case " + caseId));
    }

    /** One audit line per column whose text changed, in the workbook's column order. */
    private void auditChanges(Handle handle, long studyId, long caseId, int version, long eventId, Map<String, String> old,
            Map<String, String> current, String reason, String actor)
    {
        for (String column : List.of("term", "onset_date", "grade", "serious", "related_to", "action")) {
            String before = old.get(column);
            String after = current.get(column);
            if (!Objects.equals(before, after)) {
                audit.append(handle, new AuditTrail.Change(actor, studyId, Cases.ENTITY, caseId, version,
                        StoredAdverseEvent.auditField(eventId, column), before, after, Cases.blankToNull(reason)));
            }
        }
    }

    private static final String SELECT = "SELECT id, case_id, term, onset_date, grade, serious, related_to, action FROM adverse_events";

    private static StoredAdverseEvent map(java.sql.ResultSet rs)
            throws java.sql.SQLException
    {
        int grade = rs.getInt("grade");
        Integer gradeOrNull = rs.wasNull() ? null : grade;
        int serious = rs.getInt("serious");
        Boolean seriousOrNull = rs.wasNull() ? null : serious == 1;
        return new StoredAdverseEvent(rs.getLong("id"), rs.getLong("case_id"), rs.getString("term"), rs.getString("onset_date"),
                gradeOrNull, seriousOrNull, rs.getString("related_to"), rs.getString("action"));
    }
}
