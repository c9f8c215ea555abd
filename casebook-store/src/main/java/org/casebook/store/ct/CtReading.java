package org.casebook.store.ct;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.commons.numbers.fraction.Fraction;
import org.casebook.ctscore.CtRead;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.ctscore.IchikadoScore;
import org.casebook.ctscore.ReadGrid;
import org.casebook.ctscore.ScanRef;
import org.casebook.ctscore.ZoneExtent;
import org.casebook.error.CasebookException;
import org.casebook.error.ErrorCode;
import org.casebook.store.AuditTrail;
import org.casebook.store.ConflictException;
import org.casebook.store.NotFoundException;
import org.casebook.store.StudyDatabase;
import org.casebook.store.study.Studies;
import org.casebook.store.study.StudyProtocolStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Blinded CT reading: scans under random codes, reader assignments in random order, reads under
 * the study protocol's scoring system (Ichikado zone by zone, Kazerooni lobe by lobe: its
 * {@link CtScoringSystem#layout()}) with optimistic versions, and adjudication of scans whose
 * readers' totals differ by more than the study's threshold.
 */
public final class CtReading
{
    public static final String ENTITY = "ct_read";
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** ct_scans.accession is a VARCHAR(100) (migration V1). */
    public static final int MAX_ACCESSION_LENGTH = 100;

    private final StudyDatabase database;
    private final AuditTrail audit;
    private final StudyProtocolStore protocols;

    public CtReading(StudyDatabase database)
    {
        this(database, new StudyProtocolStore(database));
    }

    public CtReading(StudyDatabase database, StudyProtocolStore protocols)
    {
        this.database = database;
        this.audit = new AuditTrail(database);
        this.protocols = protocols;
    }

    /**
     * The CT scoring system of the study's protocol ({@code ct_score.system}).
     *
     * @throws NotFoundException when there is no such study
     */
    public CtScoringSystem system(long studyId)
    {
        return CtScoringSystem.forName(protocols.protocol(studyId).ctScoring().system());
    }

    /** Creates a scan under a fresh random code, inside the caller's transaction; returns its id. */
    public static long createScan(Handle handle, long studyId, long caseId, String timepoint, String date, String accession)
    {
        return handle.createQuery("""
                        INSERT INTO ct_scans (study_id, case_id, timepoint, scan_date, code, accession)
                        VALUES (:s, :c, :t, :d, :code, :a) RETURNING id""")
                .bind("s", studyId).bind("c", caseId).bind("t", timepoint).bind("d", date).bind("code", newCode()).bind("a", accession)
                .mapTo(Long.class).one();
    }

    static String newCode()
    {
        StringBuilder code = new StringBuilder("CT-");
        for (int i = 0; i < 8; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    public List<CtScan> scans(long studyId)
    {
        return database.withHandle(handle -> handle.createQuery(SELECT_SCAN + " WHERE s.study_id = :s ORDER BY c.patient_id, s.timepoint")
                .bind("s", studyId)
                .map((rs, ctx) -> mapScan(rs))
                .list());
    }

    public Optional<CtScan> findScan(long studyId, String code)
    {
        return database.withHandle(handle -> findScan(handle, studyId, code));
    }

    private static Optional<CtScan> findScan(Handle handle, long studyId, String code)
    {
        return handle.createQuery(SELECT_SCAN + " WHERE s.study_id = :s AND s.code = :code")
                .bind("s", studyId).bind("code", code)
                .map((rs, ctx) -> mapScan(rs))
                .findOne();
    }

    /** Attaches the PACS accession number the readers open the images by. */
    public void setAccession(long studyId, String code, String accession, String actor)
    {
        if (accession != null && accession.length() > MAX_ACCESSION_LENGTH) {
            throw CasebookException.badInput("accession: %d characters; at most %d", accession.length(), MAX_ACCESSION_LENGTH);
        }
        database.inTransaction(handle -> {
            CtScan scan = findScan(handle, studyId, code).orElseThrow(() -> new NotFoundException("scan " + code));
            handle.createUpdate("UPDATE ct_scans SET accession = :a WHERE id = :id").bind("a", accession).bind("id", scan.id()).execute();
            audit.append(handle, new AuditTrail.Change(actor, studyId, "ct_scan", scan.id(), null, "accession", scan.accession(), accession, null));
            return null;
        });
    }

    /**
     * Puts every scan of the study on {@code reader}'s worklist (idempotent), each at a random position.
     *
     * @throws CasebookException when {@code reader} is missing or not a reader of the study
     */
    public int assignAll(long studyId, String reader, String actor)
    {
        if (reader == null || reader.isBlank()) {
            throw CasebookException.badInput("no reader: expected {\"reader\": \"<user name of one of the study's readers>\"}");
        }
        return database.inTransaction(handle -> {
            boolean isReader = handle.createQuery("""
                            SELECT COUNT(*) FROM study_members m JOIN users u ON u.id = m.user_id
                            WHERE m.study_id = :s AND u.username = :r AND m.role = 'READER'""")
                    .bind("s", studyId).bind("r", reader).mapTo(Integer.class).one() > 0;
            if (!isReader) {
                throw CasebookException.badInput("'%s' is not a reader of this study: only the study's readers get scans to read", reader);
            }
            List<Long> scanIds = handle.createQuery("""
                            SELECT id FROM ct_scans WHERE study_id = :s
                            AND id NOT IN (SELECT scan_id FROM reader_assignments WHERE reader = :r)""")
                    .bind("s", studyId).bind("r", reader).mapTo(Long.class).list();
            for (long scanId : scanIds) {
                handle.createUpdate("INSERT INTO reader_assignments (scan_id, reader, position) VALUES (:scan, :r, :p)")
                        .bind("scan", scanId).bind("r", reader).bind("p", RANDOM.nextInt(1_000_000_000)).execute();
            }
            audit.append(handle, new AuditTrail.Change(actor, studyId, "study", studyId, null, "reader_assignment", null,
                    reader + ": " + scanIds.size() + " scan(s)", null));
            return scanIds.size();
        });
    }

    /**
     * The reader's assigned scans in their random order, then (for an adjudicator) the scans
     * awaiting adjudication that they did not read themselves: an adjudicator never adjudicates
     * their own read.
     */
    public List<WorklistItem> worklist(long studyId, String reader, boolean adjudicator)
    {
        return database.withHandle(handle -> {
            List<WorklistItem> items = new ArrayList<>(handle.createQuery("""
                            SELECT s.code,
                                   (SELECT COUNT(*) FROM ct_reads r WHERE r.scan_id = s.id AND r.reader = a.reader AND r.adjudication = 0)
                            FROM reader_assignments a JOIN ct_scans s ON s.id = a.scan_id
                            WHERE s.study_id = :s AND a.reader = :r ORDER BY a.position""")
                    .bind("s", studyId).bind("r", reader)
                    .map((rs, ctx) -> new WorklistItem(rs.getString(1), rs.getInt(2) > 0, false))
                    .list());
            if (adjudicator) {
                for (long scanId : scansNeedingAdjudication(handle, studyId)) {
                    if (hasRead(handle, scanId, reader, false)) {
                        continue;
                    }
                    items.add(handle.createQuery("""
                                    SELECT s.code,
                                           (SELECT COUNT(*) FROM ct_reads r WHERE r.scan_id = s.id AND r.adjudication = 1)
                                    FROM ct_scans s WHERE s.id = :id""")
                            .bind("id", scanId)
                            .map((rs, ctx) -> new WorklistItem(rs.getString(1), rs.getInt(2) > 0, true))
                            .one());
                }
            }
            return items;
        });
    }

    /**
     * Whether the scan is on the reader's worklist: assigned to them, or (an adjudication, for an
     * adjudicator) awaiting adjudication and not read by them. Answers without reading the whole worklist.
     */
    public boolean isOnWorklist(long studyId, String code, String reader, boolean adjudication, boolean adjudicator)
    {
        return database.withHandle(handle -> findScan(handle, studyId, code).map(scan -> {
            if (adjudication) {
                return adjudicator && scansNeedingAdjudication(handle, studyId).contains(scan.id()) && !hasRead(handle, scan.id(), reader, false);
            }
            return handle.createQuery("SELECT COUNT(*) FROM reader_assignments WHERE scan_id = :s AND reader = :r")
                    .bind("s", scan.id()).bind("r", reader).mapTo(Integer.class).one() > 0;
        }).orElse(false));
    }

    static boolean hasRead(Handle handle, long scanId, String reader, boolean adjudication)
    {
        return handle.createQuery("SELECT COUNT(*) FROM ct_reads WHERE scan_id = :s AND reader = :r AND adjudication = :a")
                .bind("s", scanId).bind("r", reader).bind("a", adjudication ? 1 : 0).mapTo(Integer.class).one() > 0;
    }

    /**
     * The PACS accession number of one scan on the reader's worklist, for opening it in PACS: an
     * explicit action, written to the audit trail (who opened which scan's accession, when).
     *
     * @throws CasebookException FORBIDDEN when the study hides accession numbers from readers
     * @throws NotFoundException when the scan is not on the reader's worklist or has no accession yet
     */
    public String openAccession(long studyId, String code, String reader, boolean adjudicator)
    {
        return database.inTransaction(handle -> {
            if (!Studies.readersSeeAccession(handle, studyId)) {
                throw new CasebookException(ErrorCode.FORBIDDEN, "this study hides PACS accession numbers from readers: "
                        + "ask the study's investigators to open scan " + code + " for you");
            }
            CtScan scan = findScan(handle, studyId, code).orElseThrow(() -> new NotFoundException("scan " + code + " on your worklist"));
            boolean assigned = handle.createQuery("SELECT COUNT(*) FROM reader_assignments WHERE scan_id = :s AND reader = :r")
                    .bind("s", scan.id()).bind("r", reader).mapTo(Integer.class).one() > 0;
            boolean toAdjudicate = adjudicator && scansNeedingAdjudication(handle, studyId).contains(scan.id()) && !hasRead(handle, scan.id(), reader, false);
            if (!assigned && !toAdjudicate) {
                throw new NotFoundException("scan " + code + " on your worklist");
            }
            if (scan.accession() == null || scan.accession().isBlank()) {
                throw new NotFoundException("a PACS accession number for scan " + code + " (the investigators have not attached one yet)");
            }
            audit.append(handle, new AuditTrail.Change(reader, studyId, "ct_scan", scan.id(), null, "accession_opened", null, null, null));
            return scan.accession();
        });
    }

    /**
     * Scans whose readers' totals (at least two readers) differ by more than the study's threshold,
     * decided on the exact totals: two Ichikado reads 30 points apart (782/6 and 602/6) are 30.000000000000014
     * apart as stored doubles, and are not over a threshold of 30.
     */
    public List<Long> scansNeedingAdjudication(long studyId)
    {
        return database.withHandle(handle -> scansNeedingAdjudication(handle, studyId));
    }

    static List<Long> scansNeedingAdjudication(Handle handle, long studyId)
    {
        double threshold = Studies.find(handle, studyId).orElseThrow(() -> new NotFoundException("study " + studyId)).adjudicationThreshold();
        // the database narrows to the scans near or over the threshold (totals are sixths or fifths, so
        // 0.01 below it loses none); their exact totals decide
        return handle.createQuery("""
                        SELECT r.scan_id, MIN(r.scoring_system), MAX(r.total), MIN(r.total) FROM ct_reads r JOIN ct_scans s ON s.id = r.scan_id
                        WHERE s.study_id = :s AND r.adjudication = 0
                        GROUP BY r.scan_id HAVING COUNT(*) >= 2 AND MAX(r.total) - MIN(r.total) > :near ORDER BY r.scan_id""")
                .bind("s", studyId).bind("near", threshold - 0.01)
                .map((rs, ctx) -> new Spread(rs.getLong(1), CtScoringSystem.forName(rs.getString(2)), rs.getDouble(3), rs.getDouble(4)))
                .list().stream()
                .filter(spread -> overThreshold(spread.system(), spread.highest(), spread.lowest(), threshold))
                .map(Spread::scanId)
                .toList();
    }

    /** A scan's highest and lowest read totals as stored. */
    private record Spread(long scanId, CtScoringSystem system, double highest, double lowest) {}

    /** highest − lowest &gt; threshold, on the exact totals and the threshold as the decimal written. */
    static boolean overThreshold(CtScoringSystem system, double highest, double lowest, double threshold)
    {
        Fraction spread = system.exactReadTotal(highest).subtract(system.exactReadTotal(lowest));
        // spread = p/q > t  ⇔  p > t·q
        return java.math.BigDecimal.valueOf(spread.getNumerator())
                .compareTo(java.math.BigDecimal.valueOf(threshold).multiply(java.math.BigDecimal.valueOf(spread.getDenominator()))) > 0;
    }

    public Optional<SavedRead> findRead(long studyId, String code, String reader, boolean adjudication)
    {
        return database.withHandle(handle -> findScan(handle, studyId, code)
                .flatMap(scan -> findRead(handle, scan, reader, adjudication)));
    }

    private static Optional<SavedRead> findRead(Handle handle, CtScan scan, String reader, boolean adjudication)
    {
        return handle.createQuery("SELECT id, version, total FROM ct_reads WHERE scan_id = :s AND reader = :r AND adjudication = :a")
                .bind("s", scan.id()).bind("r", reader).bind("a", adjudication ? 1 : 0)
                .map((rs, ctx) -> new SavedRead(scan.id(), scan.code(), reader, adjudication, rs.getInt(2), rs.getDouble(3), grid(handle, rs.getLong(1))))
                .findOne();
    }

    private static SavedRead withGrid(Handle handle, SavedRead read, long readId)
    {
        return new SavedRead(read.scanId(), read.code(), read.reader(), read.adjudication(), read.version(), read.total(), grid(handle, readId));
    }

    /**
     * Saves a reader's read of the scan {@code code} made on {@code expectedVersion} (0 for a
     * first read); returns the new version. A reader may read only scans assigned to them; an
     * adjudication only scans awaiting it ({@code adjudication} is the caller's checked right).
     * Only the values that changed are written, and the audit trail is appended last
     * ({@link StudyDatabase#inTransactionAuditedLast}): saves of different reads run side by side on
     * PostgreSQL up to their audit lines. Seven round trips to the database: the scan, the read and
     * its values (one query), the version claimed, the changed values (one batch), the audit
     * chain taken, the audit lines (one batch), the chain advanced, the commit.
     *
     * @throws IllegalArgumentException when the values are not a read of the study's scoring system
     *         (a zone or lobe missing, an Ichikado zone not adding up to 100, a grade outside 0–5)
     * @throws ConflictException when the read was saved since {@code expectedVersion}
     */
    public SavedRead saveRead(long studyId, String code, String reader, boolean adjudication, int expectedVersion, ReadGrid values)
    {
        CtScoringSystem system = system(studyId);
        CtRead read = system.read(new ScanRef(code, "blinded"), reader, values);
        ReadGrid grid = read.grid();
        double total = read.score().total();
        return database.inTransactionAuditedLast(handle -> {
            StoredRead stored = StoredRead.find(handle, studyId, code, reader, adjudication).orElseThrow(() -> new NotFoundException("scan " + code));
            CtScan scan = stored.scan();
            checkMayRead(handle, studyId, stored, reader, adjudication);
            long readId;
            ReadGrid before;
            if (stored.readId().isEmpty() && expectedVersion == 0) {
                readId = insertRead(handle, scan, reader, adjudication, total, system);
                before = new ReadGrid(Map.of());
            }
            else {
                readId = claimVersion(handle, stored, reader, adjudication, expectedVersion, total);
                // the version claimed is the one read with the values, unless a save committed in between (then read them again, under the row's lock)
                before = stored.version() == expectedVersion ? stored.grid() : grid(handle, readId);
            }
            writeChangedValues(handle, readId, before, grid);
            auditChanges(handle, studyId, readId, expectedVersion + 1, before, grid, reader);
            return new SavedRead(scan.id(), code, reader, adjudication, expectedVersion + 1, total, grid);
        });
    }

    /** An Ichikado read given zone by zone ({@link #saveRead(long, String, String, boolean, int, ReadGrid)}). */
    public SavedRead saveRead(long studyId, String code, String reader, boolean adjudication, int expectedVersion, List<ZoneExtent> zones)
    {
        return saveRead(studyId, code, reader, adjudication, expectedVersion, IchikadoScore.grid(zones));
    }

    /**
     * A first read, version 1. Two first saves of the same read at once (two browser tabs): the
     * second waits for the first to commit and is refused as a conflict, naming the first.
     */
    private long insertRead(Handle handle, CtScan scan, String reader, boolean adjudication, double total, CtScoringSystem system)
    {
        Optional<Long> inserted = handle.createQuery("""
                        INSERT INTO ct_reads (scan_id, reader, adjudication, version, total, saved_at, scoring_system)
                        VALUES (:s, :r, :a, 1, :t, :at, :system)
                        ON CONFLICT (scan_id, reader, adjudication) DO NOTHING RETURNING id""")
                .bind("s", scan.id()).bind("r", reader).bind("a", adjudication ? 1 : 0).bind("t", total)
                .bind("at", Instant.now(database.clock()).toString()).bind("system", system.name())
                .mapTo(Long.class).findOne();
        return inserted.orElseThrow(() -> conflict(handle, scan, reader, adjudication, 0));
    }

    private long claimVersion(Handle handle, StoredRead stored, String reader, boolean adjudication, int expectedVersion, double total)
    {
        if (stored.readId().isEmpty()) {
            throw new ConflictException("read of scan " + stored.scan().code(), expectedVersion, 0, List.of());
        }
        long readId = stored.readId().get();
        int updated = handle.createUpdate("UPDATE ct_reads SET version = version + 1, total = :t, saved_at = :at WHERE id = :id AND version = :v")
                .bind("t", total).bind("at", Instant.now(database.clock()).toString())
                .bind("id", readId).bind("v", expectedVersion)
                .execute();
        if (updated == 0) {
            throw conflict(handle, stored.scan(), reader, adjudication, expectedVersion);
        }
        return readId;
    }

    /** The read as it is now (committed by someone else) and the changes since {@code expectedVersion}. */
    private static ConflictException conflict(Handle handle, CtScan scan, String reader, boolean adjudication, int expectedVersion)
    {
        Optional<long[]> now = handle.createQuery("SELECT id, version FROM ct_reads WHERE scan_id = :s AND reader = :r AND adjudication = :a")
                .bind("s", scan.id()).bind("r", reader).bind("a", adjudication ? 1 : 0)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getInt(2)})
                .findOne();
        return new ConflictException("read of scan " + scan.code(), expectedVersion, now.map(read -> (int) read[1]).orElse(0),
                now.map(read -> AuditTrail.forEntityAfter(handle, ENTITY, read[0], expectedVersion)).orElse(List.of()));
    }

    /**
     * Writes the values that differ from {@code before}: new and changed ones in one batch (an
     * upsert on the row's key), removed ones in another. A read saved again with two zones changed
     * writes 12 rows, not 36 deleted and 36 inserted.
     */
    private static void writeChangedValues(Handle handle, long readId, ReadGrid before, ReadGrid after)
    {
        PreparedBatch upserts = handle.prepareBatch("""
                INSERT INTO ct_read_values (read_id, region, item, value) VALUES (:id, :region, :item, :value)
                ON CONFLICT (read_id, region, item) DO UPDATE SET value = excluded.value""");
        after.values().forEach((region, items) -> items.forEach((item, value) -> {
            if (!value.equals(before.find(region, item).orElse(null))) {
                upserts.bind("id", readId).bind("region", region).bind("item", item).bind("value", value).add();
            }
        }));
        if (upserts.size() > 0) {
            upserts.execute();
        }
        PreparedBatch deletes = handle.prepareBatch("DELETE FROM ct_read_values WHERE read_id = :id AND region = :region AND item = :item");
        before.values().forEach((region, items) -> items.keySet().forEach(item -> {
            if (after.find(region, item).isEmpty()) {
                deletes.bind("id", readId).bind("region", region).bind("item", item).add();
            }
        }));
        if (deletes.size() > 0) {
            deletes.execute();
        }
    }

    private static void checkMayRead(Handle handle, long studyId, StoredRead stored, String reader, boolean adjudication)
    {
        CtScan scan = stored.scan();
        if (adjudication) {
            if (!scansNeedingAdjudication(handle, studyId).contains(scan.id())) {
                throw CasebookException.badInput("scan %s does not need adjudication: its readers agree within the study's threshold", scan.code());
            }
            if (hasRead(handle, scan.id(), reader, false)) {
                throw new CasebookException(ErrorCode.FORBIDDEN, "you read scan " + scan.code()
                        + ": an adjudicator never adjudicates a scan they read; another adjudicator must");
            }
            return;
        }
        if (!stored.assigned()) {
            throw new NotFoundException("scan " + scan.code() + " on your worklist");
        }
    }

    /** Stores a read's values, one row per region and item (migration V9). */
    public static void insertValues(Handle handle, long readId, ReadGrid grid)
    {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO ct_read_values (read_id, region, item, value) VALUES (:id, :region, :item, :value)");
        grid.values().forEach((region, items) -> items.forEach((item, value) ->
                batch.bind("id", readId).bind("region", region).bind("item", item).bind("value", value).add()));
        batch.execute();
    }

    private void auditChanges(Handle handle, long studyId, long readId, int version, ReadGrid before, ReadGrid after, String reader)
    {
        Map<String, Integer> old = flat(before);
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : flat(after).entrySet()) {
            Integer previous = old.get(entry.getKey());
            if (!entry.getValue().equals(previous)) {
                changes.add(new AuditTrail.Change(reader, studyId, ENTITY, readId, version, entry.getKey(),
                        previous == null ? null : previous.toString(), entry.getValue().toString(), null));
            }
        }
        audit.appendAll(handle, changes);
    }

    /** region.item → value ({@code RU.ggo}, {@code RUL.alveolar}): the audit trail's field names. */
    private static Map<String, Integer> flat(ReadGrid grid)
    {
        Map<String, Integer> values = new LinkedHashMap<>();
        grid.values().forEach((region, items) -> items.forEach((item, value) -> values.put(region + "." + item, value)));
        return values;
    }

    /** A stored read's values (region and item in the order they were stored). */
    static ReadGrid grid(Handle handle, long readId)
    {
        Map<String, Map<String, Integer>> values = new LinkedHashMap<>();
        handle.createQuery("SELECT region, item, value FROM ct_read_values WHERE read_id = :id ORDER BY region, item")
                .bind("id", readId)
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})
                .forEach(row -> values.computeIfAbsent((String) row[0], region -> new LinkedHashMap<>()).put((String) row[1], (Integer) row[2]));
        return new ReadGrid(values);
    }

    /** Every read of the study by scan id, for the analysis: adjudicated scans carry only the adjudicator's read. */
    public Map<Long, List<SavedRead>> readsForAnalysis(long studyId)
    {
        Map<Long, List<SavedRead>> byScan = reads(studyId);
        byScan.replaceAll((scanId, reads) -> reads.stream().anyMatch(SavedRead::adjudication)
                ? reads.stream().filter(SavedRead::adjudication).toList()
                : reads);
        return byScan;
    }

    /** Every read of the study by scan id, the readers' and the adjudicator's, in the order they were first saved. */
    public Map<Long, List<SavedRead>> reads(long studyId)
    {
        return database.withHandle(handle -> {
            Map<Long, List<SavedRead>> byScan = new TreeMap<>();
            handle.createQuery("""
                            SELECT r.id, r.scan_id, s.code, r.reader, r.adjudication, r.version, r.total
                            FROM ct_reads r JOIN ct_scans s ON s.id = r.scan_id WHERE s.study_id = :s ORDER BY r.id""")
                    .bind("s", studyId)
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), new SavedRead(rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5) == 1, rs.getInt(6), rs.getDouble(7), new ReadGrid(Map.of()))})
                    .list()
                    .forEach(row -> {
                        SavedRead read = (SavedRead) row[1];
                        byScan.computeIfAbsent(read.scanId(), id -> new ArrayList<>()).add(withGrid(handle, read, (Long) row[0]));
                    });
            return byScan;
        });
    }

    private static final String SELECT_SCAN = """
            SELECT s.id, s.study_id, s.case_id, c.patient_id, s.timepoint, s.scan_date, s.code, s.accession
            FROM ct_scans s JOIN cases c ON c.id = s.case_id""";

    private static CtScan mapScan(java.sql.ResultSet rs)
            throws java.sql.SQLException
    {
        return new CtScan(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }
}
