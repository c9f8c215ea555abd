package org.casebook.store.ct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.casebook.ctscore.ReadGrid;
import org.jdbi.v3.core.Handle;

import static java.util.Objects.requireNonNull;

/**
 * What a save of a read starts from, read in one query: the scan, whether it is on the reader's
 * worklist, and the reader's read of it so far (its id, version and values; none before the first
 * save). One statement sees one snapshot, so the values are those of that version.
 */
record StoredRead(CtScan scan, boolean assigned, Optional<Long> readId, int version, ReadGrid grid)
{
    StoredRead
    {
        requireNonNull(scan, "scan is null");
        requireNonNull(readId, "readId is null");
        requireNonNull(grid, "grid is null");
    }

    /** One row of the query: the scan and read repeat, one value each (none before the first save). */
    private record Row(CtScan scan, boolean assigned, Long readId, int version, String region, String item, int value) {}

    /** The scan {@code code} of the study with {@code reader}'s read (or adjudication) of it; empty when the study has no such scan. */
    static Optional<StoredRead> find(Handle handle, long studyId, String code, String reader, boolean adjudication)
    {
        List<Row> rows = handle.createQuery("""
                        SELECT s.id, s.study_id, s.case_id, c.patient_id, s.timepoint, s.scan_date, s.code, s.accession,
                               (SELECT COUNT(*) FROM reader_assignments a WHERE a.scan_id = s.id AND a.reader = :r),
                               r.id, r.version, v.region, v.item, v.value
                        FROM ct_scans s JOIN cases c ON c.id = s.case_id
                        LEFT JOIN ct_reads r ON r.scan_id = s.id AND r.reader = :r AND r.adjudication = :a
                        LEFT JOIN ct_read_values v ON v.read_id = r.id
                        WHERE s.study_id = :s AND s.code = :code
                        ORDER BY v.region, v.item""")
                .bind("s", studyId).bind("code", code).bind("r", reader).bind("a", adjudication ? 1 : 0)
                .map((rs, ctx) -> new Row(new CtScan(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8)), rs.getInt(9) > 0, rs.getObject(10) == null ? null : rs.getLong(10), rs.getInt(11),
                        rs.getString(12), rs.getString(13), rs.getInt(14)))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<String, Integer>> values = new LinkedHashMap<>();
        rows.stream().filter(row -> row.region() != null)
                .forEach(row -> values.computeIfAbsent(row.region(), region -> new LinkedHashMap<>()).put(row.item(), row.value()));
        Row first = rows.get(0);
        return Optional.of(new StoredRead(first.scan(), first.assigned(), Optional.ofNullable(first.readId()), first.version(), new ReadGrid(values)));
    }
}
