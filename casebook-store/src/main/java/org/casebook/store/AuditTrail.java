package org.casebook.store;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The append-only audit trail. Writers call {@link #append} inside their own transaction, so a
 * change and its audit line commit together or not at all; the database refuses updates and
 * deletes of the table (migration V2).
 */
public final class AuditTrail
{
    private final StudyDatabase database;

    public AuditTrail(StudyDatabase database)
    {
        this.database = database;
    }

    /** One change to record; {@code at} and {@code id} are filled in by {@link #append}. */
    public record Change(String username, Long studyId, String entity, long entityId, Integer version, String field,
            String oldValue, String newValue, String reason) {}

    public void append(Handle handle, Change change)
    {
        appendAll(handle, List.of(change));
    }

    /**
     * Appends several changes in one batch (one round trip on PostgreSQL), each chained to the
     * one before by its hash ({@link AuditChain}).
     */
    public void appendAll(Handle handle, List<Change> changes)
    {
        if (changes.isEmpty()) {
            return;
        }
        String at = Instant.now(database.clock()).toString();
        String previous = AuditChain.lock(handle);
        PreparedBatch batch = handle.prepareBatch("INSERT INTO audit_log (at, username, study_id, entity, entity_id, version, field, old_value, new_value, "
                + "reason, prev_hash, hash) VALUES (:at, :username, :studyId, :entity, :entityId, :version, :field, :oldValue, :newValue, :reason, "
                + ":prevHash, :hash)");
        for (Change change : changes) {
            String hash = AuditChain.hash(previous, at, change);
            batch.bind("at", at).bind("prevHash", previous).bind("hash", hash).bindMethods(change).add();
            previous = hash;
        }
        batch.execute();
        AuditChain.advance(handle, previous);
    }

    /** Records an event that is not part of a change (a login, a download, a report), in its own transaction. */
    public void record(Change change)
    {
        database.inTransaction(handle -> {
            append(handle, change);
            return null;
        });
    }

    /** What the admins' audit page filters on; null or blank matches everything. {@code from}/{@code to} compare with {@code at} (ISO-8601 text). */
    public record Filter(Long studyId, String username, String entity, String field, String from, String to) {}

    /** The newest {@code limit} entries matching {@code filter}, newest first. */
    public List<AuditEntry> search(Filter filter, int limit)
    {
        return page(filter, true, 1, limit).entries();
    }

    /** One page of the entries matching a filter; {@code matching} is how many match in all. */
    public record Page(List<AuditEntry> entries, int matching, int page, int pages, int size) {}

    /**
     * Page {@code page} (from 1; past the last, the last) of {@code size} entries matching
     * {@code filter}, newest or oldest first: the database counts and pages (index on study and id).
     */
    public Page page(Filter filter, boolean newestFirst, int page, int size)
    {
        if (page < 1 || size < 1) {
            throw org.casebook.error.CasebookException.badInput("page %d of size %d: expected a page and a size of 1 or more", page, size);
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        java.util.Map<String, Object> binds = new java.util.LinkedHashMap<>();
        if (filter.studyId() != null) {
            where.append(" AND study_id = :studyId");
            binds.put("studyId", filter.studyId());
        }
        addText(where, binds, "username", filter.username(), "=");
        addText(where, binds, "entity", filter.entity(), "=");
        addText(where, binds, "field", filter.field(), "=");
        addText(where, binds, "at", filter.from(), ">=");
        if (filter.to() != null && !filter.to().isBlank()) {
            // a date alone means the whole day
            where.append(" AND at < :toExclusive");
            binds.put("toExclusive", filter.to().strip().length() == 10 ? filter.to().strip() + "T99" : filter.to().strip());
        }
        return database.withHandle(handle -> {
            var count = handle.createQuery("SELECT COUNT(*) FROM audit_log" + where);
            binds.forEach(count::bind);
            int matching = count.mapTo(Integer.class).one();
            int pages = Math.max(1, (int) ((matching + (long) size - 1) / size));
            int shown = Math.min(page, pages);
            var query = handle.createQuery(SELECT + where + " ORDER BY id " + (newestFirst ? "DESC" : "ASC") + " LIMIT :limit OFFSET :offset")
                    .bind("limit", size).bind("offset", (long) (shown - 1) * size);
            binds.forEach(query::bind);
            return new Page(query.map((rs, ctx) -> map(rs)).list(), matching, shown, pages, size);
        });
    }

    private static void addText(StringBuilder where, java.util.Map<String, Object> binds, String column, String value, String operator)
    {
        if (value != null && !value.isBlank()) {
            where.append(" AND ").append(column).append(' ').append(operator).append(" :").append(column);
            binds.put(column, value.strip());
        }
    }

    public List<AuditEntry> forEntity(String entity, long entityId)
    {
        return database.withHandle(handle -> forEntityAfter(handle, entity, entityId, -1));
    }

    public List<AuditEntry> forStudy(long studyId)
    {
        return database.withHandle(handle -> handle.createQuery(SELECT + " WHERE study_id = :studyId ORDER BY id")
                .bind("studyId", studyId)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    /** Entries of one record that produced a version after {@code afterVersion}: the changes a stale editor missed. */
    public static List<AuditEntry> forEntityAfter(Handle handle, String entity, long entityId, int afterVersion)
    {
        return handle.createQuery(SELECT + " WHERE entity = :entity AND entity_id = :entityId AND COALESCE(version, 0) > :afterVersion ORDER BY id")
                .bind("entity", entity)
                .bind("entityId", entityId)
                .bind("afterVersion", afterVersion)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    private static final String SELECT = "SELECT id, at, username, study_id, entity, entity_id, version, field, old_value, new_value, reason FROM audit_log";

    private static AuditEntry map(java.sql.ResultSet rs)
            throws java.sql.SQLException
    {
        long studyId = rs.getLong("study_id");
        Long study = rs.wasNull() ? null : studyId;
        int version = rs.getInt("version");
        Integer versionOrNull = rs.wasNull() ? null : version;
        return new AuditEntry(rs.getLong("id"), rs.getString("at"), rs.getString("username"), study, rs.getString("entity"),
                rs.getLong("entity_id"), versionOrNull, rs.getString("field"), rs.getString("old_value"), rs.getString("new_value"),
                rs.getString("reason"));
    }

    /**
     * The entries as CSV (a case's exportable history), every value quoted and formula-leading
     * text neutralised ({@link SpreadsheetCsv}); the JSON history has the values exactly.
     */
    public static String toCsv(List<AuditEntry> entries)
    {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (AuditEntry entry : entries) {
            rows.add(java.util.Arrays.asList(Long.toString(entry.id()), entry.at(), entry.username(), entry.entity(), Long.toString(entry.entityId()),
                    entry.version() == null ? null : entry.version().toString(), entry.field(), entry.oldValue(), entry.newValue(), entry.reason()));
        }
        return SpreadsheetCsv.write(List.of("id", "at", "username", "entity", "entity_id", "version", "field", "old_value", "new_value", "reason"),
                rows, org.apache.commons.csv.QuoteMode.ALL_NON_NULL);
    }

    /** The entries with their study, as the admins' audit page exports them (same quoting and neutralising as {@link #toCsv}). */
    public static String toCsvWithStudy(List<AuditEntry> entries)
    {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (AuditEntry entry : entries) {
            rows.add(java.util.Arrays.asList(Long.toString(entry.id()), entry.at(), entry.username(), entry.studyId() == null ? null : entry.studyId().toString(),
                    entry.entity(), Long.toString(entry.entityId()), entry.version() == null ? null : entry.version().toString(), entry.field(),
                    entry.oldValue(), entry.newValue(), entry.reason()));
        }
        return SpreadsheetCsv.write(List.of("id", "at", "username", "study_id", "entity", "entity_id", "version", "field", "old_value", "new_value", "reason"),
                rows, org.apache.commons.csv.QuoteMode.ALL_NON_NULL);
    }
}
