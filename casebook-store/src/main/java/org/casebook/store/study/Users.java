package org.casebook.store.study;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.casebook.error.CasebookException;
import org.casebook.store.AuditTrail;
import org.casebook.store.NotFoundException;
import org.casebook.store.StudyDatabase;
import org.jdbi.v3.core.Handle;

/** User accounts and their study roles. */
public final class Users
{
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");

    private final StudyDatabase database;
    private final AuditTrail audit;

    public Users(StudyDatabase database)
    {
        this.database = database;
        this.audit = new AuditTrail(database);
    }

    /** @throws CasebookException when the name is malformed or taken */
    public UserAccount add(String username, String passwordHash, boolean admin, String actor)
    {
        if (!USERNAME.matcher(username).matches()) {
            throw CasebookException.badInput("user name '%s': expected 2–64 letters, digits, '.', '_' or '-'", username);
        }
        return database.inTransaction(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", username).mapTo(Integer.class).one() > 0) {
                throw CasebookException.badInput("user '%s' already exists", username);
            }
            long id = handle.createQuery("INSERT INTO users (username, password_hash, admin, created_at) VALUES (:u, :h, :a, :at) RETURNING id")
                    .bind("u", username).bind("h", passwordHash).bind("a", admin ? 1 : 0)
                    .bind("at", Instant.now(database.clock()).toString())
                    .mapTo(Long.class).one();
            audit.append(handle, new AuditTrail.Change(actor, null, "user", id, null, "created", null, admin ? username + " (admin)" : username, null));
            return new UserAccount(id, username, passwordHash, admin);
        });
    }

    /**
     * Creates an account whose password is a one-time password: the user must choose a new one
     * at first login ({@link #mustChangePassword}).
     */
    public UserAccount addWithOneTimePassword(String username, String passwordHash, boolean admin, String actor)
    {
        UserAccount account = add(username, passwordHash, admin, actor);
        database.inTransaction(handle -> handle.createUpdate("UPDATE users SET must_change_password = 1 WHERE id = :id").bind("id", account.id()).execute());
        return account;
    }

    public boolean mustChangePassword(String username)
    {
        return database.withHandle(handle -> handle.createQuery("SELECT must_change_password FROM users WHERE username = :u")
                .bind("u", username).mapTo(Integer.class).findOne().orElse(0) == 1);
    }

    /** Replaces a user's password hash (the caller has checked the current password) and clears the one-time flag. */
    public void changePassword(String username, String newPasswordHash)
    {
        database.inTransaction(handle -> {
            long id = handle.createQuery("SELECT id FROM users WHERE username = :u").bind("u", username).mapTo(Long.class)
                    .findOne().orElseThrow(() -> new NotFoundException("user '" + username + "'"));
            handle.createUpdate("UPDATE users SET password_hash = :h, must_change_password = 0 WHERE id = :id").bind("h", newPasswordHash).bind("id", id).execute();
            audit.append(handle, new AuditTrail.Change(username, null, "user", id, null, "password", null, "changed", null));
            return null;
        });
    }

    public Optional<UserAccount> find(String username)
    {
        return database.withHandle(handle -> handle.createQuery("SELECT id, username, password_hash, admin FROM users WHERE username = :u")
                .bind("u", username)
                .map((rs, ctx) -> new UserAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1))
                .findOne());
    }

    public List<String> usernames()
    {
        return database.withHandle(handle -> handle.createQuery("SELECT username FROM users ORDER BY username").mapTo(String.class).list());
    }

    /**
     * Gives {@code username} a role in a study (replacing the adjudicator flag if the role exists).
     *
     * @throws CasebookException when the role would make an investigator a reader of the same study (or the reverse)
     */
    public void grant(long studyId, String username, StudyRole role, boolean adjudicator, String actor)
    {
        UserAccount user = find(username).orElseThrow(() -> new NotFoundException("user '" + username + "'"));
        if (role == null) {
            throw CasebookException.badInput("no role: expected INVESTIGATOR, READER or ANALYST");
        }
        database.inTransaction(handle -> {
            requireCompatible(handle, studyId, user, role);
            handle.createUpdate("DELETE FROM study_members WHERE study_id = :s AND user_id = :u AND role = :r")
                    .bind("s", studyId).bind("u", user.id()).bind("r", role.name()).execute();
            handle.createUpdate("INSERT INTO study_members (study_id, user_id, role, adjudicator) VALUES (:s, :u, :r, :a)")
                    .bind("s", studyId).bind("u", user.id()).bind("r", role.name()).bind("a", adjudicator ? 1 : 0).execute();
            audit.append(handle, new AuditTrail.Change(actor, studyId, "user", user.id(), null, "role",
                    null, role.name() + (adjudicator ? " (adjudicator)" : ""), null));
            return null;
        });
    }

    /**
     * An investigator sees patient, date and time point of every scan, so they cannot read blind:
     * investigator and reader (adjudicators are readers) exclude each other within a study.
     */
    private static void requireCompatible(Handle handle, long studyId, UserAccount user, StudyRole role)
    {
        StudyRole excluded = switch (role) {
            case INVESTIGATOR -> StudyRole.READER;
            case READER -> StudyRole.INVESTIGATOR;
            case ANALYST -> null;
        };
        if (excluded != null && rolesOf(handle, studyId, user.id()).contains(excluded)) {
            throw CasebookException.badInput("%s is %s of this study and so cannot also be %s: an investigator sees the patient, date and time "
                    + "point of every scan, which a blinded reader or adjudicator must not; remove the %s role first",
                    user.username(), article(excluded), article(role), excluded.name());
        }
    }

    private static String article(StudyRole role)
    {
        return (role == StudyRole.INVESTIGATOR ? "an " : "a ") + role.name();
    }

    private static List<StudyRole> rolesOf(Handle handle, long studyId, long userId)
    {
        return handle.createQuery("SELECT role FROM study_members WHERE study_id = :s AND user_id = :u")
                .bind("s", studyId).bind("u", userId).map((rs, ctx) -> StudyRole.valueOf(rs.getString(1))).list();
    }

    /**
     * Removes {@code username}'s {@code role} in a study, or every role of theirs there when
     * {@code role} is null; audited. Their reads stay (they are the study's data).
     *
     * @throws NotFoundException when they hold no such role
     */
    public void remove(long studyId, String username, StudyRole role, String actor)
    {
        UserAccount user = find(username).orElseThrow(() -> new NotFoundException("user '" + username + "'"));
        database.inTransaction(handle -> {
            List<StudyRole> roles = rolesOf(handle, studyId, user.id()).stream().filter(r -> role == null || r == role).toList();
            if (roles.isEmpty()) {
                throw new NotFoundException(username + (role == null ? "'s membership" : "'s role " + role) + " in study " + studyId);
            }
            for (StudyRole removed : roles) {
                handle.createUpdate("DELETE FROM study_members WHERE study_id = :s AND user_id = :u AND role = :r")
                        .bind("s", studyId).bind("u", user.id()).bind("r", removed.name()).execute();
                audit.append(handle, new AuditTrail.Change(actor, studyId, "user", user.id(), null, "role", removed.name(), null, null));
            }
            return null;
        });
    }

    /** Replaces every role of {@code username} in a study by {@code role}; audited as removals and a grant. */
    public void changeRole(long studyId, String username, StudyRole role, boolean adjudicator, String actor)
    {
        UserAccount user = find(username).orElseThrow(() -> new NotFoundException("user '" + username + "'"));
        if (role == null) {
            throw CasebookException.badInput("no role: expected INVESTIGATOR, READER or ANALYST");
        }
        database.inTransaction(handle -> {
            List<StudyRole> roles = rolesOf(handle, studyId, user.id());
            if (roles.isEmpty()) {
                throw new NotFoundException(username + "'s membership in study " + studyId);
            }
            for (StudyRole old : roles) {
                handle.createUpdate("DELETE FROM study_members WHERE study_id = :s AND user_id = :u AND role = :r")
                        .bind("s", studyId).bind("u", user.id()).bind("r", old.name()).execute();
                audit.append(handle, new AuditTrail.Change(actor, studyId, "user", user.id(), null, "role", old.name(), null, null));
            }
            handle.createUpdate("INSERT INTO study_members (study_id, user_id, role, adjudicator) VALUES (:s, :u, :r, :a)")
                    .bind("s", studyId).bind("u", user.id()).bind("r", role.name()).bind("a", adjudicator ? 1 : 0).execute();
            audit.append(handle, new AuditTrail.Change(actor, studyId, "user", user.id(), null, "role",
                    null, role.name() + (adjudicator ? " (adjudicator)" : ""), null));
            return null;
        });
    }

    /** Disables (or enables again) an account: a disabled account cannot log in. Audited. */
    public void setDisabled(String username, boolean disabled, String actor)
    {
        database.inTransaction(handle -> {
            long id = idOf(handle, username);
            handle.createUpdate("UPDATE users SET disabled = :d WHERE id = :id").bind("d", disabled ? 1 : 0).bind("id", id).execute();
            audit.append(handle, new AuditTrail.Change(actor, null, "user", id, null, "disabled", null, disabled ? "yes" : "no", null));
            return null;
        });
    }

    public boolean isDisabled(String username)
    {
        return database.withHandle(handle -> handle.createQuery("SELECT disabled FROM users WHERE username = :u")
                .bind("u", username).mapTo(Integer.class).findOne().orElse(0) == 1);
    }

    /** An admin's reset: a new one-time password hash that the user must replace at their next login. Audited. */
    public void resetPassword(String username, String oneTimePasswordHash, String actor)
    {
        database.inTransaction(handle -> {
            long id = idOf(handle, username);
            handle.createUpdate("UPDATE users SET password_hash = :h, must_change_password = 1 WHERE id = :id")
                    .bind("h", oneTimePasswordHash).bind("id", id).execute();
            audit.append(handle, new AuditTrail.Change(actor, null, "user", id, null, "password", null, "reset (one-time password)", null));
            return null;
        });
    }

    private static long idOf(Handle handle, String username)
    {
        return handle.createQuery("SELECT id FROM users WHERE username = :u").bind("u", username).mapTo(Long.class)
                .findOne().orElseThrow(() -> new NotFoundException("user '" + username + "'"));
    }

    /** Every account, by name, for the admins' list. */
    public List<UserSummary> accounts()
    {
        return database.withHandle(handle -> handle.createQuery("SELECT username, admin, disabled, must_change_password FROM users ORDER BY username")
                .map((rs, ctx) -> new UserSummary(rs.getString(1), rs.getInt(2) == 1, rs.getInt(3) == 1, rs.getInt(4) == 1))
                .list());
    }

    public List<Membership> memberships(String username)
    {
        return database.withHandle(handle -> handle.createQuery("""
                        SELECT m.study_id, u.username, m.role, m.adjudicator FROM study_members m JOIN users u ON u.id = m.user_id
                        WHERE u.username = :u ORDER BY m.study_id, m.role""")
                .bind("u", username)
                .map((rs, ctx) -> new Membership(rs.getLong(1), rs.getString(2), StudyRole.valueOf(rs.getString(3)), rs.getInt(4) == 1))
                .list());
    }

    public List<Membership> members(long studyId)
    {
        return database.withHandle(handle -> handle.createQuery("""
                        SELECT m.study_id, u.username, m.role, m.adjudicator FROM study_members m JOIN users u ON u.id = m.user_id
                        WHERE m.study_id = :s ORDER BY u.username, m.role""")
                .bind("s", studyId)
                .map((rs, ctx) -> new Membership(rs.getLong(1), rs.getString(2), StudyRole.valueOf(rs.getString(3)), rs.getInt(4) == 1))
                .list());
    }
}
