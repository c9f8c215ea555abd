package org.casebook.odm;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A study's audit trail as the ODM export carries it: every audit row of the study (with the
 * hashes that chain it, {@code org.casebook.store.AuditChain}), which case each case row is about,
 * and the cases locked now. Built from the web app's store by {@link StoreHistory}.
 *
 * @param location where the rows were recorded (the casebook instance and study), for ODM's LocationRef
 * @param studyId the store's study id
 * @param rows the study's audit rows in id order
 * @param patients a case row's entity id → the case's patient id
 * @param locked the patient ids of the cases locked now
 * @param chainEnd the newest hash of the whole audit chain when the export was made
 */
public record OdmHistory(String location, long studyId, List<Row> rows, Map<Long, String> patients, List<String> locked, String chainEnd)
{
    public OdmHistory
    {
        requireNonNull(location, "location is null");
        rows = List.copyOf(rows);
        patients = Map.copyOf(patients);
        locked = List.copyOf(locked);
        requireNonNull(chainEnd, "chainEnd is null");
    }

    /** One audit_log row, every hashed field as stored, and its hashes (null for rows from before the chain). */
    public record Row(long id, String at, String username, Long studyId, String entity, long entityId, Integer version, String field,
            String oldValue, String newValue, String reason, String prevHash, String hash) {}
}
