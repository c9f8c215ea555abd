package org.casebook.odm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.casebook.casedata.CaseWorkbook;
import org.casebook.error.CasebookException;
import org.casebook.protocol.StudyProtocol;
import org.casebook.store.AuditChain;
import org.casebook.store.StudyDatabase;
import org.casebook.store.cases.CaseSummary;
import org.casebook.store.cases.Cases;
import org.casebook.store.cases.StudyWorkbooks;
import org.casebook.store.study.StudyProtocolStore;

/**
 * A study of the web app's store, ready for {@link OdmExporter}: its protocol, its current data
 * as a workbook (as the analysis reads it) and its audit trail with the hashes. The audit chain
 * is verified first: a study whose trail was tampered with is not exported.
 */
public final class StoreHistory
{
    private StoreHistory() {}

    public record Study(StudyProtocol protocol, CaseWorkbook workbook, OdmHistory history) {}

    /**
     * @throws CasebookException when the study does not exist or the audit chain is broken
     */
    public static Study load(StudyDatabase database, long studyId)
    {
        AuditChain.Verification verification = AuditChain.verify(database);
        if (!verification.intact()) {
            throw CasebookException.badInput("the audit trail is broken (%s); run casebook audit verify: nothing exported", verification.problem().orElseThrow());
        }
        boolean exists = database.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM studies WHERE id = :s").bind("s", studyId).mapTo(Integer.class).one()) > 0;
        if (!exists) {
            throw new CasebookException(org.casebook.error.ErrorCode.NOT_FOUND, "no study " + studyId + " in this database");
        }
        StudyProtocol protocol = new StudyProtocolStore(database).protocol(studyId);
        CaseWorkbook workbook = new StudyWorkbooks(database).load(studyId);
        Map<Long, String> patients = new LinkedHashMap<>();
        List<String> locked = new ArrayList<>();
        for (CaseSummary summary : new Cases(database).list(studyId)) {
            patients.put(summary.id(), summary.patientId());
            if (summary.locked()) {
                locked.add(summary.patientId());
            }
        }
        List<OdmHistory.Row> rows = database.withHandle(handle -> handle.createQuery("""
                        SELECT id, at, username, study_id, entity, entity_id, version, field, old_value, new_value, reason, prev_hash, hash
                        FROM audit_log WHERE study_id = :s ORDER BY id""")
                .bind("s", studyId)
                .map((rs, ctx) -> {
                    long study = rs.getLong("study_id");
                    Long studyOrNull = rs.wasNull() ? null : study;
                    int version = rs.getInt("version");
                    Integer versionOrNull = rs.wasNull() ? null : version;
                    return new OdmHistory.Row(rs.getLong("id"), rs.getString("at"), rs.getString("username"), studyOrNull, rs.getString("entity"),
                            rs.getLong("entity_id"), versionOrNull, rs.getString("field"), rs.getString("old_value"), rs.getString("new_value"),
                            rs.getString("reason"), rs.getString("prev_hash"), rs.getString("hash"));
                })
                .list());
        String chainEnd = database.withHandle(handle -> handle.createQuery("SELECT last_hash FROM audit_chain WHERE id = 1").mapTo(String.class).one());
        return new Study(protocol, workbook, new OdmHistory("casebook study " + studyId, studyId, rows, patients, locked, chainEnd));
    }
}
