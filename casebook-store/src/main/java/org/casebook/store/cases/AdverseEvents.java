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
            long eventId = insert(handle, event);
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
                            UPDATE adverse_events SET term = :term, onset_date = :onset, grade = :grade, ctcae_version = :version, serious = :serious,
                            related_to = :related, action = :action, outcome = :outcome WHERE id = :id AND case_id = :c""")
                    .bind("id", eventId).bind("c", caseId)
                    .bindMap(columns(event))
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

    /** Stores a checked or imported event of its case; its id. */
    static long insert(Handle handle, StoredAdverseEvent event)
    {
        return handle.createQuery("""
                        INSERT INTO adverse_events (case_id, term, onset_date, grade, ctcae_version, serious, related_to, action, outcome)
                        VALUES (:c, :term, :onset, :grade, :version, :serious, :related, :action, :outcome) RETURNING id""")
                .bind("c", event.caseId())
                .bindMap(columns(event))
                .mapTo(Long.class).one();
    }

    private static Map<String, Object> columns(StoredAdverseEvent event)
    {
        Map<String, Object> columns = new java.util.HashMap<>();
        columns.put("term", event.term());
        columns.put("onset", event.onsetDate());
        columns.put("grade", event.grade());
        columns.put("version", event.ctcaeVersion());
        columns.put("serious", event.serious() == null ? null : event.serious() ? 1 : 0);
        columns.put("related", event.relatedTo());
        columns.put("action", event.action());
        columns.put("outcome", event.outcome());
        return columns;
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
        for (String column : StoredAdverseEvent.COLUMNS) {
            String before = old.get(column);
            String after = current.get(column);
            if (!Objects.equals(before, after)) {
                audit.append(handle, new AuditTrail.Change(actor, studyId, Cases.ENTITY, caseId, version,
                        StoredAdverseEvent.auditField(eventId, column), before, after, Cases.blankToNull(reason)));
            }
        }
    }

    private static final String SELECT = "SELECT id, case_id, term, onset_date, grade, ctcae_version, serious, related_to, action, outcome FROM adverse_events";

    private static StoredAdverseEvent map(java.sql.ResultSet rs)
            throws java.sql.SQLException
    {
        int grade = rs.getInt("grade");
        Integer gradeOrNull = rs.wasNull() ? null : grade;
        int serious = rs.getInt("serious");
        Boolean seriousOrNull = rs.wasNull() ? null : serious == 1;
        return new StoredAdverseEvent(rs.getLong("id"), rs.getLong("case_id"), rs.getString("term"), rs.getString("onset_date"),
                gradeOrNull, rs.getString("ctcae_version"), seriousOrNull, rs.getString("related_to"), rs.getString("action"), rs.getString("outcome"));
    }
}
