package org.casebook.store.screening;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.casebook.error.CasebookException;
import org.casebook.store.StudyDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The evidence of a screening log as records ({@link EvidenceRecord}): each {@code criterion=Type/id}
 * of a row's {@code evidence} (separated by {@code ;} or spaces), with the values {@code cases/provenance.csv}
 * ({@code patient_id,field,timepoint,value,resource_type,resource_id,file,line}) says were taken
 * from that record. Stored at import beside the log (migration V12), read a page of patients at a time.
 */
public final class ScreeningEvidence
{
    public static final String PROVENANCE_FILE = "provenance.csv";

    private final StudyDatabase database;

    public ScreeningEvidence(StudyDatabase database)
    {
        this.database = database;
    }

    /** The records of every row's evidence, each with its values from {@code provenanceCsv} (null: no cases/provenance.csv). */
    public static List<EvidenceRecord> build(List<LogRow> rows, String provenanceCsv)
    {
        Map<String, List<EvidenceRecord.Value>> valuesByRecord = provenanceCsv == null ? Map.of() : values(provenanceCsv);
        List<EvidenceRecord> records = new ArrayList<>();
        for (LogRow row : rows) {
            if (row.evidence() == null || row.evidence().isBlank()) {
                continue;
            }
            // casebook screen separates the items with ';' (older outputs with spaces)
            for (String item : row.evidence().strip().split("[;\\s]+")) {
                int equals = item.indexOf('=');
                int slash = item.indexOf('/', equals + 1);
                if (equals <= 0 || slash < 0) {
                    continue;
                }
                String type = item.substring(equals + 1, slash).strip();
                String id = item.substring(slash + 1).strip();
                records.add(new EvidenceRecord(row.patientId(), item.substring(0, equals).strip(), type, id,
                        valuesByRecord.getOrDefault(key(row.patientId(), type, id), List.of())));
            }
        }
        return records;
    }

    private static Map<String, List<EvidenceRecord.Value>> values(String provenanceCsv)
    {
        Map<String, List<EvidenceRecord.Value>> values = new LinkedHashMap<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(provenanceCsv))) {
            for (String column : List.of("patient_id", "field", "value", "resource_type", "resource_id")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw CasebookException.badInput("cases/%s has no column %s: expected patient_id,field,timepoint,value,resource_type,resource_id,file,line",
                            PROVENANCE_FILE, column);
                }
            }
            for (CSVRecord record : parser) {
                values.computeIfAbsent(key(record.get("patient_id"), record.get("resource_type"), record.get("resource_id")), key -> new ArrayList<>())
                        .add(new EvidenceRecord.Value(record.get("field"), record.isMapped("timepoint") ? record.get("timepoint") : "", record.get("value")));
            }
        }
        catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw CasebookException.badInput("cases/%s is not a readable CSV file: %s", PROVENANCE_FILE, e.getMessage());
        }
        return values;
    }

    private static String key(String patientId, String type, String id)
    {
        return patientId + "\u0000" + type + "\u0000" + id;
    }

    /** Replaces the study's evidence records, inside the import's transaction. */
    static void replace(Handle handle, long studyId, List<EvidenceRecord> records)
    {
        handle.createUpdate("DELETE FROM screening_evidence WHERE study_id = :s").bind("s", studyId).execute();
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO screening_evidence (study_id, patient_id, seq, criterion, resource_type, resource_id, field, timepoint, value)
                VALUES (:s, :p, :seq, :criterion, :type, :id, :field, :timepoint, :value)""");
        Map<String, Integer> seq = new java.util.HashMap<>();
        for (EvidenceRecord record : records) {
            List<EvidenceRecord.Value> values = record.values().isEmpty() ? java.util.Collections.singletonList(null) : record.values();
            for (EvidenceRecord.Value value : values) {
                batch.bind("s", studyId).bind("p", record.patientId()).bind("seq", seq.merge(record.patientId(), 1, Integer::sum))
                        .bind("criterion", record.criterion()).bind("type", record.resourceType()).bind("id", record.resourceId())
                        .bind("field", value == null ? null : value.field()).bind("timepoint", value == null ? null : value.timepoint())
                        .bind("value", value == null ? null : value.value()).add();
            }
        }
        if (!records.isEmpty()) {
            batch.execute();
        }
    }

    /** The evidence records of these patients, in the log's order of criteria. */
    public Map<String, List<EvidenceRecord>> forPatients(long studyId, Collection<String> patientIds)
    {
        Map<String, List<EvidenceRecord>> byPatient = new LinkedHashMap<>();
        if (patientIds.isEmpty()) {
            return byPatient;
        }
        List<Object[]> rows = database.withHandle(handle -> handle.createQuery("""
                        SELECT patient_id, criterion, resource_type, resource_id, field, timepoint, value FROM screening_evidence
                        WHERE study_id = :s AND patient_id IN (<patients>) ORDER BY patient_id, seq""")
                .bind("s", studyId).bindList("patients", List.copyOf(patientIds))
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)})
                .list());
        rows.forEach(row -> add(byPatient, row));
        return byPatient;
    }

    private static void add(Map<String, List<EvidenceRecord>> byPatient, Object[] row)
    {
        String patient = (String) row[0];
        List<EvidenceRecord> records = byPatient.computeIfAbsent(patient, p -> new ArrayList<>());
        EvidenceRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
        List<EvidenceRecord.Value> values = new ArrayList<>();
        if (last != null && last.criterion().equals(row[1]) && last.resourceType().equals(row[2]) && last.resourceId().equals(row[3])) {
            values.addAll(last.values());
            records.remove(records.size() - 1);
        }
        if (row[4] != null) {
            values.add(new EvidenceRecord.Value((String) row[4], (String) row[5], (String) row[6]));
        }
        records.add(new EvidenceRecord(patient, (String) row[1], (String) row[2], (String) row[3], values));
    }
}
