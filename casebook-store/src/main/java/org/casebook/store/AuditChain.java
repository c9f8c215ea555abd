package org.casebook.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * Tamper evidence for the audit trail: every row written since migration V6 carries the SHA-256
 * of its content and of the previous row's hash ({@code prev_hash}), and {@code audit_chain}
 * holds the newest hash. A row changed, removed or inserted afterwards (by someone who can drop
 * the append-only triggers, such as the database owner) breaks the chain, which
 * {@link #verify} finds ({@code casebook audit verify}). The chain does not prevent tampering; it
 * makes it detectable, unless the whole chain is recomputed from the changed row on, which a
 * copy of an earlier {@code audit_chain.last_hash} kept elsewhere would reveal.
 */
public final class AuditChain
{
    private AuditChain() {}

    /** The outcome of {@link #verify}: rows checked, rows from before the chain, and the first break if any. */
    public record Verification(int chained, int beforeChain, Optional<String> problem)
    {
        public boolean intact()
        {
            return problem.isEmpty();
        }
    }

    /**
     * Takes the chain for this transaction and answers its newest hash, in one statement. The
     * no-op update locks the chain's row on PostgreSQL until commit, so concurrent writers extend
     * the chain one after the other (and in the order of audit_log's ids); SQLite's
     * {@code BEGIN IMMEDIATE} serialises writers already. Writers take it as late as they can
     * ({@link StudyDatabase#inTransactionAuditedLast}), as the lock is held until commit.
     */
    static String lock(Handle handle)
    {
        return handle.createQuery("UPDATE audit_chain SET last_hash = last_hash WHERE id = 1 RETURNING last_hash").mapTo(String.class).one();
    }

    static void advance(Handle handle, String lastHash)
    {
        handle.createUpdate("UPDATE audit_chain SET last_hash = :h WHERE id = 1").bind("h", lastHash).execute();
    }

    /** SHA-256 (hex) of the previous hash and the row's fields, each length-prefixed so that no two rows encode alike. */
    public static String hash(String previous, String at, AuditTrail.Change change)
    {
        StringBuilder text = new StringBuilder();
        for (Object field : new Object[] {previous, at, change.username(), change.studyId(), change.entity(), change.entityId(), change.version(),
                change.field(), change.oldValue(), change.newValue(), change.reason()}) {
            if (field == null) {
                text.append("-;");
            }
            else {
                String value = field.toString();
                text.append(value.length()).append(':').append(value).append(';');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Recomputes the chain row by row, in id order, and compares its end with {@code audit_chain}. */
    public static Verification verify(StudyDatabase database)
    {
        return database.withHandle(handle -> {
            int[] counts = {0, 0};
            String[] previous = {""};
            String[] problem = {null};
            handle.createQuery("""
                            SELECT id, at, username, study_id, entity, entity_id, version, field, old_value, new_value, reason, prev_hash, hash
                            FROM audit_log ORDER BY id""")
                    .setFetchSize(1000)
                    .map((rs, ctx) -> {
                        if (problem[0] != null) {
                            return null;
                        }
                        long id = rs.getLong("id");
                        String hash = rs.getString("hash");
                        if (hash == null) {
                            if (counts[0] > 0) {
                                problem[0] = "row " + id + " has no hash although the rows before it have: inserted past the application";
                            }
                            else {
                                counts[1]++;
                            }
                            return null;
                        }
                        long studyId = rs.getLong("study_id");
                        Long study = rs.wasNull() ? null : studyId;
                        int version = rs.getInt("version");
                        Integer versionOrNull = rs.wasNull() ? null : version;
                        AuditTrail.Change change = new AuditTrail.Change(rs.getString("username"), study, rs.getString("entity"), rs.getLong("entity_id"),
                                versionOrNull, rs.getString("field"), rs.getString("old_value"), rs.getString("new_value"), rs.getString("reason"));
                        if (!previous[0].equals(rs.getString("prev_hash"))) {
                            problem[0] = "row " + id + " does not follow the row before it (a row was removed or inserted before row " + id + ")";
                        }
                        else if (!hash(previous[0], rs.getString("at"), change).equals(hash)) {
                            problem[0] = "row " + id + " was changed after it was written: its content does not match its hash";
                        }
                        previous[0] = hash;
                        counts[0]++;
                        return null;
                    })
                    .forEach(ignored -> { });
            if (problem[0] == null) {
                String last = handle.createQuery("SELECT last_hash FROM audit_chain WHERE id = 1").mapTo(String.class).one();
                if (!last.equals(previous[0])) {
                    problem[0] = "the newest rows were removed: the chain's recorded end is not the last row's hash";
                }
            }
            return new Verification(counts[0], counts[1], Optional.ofNullable(problem[0]));
        });
    }
}
