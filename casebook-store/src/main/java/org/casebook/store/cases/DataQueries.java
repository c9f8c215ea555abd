package org.casebook.store.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.store.AuditTrail;
import org.casebook.store.ConflictException;
import org.casebook.store.NotFoundException;
import org.casebook.store.StudyDatabase;
import org.jdbi.v3.core.Handle;

/**
 * Data queries (the data resolution workflow of REDCap, OpenClinica's discrepancy notes): someone
 * with access to a case opens a query on one of its values with a comment; an investigator
 * answers it (after correcting the value, or explaining why it stands); the one who opened it
 * closes it. A query that is not closed keeps its case from being locked
 * ({@link Cases#setLocked}). Each step names the query's version it was made on (a stale one is a
 * {@link ConflictException}) and writes an audit line (entity {@value #ENTITY}) in the same
 * transaction.
 */
public final class DataQueries
{
    public static final String ENTITY = "data_query";
    /** data_query_messages.text is a VARCHAR(1000). */
    public static final int MAX_TEXT_LENGTH = 1000;

    private final StudyDatabase database;
    private final AuditTrail audit;

    public DataQueries(StudyDatabase database)
    {
        this.database = database;
        this.audit = new AuditTrail(database);
    }

    /**
     * Opens a query on the value {@code timepoint.variable} ({@code timepoint} {@code ""} for a
     * case field) of a case; the caller has checked that the protocol has such a value. Returns
     * the new query's id.
     */
    public long open(long studyId, long caseId, String timepoint, String variable, String comment, String actor)
    {
        String text = requireText(comment, "a comment saying what is wrong with the value");
        return database.inTransaction(handle -> {
            Cases.find(handle, studyId, caseId).orElseThrow(() -> new NotFoundException("case " + caseId + " of study " + studyId));
            String value = handle.createQuery("SELECT value FROM case_values WHERE case_id = :c AND timepoint = :t AND variable = :v")
                    .bind("c", caseId).bind("t", timepoint).bind("v", variable).mapTo(String.class).findOne().orElse(null);
            String at = now();
            long id = handle.createQuery("""
                            INSERT INTO data_queries (study_id, case_id, timepoint, variable, value, status, opened_by, opened_at, version)
                            VALUES (:s, :c, :t, :v, :value, 'OPEN', :by, :at, 1) RETURNING id""")
                    .bind("s", studyId).bind("c", caseId).bind("t", timepoint).bind("v", variable).bind("value", value)
                    .bind("by", actor).bind("at", at)
                    .mapTo(Long.class).one();
            addMessage(handle, id, 1, at, actor, "OPEN", text);
            String field = timepoint.isEmpty() ? variable : timepoint + "." + variable;
            // the queried field, its value as it stood and the comment; the query row names the case
            audit.append(handle, new AuditTrail.Change(actor, studyId, ENTITY, id, 1, field, value, DataQuery.OPEN, text));
            return id;
        });
    }

    /** An investigator's answer; the query is then {@code ANSWERED} (a closed query takes no answer). Returns the new version. */
    public int answer(long studyId, long queryId, int expectedVersion, String comment, String actor)
    {
        String text = requireText(comment, "an answer: what was corrected, or why the value stands");
        return database.inTransaction(handle -> {
            DataQuery query = claimVersion(handle, studyId, queryId, expectedVersion);
            if (query.resolved()) {
                throw CasebookException.badInput("query %d is closed: open a new query", queryId);
            }
            return step(handle, query, DataQuery.ANSWERED, "ANSWER", text, actor);
        });
    }

    /** Closes a query: only the user who opened it may. Returns the new version. */
    public int close(long studyId, long queryId, int expectedVersion, String comment, String actor)
    {
        String text = comment == null || comment.isBlank() ? "closed" : requireText(comment, "a note");
        return database.inTransaction(handle -> {
            DataQuery query = claimVersion(handle, studyId, queryId, expectedVersion);
            if (!query.openedBy().equals(actor)) {
                throw new CasebookException(ErrorCode.FORBIDDEN, "query " + queryId + " was opened by " + query.openedBy() + ": only they close it");
            }
            if (query.resolved()) {
                throw CasebookException.badInput("query %d is already closed", queryId);
            }
            return step(handle, query, DataQuery.CLOSED, "CLOSE", text, actor);
        });
    }

    private int step(Handle handle, DataQuery query, String status, String action, String text, String actor)
    {
        int version = query.version() + 1;
        handle.createUpdate("UPDATE data_queries SET status = :st WHERE id = :id").bind("st", status).bind("id", query.id()).execute();
        addMessage(handle, query.id(), query.messages().size() + 1, now(), actor, action, text);
        audit.append(handle, new AuditTrail.Change(actor, query.studyId(), ENTITY, query.id(), version, "status", query.status(), status, text));
        return version;
    }

    /** The case's queries, oldest first, each with its conversation. */
    public List<DataQuery> forCase(long studyId, long caseId)
    {
        return database.withHandle(handle -> select(handle, "q.study_id = :s AND q.case_id = :c", Map.of("s", studyId, "c", caseId), null));
    }

    /** The study's queries in {@code status} (or all when null), oldest first. */
    public List<DataQuery> forStudy(long studyId, String status)
    {
        return database.withHandle(handle -> select(handle, "q.study_id = :s", Map.of("s", studyId), status));
    }

    public DataQuery get(long studyId, long queryId)
    {
        return database.withHandle(handle -> find(handle, studyId, queryId));
    }

    /** The values of the study's cases that have a query not closed: case id → their fields ({@code onset.pao2}, {@code age}). */
    public Map<Long, List<String>> unresolvedFields(long studyId)
    {
        return database.withHandle(handle -> {
            Map<Long, List<String>> fields = new LinkedHashMap<>();
            handle.createQuery("SELECT case_id, timepoint, variable FROM data_queries WHERE study_id = :s AND status <> 'CLOSED' ORDER BY case_id, id")
                    .bind("s", studyId)
                    .map((rs, ctx) -> {
                        String timepoint = rs.getString(2);
                        fields.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                                .add(timepoint.isEmpty() ? rs.getString(3) : timepoint + "." + rs.getString(3));
                        return null;
                    })
                    .list();
            return fields;
        });
    }

    /** How many of a case's queries are not closed (locking waits for none). */
    static int unresolvedCount(Handle handle, long caseId)
    {
        return handle.createQuery("SELECT COUNT(*) FROM data_queries WHERE case_id = :c AND status <> 'CLOSED'")
                .bind("c", caseId).mapTo(Integer.class).one();
    }

    private static DataQuery find(Handle handle, long studyId, long queryId)
    {
        List<DataQuery> found = select(handle, "q.study_id = :s AND q.id = :id", Map.of("s", studyId, "id", queryId), null);
        if (found.isEmpty()) {
            throw new NotFoundException("query " + queryId + " of study " + studyId);
        }
        return found.get(0);
    }

    private DataQuery claimVersion(Handle handle, long studyId, long queryId, int expectedVersion)
    {
        int updated = handle.createUpdate("UPDATE data_queries SET version = version + 1 WHERE study_id = :s AND id = :id AND version = :v")
                .bind("s", studyId).bind("id", queryId).bind("v", expectedVersion).execute();
        DataQuery current = find(handle, studyId, queryId);
        if (updated == 0) {
            throw new ConflictException("query " + queryId, expectedVersion, current.version(),
                    AuditTrail.forEntityAfter(handle, ENTITY, queryId, expectedVersion));
        }
        return new DataQuery(current.id(), current.studyId(), current.caseId(), current.patientId(), current.timepoint(), current.variable(),
                current.value(), current.status(), current.openedBy(), current.openedAt(), expectedVersion, current.messages());
    }

    private static List<DataQuery> select(Handle handle, String where, Map<String, Object> binds, String status)
    {
        var query = handle.createQuery("SELECT q.id, q.study_id, q.case_id, c.patient_id, q.timepoint, q.variable, q.value, q.status, q.opened_by, "
                + "q.opened_at, q.version FROM data_queries q JOIN cases c ON c.id = q.case_id WHERE " + where
                + (status == null ? "" : " AND q.status = :status") + " ORDER BY q.id");
        binds.forEach(query::bind);
        if (status != null) {
            query.bind("status", status);
        }
        List<DataQuery> rows = query.map((rs, ctx) -> new DataQuery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11), List.of())).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<DataQuery.Message>> messages = new LinkedHashMap<>();
        var messageQuery = handle.createQuery("SELECT m.query_id, m.seq, m.at, m.username, m.action, m.text FROM data_query_messages m "
                + "JOIN data_queries q ON q.id = m.query_id JOIN cases c ON c.id = q.case_id WHERE " + where
                + (status == null ? "" : " AND q.status = :status") + " ORDER BY m.query_id, m.seq");
        binds.forEach(messageQuery::bind);
        if (status != null) {
            messageQuery.bind("status", status);
        }
        messageQuery.map((rs, ctx) -> messages.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                .add(new DataQuery.Message(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))).list();
        return rows.stream().map(row -> new DataQuery(row.id(), row.studyId(), row.caseId(), row.patientId(), row.timepoint(), row.variable(),
                row.value(), row.status(), row.openedBy(), row.openedAt(), row.version(), messages.getOrDefault(row.id(), List.of()))).toList();
    }

    private static void addMessage(Handle handle, long queryId, int seq, String at, String username, String action, String text)
    {
        handle.createUpdate("INSERT INTO data_query_messages (query_id, seq, at, username, action, text) VALUES (:q, :seq, :at, :u, :a, :t)")
                .bind("q", queryId).bind("seq", seq).bind("at", at).bind("u", username).bind("a", action).bind("t", text).execute();
    }

    private String now()
    {
        return Instant.now(database.clock()).toString();
    }

    private static String requireText(String text, String what)
    {
        if (text == null || text.isBlank()) {
            throw CasebookException.badInput("expected %s", what);
        }
        String stripped = text.strip();
        if (stripped.length() > MAX_TEXT_LENGTH) {
            throw CasebookException.badInput("comment: %d characters; at most %d", stripped.length(), MAX_TEXT_LENGTH);
        }
        return stripped;
    }
}
