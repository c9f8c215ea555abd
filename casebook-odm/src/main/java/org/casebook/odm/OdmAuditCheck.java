package org.casebook.odm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.casebook.store.AuditChain;
import org.casebook.store.AuditTrail;

/**
 * Checks the audit records of a casebook ODM file against their SHA-256 hashes: each record's
 * hash is recomputed from its user, time, reason and the row's other fields (in its
 * {@code SourceID}) and the hash before it, exactly as {@code casebook audit verify} does in the
 * database ({@link AuditChain#hash}); and where two exported rows followed each other in the
 * database, the second must name the first's hash. A changed, removed-from-the-middle or
 * inserted record is an error naming its line.
 */
public final class OdmAuditCheck
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private OdmAuditCheck() {}

    /**
     * @param records audit records in the ClinicalData's AuditRecords
     * @param verified records whose hash was recomputed and matched
     * @param linked consecutive rows whose chaining was checked
     * @param beforeChain records of rows from before the chain began (no hash)
     */
    public record Report(int records, int verified, int linked, int beforeChain) {}

    /** One AuditRecord as read: its line, ID, user OID, time, reason and SourceID text. */
    record Record(int line, String id, String userOid, String at, String reason, String source)
    {
        static final class Builder
        {
            final int line;
            final String id;
            String userOid;
            String at;
            String reason;
            String source;

            Builder(int line, String id)
            {
                this.line = line;
                this.id = id;
            }

            Record build()
            {
                return new Record(line, id, userOid, at, reason, source);
            }
        }
    }

    private record Checked(long row, String prevHash, String hash, Record record) {}

    static Report check(String file, List<Record> records, Map<String, String> users, List<OdmIssue> issues)
    {
        List<Checked> chained = new ArrayList<>();
        int verified = 0;
        int before = 0;
        for (Record record : records) {
            String element = "AuditRecord" + (record.id() == null ? "" : " " + record.id());
            if (record.source() == null || !record.source().startsWith("{")) {
                issues.add(new OdmIssue(file, record.line(), element, null, "expected a SourceID holding the audit row's fields as JSON, as casebook writes it"));
                continue;
            }
            JsonNode source;
            try {
                source = JSON.readTree(record.source());
            }
            catch (JsonProcessingException e) {
                issues.add(new OdmIssue(file, record.line(), element + " SourceID", null, "not JSON: " + e.getOriginalMessage()));
                continue;
            }
            String username = record.userOid() == null ? null : users.get(record.userOid());
            if (username == null) {
                issues.add(new OdmIssue(file, record.line(), element + " UserRef", record.userOid(), "no User with this OID in AdminData"));
                continue;
            }
            if (record.at() == null || !source.path("row").canConvertToLong() || !source.path("entity").isTextual() || !source.path("field").isTextual()
                    || !source.path("entityId").canConvertToLong()) {
                issues.add(new OdmIssue(file, record.line(), element, null, "expected a DateTimeStamp and a SourceID with row, entity, entityId and field"));
                continue;
            }
            String hash = text(source, "sha256");
            if (hash == null) {
                before++;
                continue;
            }
            String previous = text(source, "prevHash");
            Long study = source.path("study").canConvertToLong() ? source.path("study").asLong() : null;
            Integer version = source.path("version").canConvertToInt() ? source.path("version").asInt() : null;
            AuditTrail.Change change = new AuditTrail.Change(username, study, source.path("entity").asText(), source.path("entityId").asLong(), version,
                    source.path("field").asText(), text(source, "old"), text(source, "new"), record.reason());
            if (!AuditChain.hash(previous == null ? "" : previous, record.at(), change).equals(hash)) {
                issues.add(new OdmIssue(file, record.line(), element, null,
                        "its content does not match its SHA-256: the record was changed after casebook wrote it (audit_log row " + source.path("row").asLong() + ")"));
                continue;
            }
            verified++;
            chained.add(new Checked(source.path("row").asLong(), previous, hash, record));
        }
        chained.sort(Comparator.comparingLong(Checked::row));
        int linked = 0;
        for (int i = 1; i < chained.size(); i++) {
            Checked before1 = chained.get(i - 1);
            Checked after = chained.get(i);
            if (after.row() == before1.row() + 1) {
                if (!before1.hash().equals(after.prevHash())) {
                    issues.add(new OdmIssue(file, after.record().line(), "AuditRecord " + after.record().id(), null,
                            "does not follow audit_log row " + before1.row() + ": the chain is broken between them"));
                }
                else {
                    linked++;
                }
            }
            else if (after.row() == before1.row()) {
                issues.add(new OdmIssue(file, after.record().line(), "AuditRecord " + after.record().id(), null, "a second record of audit_log row " + after.row()));
            }
        }
        return new Report(records.size(), verified, linked, before);
    }

    private static String text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
