package org.casebook.store.cases;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.casebook.error.CasebookException;
import org.casebook.store.AuditEntry;
import org.casebook.store.AuditTrail;
import org.casebook.store.ConflictException;
import org.casebook.store.NotFoundException;
import org.casebook.store.StudyDatabase;
import org.jdbi.v3.core.Handle;

/**
 * The cases of the studies and their values. Every save names the version it was based on and
 * is refused when the case has moved on since ({@link ConflictException}); a locked case
 * changes only with a reason; each changed value gets an audit line in the same transaction.
 */
public final class Cases
{
    public static final String ENTITY = "case";
    private static final String PAO2 = "pao2";
    private static final String FIO2 = "fio2";
    private static final String PF_RATIO = "pf_ratio";
    /** How the importer (and this class) mark a P/F computed from PaO2 / FiO2. */
    private static final String COMPUTED = "computed from";

    /** audit_log.reason is a VARCHAR(1000) (migration V1). */
    public static final int MAX_REASON_LENGTH = 1000;

    private final StudyDatabase database;
    private final AuditTrail audit;

    public Cases(StudyDatabase database)
    {
        this.database = database;
        this.audit = new AuditTrail(database);
    }

    public List<CaseSummary> list(long studyId)
    {
        return database.withHandle(handle -> handle.createQuery(SELECT_CASE + " WHERE study_id = :s ORDER BY patient_id")
                .bind("s", studyId)
                .map((rs, ctx) -> mapCase(rs))
                .list());
    }

    /** The case {@code caseId} if it belongs to {@code studyId}. */
    public Optional<CaseSummary> find(long studyId, long caseId)
    {
        return database.withHandle(handle -> find(handle, studyId, caseId));
    }

    public CaseSummary get(long studyId, long caseId)
    {
        return find(studyId, caseId).orElseThrow(() -> new NotFoundException("case " + caseId + " of study " + studyId));
    }

    static Optional<CaseSummary> find(Handle handle, long studyId, long caseId)
    {
        return handle.createQuery(SELECT_CASE + " WHERE study_id = :s AND id = :id")
                .bind("s", studyId).bind("id", caseId)
                .map((rs, ctx) -> mapCase(rs))
                .findOne();
    }

    public List<CaseValue> values(long caseId)
    {
        return database.withHandle(handle -> values(handle, caseId));
    }

    static List<CaseValue> values(Handle handle, long caseId)
    {
        return handle.createQuery("SELECT timepoint, variable, value, unit, value_date, source FROM case_values WHERE case_id = :c ORDER BY timepoint, variable")
                .bind("c", caseId)
                .map((rs, ctx) -> new CaseValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    public List<AuditEntry> history(long caseId)
    {
        return audit.forEntity(ENTITY, caseId);
    }

    /**
     * Saves edits made on version {@code expectedVersion} of a case, after {@code validator} has
     * accepted every one of them (case fields against the case as stored, by the protocol's case
     * schema, and stored in one spelling: {@link CaseFieldText}); returns the new version.
     *
     * @throws ValidationException when a value is bad (nothing saved)
     * @throws ConflictException when someone saved the case since {@code expectedVersion}
     * @throws CasebookException when the case is locked and no reason is given
     */
    public int save(long studyId, long caseId, int expectedVersion, List<ValueEdit> edits, String reason, String actor, CaseValueValidator validator)
    {
        return database.inTransaction(handle -> {
            find(handle, studyId, caseId).orElseThrow(() -> new NotFoundException("case " + caseId + " of study " + studyId));
            Map<String, CaseValue> stored = values(handle, caseId).stream().collect(Collectors.toMap(CaseValue::field, Function.identity()));
            Map<String, String> caseFields = new java.util.LinkedHashMap<>();
            stored.values().stream().filter(value -> value.timepoint().isEmpty()).forEach(value -> caseFields.put(value.variable(), value.value()));
            // checked before the version is claimed, as before: bad values are a 400 even on a stale version. The case's
            // own rules (not_before) need its stored fields; a save that moved the case on since makes the claim below fail.
            List<ValueEdit> checked = validator.check(edits, caseFields);
            CaseSummary current = claimVersion(handle, studyId, caseId, expectedVersion);
            requireReasonIfLocked(current, reason);
            requireReasonLength(reason);
            int version = current.version() + 1;
            for (ValueEdit edit : checked) {
                CaseValue old = stored.get(edit.field());
                String oldText = old == null ? null : old.value();
                String newText = edit.value().isEmpty() ? null : edit.value();
                if (java.util.Objects.equals(oldText, newText)) {
                    continue;
                }
                writeValue(handle, caseId, edit, old);
                audit.append(handle, new AuditTrail.Change(actor, studyId, ENTITY, caseId, version, edit.field(), oldText, newText, blankToNull(reason)));
            }
            rederivePfRatio(handle, studyId, caseId, version, edits, actor);
            return version;
        });
    }

    /** Reasons are stored in audit_log.reason, a VARCHAR(1000). */
    static void requireReasonLength(String reason)
    {
        if (reason != null && reason.strip().length() > MAX_REASON_LENGTH) {
            throw CasebookException.badInput("reason: %d characters; at most %d", reason.strip().length(), MAX_REASON_LENGTH);
        }
    }

    /**
     * Keeps a derived P/F ratio in step with the PaO2 and FiO2 it came from: at each time point
     * whose PaO2 or FiO2 changed, a P/F that was computed (by the importer or here) is computed
     * again, or removed when one of its inputs is gone. A P/F typed by a user is left alone.
     */
    private void rederivePfRatio(Handle handle, long studyId, long caseId, int version, List<ValueEdit> edits, String actor)
    {
        List<String> timepoints = edits.stream()
                .filter(edit -> !edit.timepoint().isEmpty() && (edit.variable().equals(PAO2) || edit.variable().equals(FIO2)))
                .map(ValueEdit::timepoint).distinct().toList();
        if (timepoints.isEmpty()) {
            return;
        }
        Map<String, CaseValue> stored = values(handle, caseId).stream().collect(Collectors.toMap(CaseValue::field, Function.identity()));
        for (String timepoint : timepoints) {
            CaseValue pao2 = stored.get(timepoint + "." + PAO2);
            CaseValue fio2 = stored.get(timepoint + "." + FIO2);
            CaseValue pfRatio = stored.get(timepoint + "." + PF_RATIO);
            if (pfRatio != null && (pfRatio.source() == null || !pfRatio.source().startsWith(COMPUTED))) {
                continue;
            }
            String computed = pao2 == null || fio2 == null || Double.parseDouble(fio2.value()) == 0 ? null
                    : CaseFieldText.number(new BigDecimal(pao2.value()).divide(new BigDecimal(fio2.value()), MathContext.DECIMAL64).doubleValue());
            String old = pfRatio == null ? null : pfRatio.value();
            if (java.util.Objects.equals(old, computed)) {
                continue;
            }
            handle.createUpdate("DELETE FROM case_values WHERE case_id = :c AND timepoint = :t AND variable = :v")
                    .bind("c", caseId).bind("t", timepoint).bind("v", PF_RATIO).execute();
            if (computed != null) {
                insertValue(handle, caseId, new CaseValue(timepoint, PF_RATIO, computed, pfRatio == null ? "" : pfRatio.unit(), pao2.date(),
                        COMPUTED + " " + timepoint + "." + PAO2 + " / " + timepoint + "." + FIO2));
            }
            audit.append(handle, new AuditTrail.Change(actor, studyId, ENTITY, caseId, version, timepoint + "." + PF_RATIO, old, computed,
                    "recomputed from " + PAO2 + " / " + FIO2));
        }
    }

    /**
     * Locks or unlocks a case. Unlocking, like every change to a locked case, needs a reason; a
     * case with a data query not closed ({@link DataQueries}) cannot be locked.
     *
     * @throws ConflictException when someone saved the case since {@code expectedVersion}
     */
    public int setLocked(long studyId, long caseId, int expectedVersion, boolean locked, String reason, String actor)
    {
        return database.inTransaction(handle -> {
            CaseSummary current = claimVersion(handle, studyId, caseId, expectedVersion);
            if (current.locked() == locked) {
                throw CasebookException.badInput("case %s is already %s", current.patientId(), locked ? "locked" : "unlocked");
            }
            requireReasonIfLocked(current, reason);
            requireReasonLength(reason);
            int queries = locked ? DataQueries.unresolvedCount(handle, caseId) : 0;
            if (queries > 0) {
                throw CasebookException.badInput("case %s has %d data quer%s not closed: answer and close %s before locking", current.patientId(), queries,
                        queries == 1 ? "y" : "ies", queries == 1 ? "it" : "them");
            }
            handle.createUpdate("UPDATE cases SET locked = :l WHERE id = :id").bind("l", locked ? 1 : 0).bind("id", caseId).execute();
            audit.append(handle, new AuditTrail.Change(actor, studyId, ENTITY, caseId, current.version() + 1, "locked",
                    current.locked() ? "yes" : "no", locked ? "yes" : "no", blankToNull(reason)));
            return current.version() + 1;
        });
    }

    /**
     * Moves the case from {@code expectedVersion} to the next version, first thing in the
     * transaction: on PostgreSQL the row lock makes a concurrent save wait and then miss.
     */
    static CaseSummary claimVersion(Handle handle, long studyId, long caseId, int expectedVersion)
    {
        int updated = handle.createUpdate("UPDATE cases SET version = version + 1 WHERE study_id = :s AND id = :id AND version = :v")
                .bind("s", studyId).bind("id", caseId).bind("v", expectedVersion)
                .execute();
        CaseSummary current = find(handle, studyId, caseId).orElseThrow(() -> new NotFoundException("case " + caseId + " of study " + studyId));
        if (updated == 0) {
            List<AuditEntry> others = AuditTrail.forEntityAfter(handle, ENTITY, caseId, expectedVersion);
            throw new ConflictException("case " + current.patientId(), expectedVersion, current.version(), others);
        }
        return new CaseSummary(current.id(), current.studyId(), current.patientId(), expectedVersion, current.locked());
    }

    static void requireReasonIfLocked(CaseSummary current, String reason)
    {
        if (current.locked() && (reason == null || reason.isBlank())) {
            throw CasebookException.badInput("case %s is locked: a change needs a reason", current.patientId());
        }
    }

    private static void writeValue(Handle handle, long caseId, ValueEdit edit, CaseValue old)
    {
        if (old != null) {
            handle.createUpdate("DELETE FROM case_values WHERE case_id = :c AND timepoint = :t AND variable = :v")
                    .bind("c", caseId).bind("t", edit.timepoint()).bind("v", edit.variable()).execute();
        }
        if (!edit.value().isEmpty()) {
            insertValue(handle, caseId, new CaseValue(edit.timepoint(), edit.variable(), edit.value(), old == null ? "" : old.unit(),
                    old == null ? null : old.date(), null));
        }
    }

    static void insertValue(Handle handle, long caseId, CaseValue value)
    {
        handle.createUpdate("""
                        INSERT INTO case_values (case_id, timepoint, variable, value, unit, value_date, source)
                        VALUES (:c, :timepoint, :variable, :value, :unit, :date, :source)""")
                .bind("c", caseId)
                .bindMethods(value)
                .execute();
    }

    static String blankToNull(String text)
    {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static final String SELECT_CASE = "SELECT id, study_id, patient_id, version, locked FROM cases";

    private static CaseSummary mapCase(java.sql.ResultSet rs)
            throws java.sql.SQLException
    {
        return new CaseSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5) == 1);
    }
}
