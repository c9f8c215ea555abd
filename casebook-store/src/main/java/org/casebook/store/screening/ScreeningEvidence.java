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
 * of a row's {@code evidence} (separated by {@code ;} or spaces), with what {@code evidence.csv}
 * ({@code patient_id,criterion,resource,kind,code_system,code,display,date,value,unit}) says the
 * record is and the values {@code cases/provenance.csv}
 * ({@code patient_id,field,timepoint,value,resource_type,resource_id,file,line}) says were taken
 * from it. Stored at import beside the log (migrations V12, V13), read a page of patients at a time.
 */
public final class ScreeningEvidence
{
    public static final String PROVENANCE_FILE = "provenance.csv";
    public static final String EVIDENCE_FILE = "evidence.csv";
    static final List<String> EVIDENCE_COLUMNS = List.of("patient_id", "criterion", "resource", "kind", "code_system", "code", "display", "date", "value", "unit");
    /** The columns' sizes in screening_evidence (V13), so that a longer cell is a located error rather than a database failure. */
    private static final Map<String, Integer> MAX_LENGTHS = Map.of("kind", 100, "code_system", 200, "code", 100, "display", 1000, "date", 50, "value", 200,
            "unit", 100);

    private final StudyDatabase database;

    public ScreeningEvidence(StudyDatabase database)
    {
        this.database = database;
    }

    /** The records of every row's evidence, each with its values from {@code provenanceCsv} (null: no cases/provenance.csv). */
    public static List<EvidenceRecord> build(List<LogRow> rows, String provenanceCsv)
    {
        return build(rows, provenanceCsv, null);
    }

    /**
     * The records of every row's evidence, each with what {@code evidenceCsv} says it is (null: an
     * output without evidence.csv) and its values from {@code provenanceCsv} (null: no cases/provenance.csv).
     *
     * @throws CasebookException naming the file, line and column of a bad evidence.csv
     */
    public static List<EvidenceRecord> build(List<LogRow> rows, String provenanceCsv, String evidenceCsv)
    {
        Map<String, List<EvidenceRecord.Value>> valuesByRecord = provenanceCsv == null ? Map.of() : values(provenanceCsv);
        Map<String, EvidenceRecord.Facts> factsByRecord = evidenceCsv == null ? Map.of() : facts(evidenceCsv);
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
                String criterion = item.substring(0, equals).strip();
                records.add(new EvidenceRecord(row.patientId(), criterion, type, id,
                        factsByRecord.getOrDefault(key(row.patientId(), criterion, type + "/" + id), EvidenceRecord.Facts.UNKNOWN),
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

    /** evidence.csv's rows by patient, criterion and record. */
    private static Map<String, EvidenceRecord.Facts> facts(String evidenceCsv)
    {
        Map<String, EvidenceRecord.Facts> facts = new java.util.HashMap<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(evidenceCsv))) {
            for (String column : EVIDENCE_COLUMNS) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw CasebookException.badInput("%s line 1 has no column %s: expected %s", EVIDENCE_FILE, column, String.join(",", EVIDENCE_COLUMNS));
                }
            }
            for (CSVRecord record : parser) {
                // the header is line 1; a quoted line break would shift lines, which casebook screen never writes in these columns
                long line = record.getRecordNumber() + 1;
                if (!record.isConsistent()) {
                    throw CasebookException.badInput("%s line %d has %d cells: expected %d (%s)", EVIDENCE_FILE, line, record.size(), EVIDENCE_COLUMNS.size(),
                            String.join(",", EVIDENCE_COLUMNS));
                }
                MAX_LENGTHS.forEach((column, max) -> {
                    if (record.get(column).length() > max) {
                        throw CasebookException.badInput("%s line %d, column %s: %d characters, expected at most %d", EVIDENCE_FILE, line, column,
                                record.get(column).length(), max);
                    }
                });
                facts.put(key(record.get("patient_id"), record.get("criterion"), record.get("resource")), new EvidenceRecord.Facts(record.get("kind"),
                        record.get("code_system"), record.get("code"), record.get("display"), record.get("date"), record.get("value"), record.get("unit")));
            }
        }
        catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw CasebookException.badInput("%s is not a readable CSV file: %s", EVIDENCE_FILE, e.getMessage());
        }
        return facts;
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
                INSERT INTO screening_evidence (study_id, patient_id, seq, criterion, resource_type, resource_id, field, timepoint, value,
                    record_kind, code_system, code, display, record_date, record_value, record_unit)
                VALUES (:s, :p, :seq, :criterion, :type, :id, :field, :timepoint, :value,
                    :kind, :codeSystem, :code, :display, :date, :recordValue, :unit)""");
        Map<String, Integer> seq = new java.util.HashMap<>();
        for (EvidenceRecord record : records) {
            List<EvidenceRecord.Value> values = record.values().isEmpty() ? java.util.Collections.singletonList(null) : record.values();
            for (EvidenceRecord.Value value : values) {
                batch.bind("s", studyId).bind("p", record.patientId()).bind("seq", seq.merge(record.patientId(), 1, Integer::sum))
                        .bind("criterion", record.criterion()).bind("type", record.resourceType()).bind("id", record.resourceId())
                        .bind("field", value == null ? null : value.field()).bind("timepoint", value == null ? null : value.timepoint())
                        .bind("value", value == null ? null : value.value());
                bindFacts(batch, record.facts()).add();
            }
        }
        if (!records.isEmpty()) {
            batch.execute();
        }
    }

    /** What the record is; NULLs when the output did not say (no evidence.csv). */
    private static PreparedBatch bindFacts(PreparedBatch batch, EvidenceRecord.Facts facts)
    {
        boolean known = facts.isKnown();
        return batch.bind("kind", known ? facts.kind() : null).bind("codeSystem", known ? facts.codeSystem() : null).bind("code", known ? facts.code() : null)
                .bind("display", known ? facts.display() : null).bind("date", known ? facts.date() : null)
                .bind("recordValue", known ? facts.value() : null).bind("unit", known ? facts.unit() : null);
    }

    /** The evidence records of these patients, in the log's order of criteria. */
    public Map<String, List<EvidenceRecord>> forPatients(long studyId, Collection<String> patientIds)
    {
        Map<String, List<EvidenceRecord>> byPatient = new LinkedHashMap<>();
        if (patientIds.isEmpty()) {
            return byPatient;
        }
        List<Object[]> rows = database.withHandle(handle -> handle.createQuery("""
                        SELECT patient_id, criterion, resource_type, resource_id, field, timepoint, value,
                            record_kind, code_system, code, display, record_date, record_value, record_unit FROM screening_evidence
                        WHERE study_id = :s AND patient_id IN (<patients>) ORDER BY patient_id, seq""")
                .bind("s", studyId).bindList("patients", List.copyOf(patientIds))
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        new EvidenceRecord.Facts(rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                                rs.getString(14))})
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
        records.add(new EvidenceRecord(patient, (String) row[1], (String) row[2], (String) row[3], (EvidenceRecord.Facts) row[7], values));
    }
}
