package org.casebook.store.cases;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.casebook.casedata.AdverseEvent;
import org.casebook.casedata.CaseRecord;
import org.casebook.casedata.CaseWorkbook;
import org.casebook.casedata.CtStudy;
import org.casebook.casedata.Measurement;
import org.casebook.ctscore.CtRead;
import org.casebook.ctscore.CtScoringSystem;
import org.casebook.ctscore.IchikadoScore;
import org.casebook.ctscore.KazerooniScore;
import org.casebook.error.CasebookException;
import org.casebook.schema.CaseField;
import org.casebook.schema.CaseSchema;
import org.casebook.schema.DerivedValue;
import org.casebook.store.AuditTrail;
import org.casebook.store.StudyDatabase;
import org.casebook.store.ct.CtReading;
import org.casebook.store.study.StudyProtocolStore;
import org.jdbi.v3.core.Handle;

/**
 * Stores a validated case workbook in a study, all in one transaction: either every case,
 * value, scan and read is stored, or (an error, a crash) nothing is. Each stored value keeps its
 * workbook source and gets an audit line.
 */
public final class CaseImport
{
    /** Operational lines only (study id and counts): never a patient id or a value. */
    private static final System.Logger LOG = System.getLogger(CaseImport.class.getName());

    private final StudyDatabase database;
    private final AuditTrail audit;
    private final StudyProtocolStore protocols;

    public CaseImport(StudyDatabase database)
    {
        this(database, new StudyProtocolStore(database));
    }

    public CaseImport(StudyDatabase database, StudyProtocolStore protocols)
    {
        this.database = database;
        this.audit = new AuditTrail(database);
        this.protocols = protocols;
    }

    /** What an import stored. */
    public record Summary(int cases, int values, int scans, int reads) {}

    /** @throws CasebookException when a patient of the workbook already is a case of the study (nothing stored) */
    public Summary importWorkbook(long studyId, CaseWorkbook workbook, String actor)
    {
        Summary summary = database.inTransaction(handle -> importWorkbook(handle, studyId, workbook, actor));
        LOG.log(System.Logger.Level.INFO, "import committed: study {0}, {1} cases", Long.toString(studyId), Integer.toString(summary.cases()));
        return summary;
    }

    /**
     * @throws CasebookException when the workbook has reads of another scoring system than the
     *         study's ({@code ct_reads} in a Kazerooni study, {@code ct_reads_kazerooni} in an Ichikado one)
     */
    public static void requireReadsOf(CtScoringSystem system, CaseWorkbook workbook)
    {
        int other = system instanceof IchikadoScore ? workbook.kazerooniReads().size() : workbook.ichikadoReads().size();
        if (other > 0) {
            // refuse rather than drop data
            String sheet = system instanceof IchikadoScore ? "ct_reads_kazerooni" : "ct_reads";
            String otherLabel = system instanceof IchikadoScore ? new KazerooniScore().label() : new IchikadoScore().label();
            throw CasebookException.badInput("this study's protocol scores CTs with the %s; this workbook has %d %s read(s) (%s): nothing was imported",
                    system.label(), other, otherLabel, sheet);
        }
    }

    /**
     * Imports inside the caller's transaction ({@code handle}), so that it commits or rolls back
     * with the caller's other writes.
     *
     * @throws CasebookException when a patient of the workbook already is a case of the study, or it has reads of another scoring system
     */
    public Summary importWorkbook(Handle handle, long studyId, CaseWorkbook workbook, String actor)
    {
        CtScoringSystem system = CtScoringSystem.forName(protocols.protocol(handle, studyId).ctScoring().system());
        requireReadsOf(system, workbook);
        Set<String> existing = new HashSet<>(handle.createQuery("SELECT patient_id FROM cases WHERE study_id = :s")
                .bind("s", studyId).mapTo(String.class).list());
        List<String> duplicates = workbook.cases().stream().map(CaseRecord::patientId).filter(existing::contains).toList();
        if (!duplicates.isEmpty()) {
            throw CasebookException.badInput("patient(s) %s are already cases of this study; nothing was imported", duplicates);
        }
        // inside the transaction (on SQLite it already holds the write lock): the crash test kills the server on this line
        LOG.log(System.Logger.Level.INFO, "import started: study {0}, {1} cases", Long.toString(studyId), Integer.toString(workbook.cases().size()));
        CaseSchema schema = protocols.protocol(handle, studyId).caseSchema();
        Set<String> derived = new HashSet<>(schema.derived().stream().filter(value -> value.kind() == DerivedValue.Kind.DAYS_BETWEEN)
                .map(DerivedValue::name).toList());
        Map<String, Long> caseIds = new HashMap<>();
        int values = 0;
        for (CaseRecord record : workbook.cases()) {
            long caseId = handle.createQuery("INSERT INTO cases (study_id, patient_id, version, locked) VALUES (:s, :p, 1, 0) RETURNING id")
                    .bind("s", studyId).bind("p", record.patientId()).mapTo(Long.class).one();
            caseIds.put(record.patientId(), caseId);
            Map<String, Object> fieldValues = record.values();
            for (CaseField field : schema.fields()) {
                Object value = fieldValues.get(field.name());
                // a days_between value is computed from its dates when the case is read: stored, it would go stale on an edit
                if (value != null && !derived.contains(field.name())) {
                    store(handle, studyId, caseId, new CaseValue("", field.name(), CaseFieldText.of(value), "", null, String.valueOf(record.source())), actor);
                    values++;
                }
            }
        }
        for (Measurement measurement : workbook.measurements()) {
            store(handle, studyId, caseIds.get(measurement.patientId()), new CaseValue(measurement.timepoint(), measurement.variable(),
                    CaseFieldText.number(measurement.value()), measurement.unit(),
                    measurement.date() == null ? null : measurement.date().toString(), String.valueOf(measurement.source())), actor);
            values++;
        }
        for (AdverseEvent event : workbook.adverseEvents()) {
            long caseId = caseIds.get(event.patientId());
            long eventId = insertAdverseEvent(handle, caseId, event);
            auditAdverseEvent(handle, studyId, caseId, eventId, event, actor);
        }
        List<? extends CtRead> reads = system.reads(workbook);
        Map<String, Long> scanIds = scans(handle, studyId, workbook, reads, caseIds);
        for (CtRead read : reads) {
            insertRead(handle, scanIds.get(read.scan().patientId() + "\u0000" + read.scan().timepoint()), read, system);
        }
        audit.append(handle, new AuditTrail.Change(actor, studyId, "study", studyId, null, "import", null,
                workbook.cases().size() + " case(s), " + values + " value(s)", null));
        return new Summary(workbook.cases().size(), values, scanIds.size(), reads.size());
    }

    private void store(Handle handle, long studyId, long caseId, CaseValue value, String actor)
    {
        Cases.insertValue(handle, caseId, value);
        audit.append(handle, new AuditTrail.Change(actor, studyId, Cases.ENTITY, caseId, 1, value.field(), null, value.value(), "import from " + value.source()));
    }

    /** One scan per CT study and per (patient, time point) read without one. */
    private static Map<String, Long> scans(Handle handle, long studyId, CaseWorkbook workbook, List<? extends CtRead> reads, Map<String, Long> caseIds)
    {
        Map<String, Long> scanIds = new HashMap<>();
        for (CtStudy study : workbook.ctStudies()) {
            scanIds.computeIfAbsent(study.patientId() + "\u0000" + study.timepoint(), key -> CtReading.createScan(handle, studyId,
                    caseIds.get(study.patientId()), study.timepoint(), study.date().toString(), study.studyId()));
        }
        for (CtRead read : reads) {
            scanIds.computeIfAbsent(read.scan().patientId() + "\u0000" + read.scan().timepoint(), key -> CtReading.createScan(handle, studyId,
                    caseIds.get(read.scan().patientId()), read.scan().timepoint(), null, null));
        }
        return scanIds;
    }

    private static void insertRead(Handle handle, long scanId, CtRead read, CtScoringSystem system)
    {
        long readId = handle.createQuery("""
                        INSERT INTO ct_reads (scan_id, reader, adjudication, version, total, saved_at, scoring_system)
                        VALUES (:s, :r, 0, 1, :t, 'import', :system) RETURNING id""")
                .bind("s", scanId).bind("r", read.reader()).bind("t", read.score().total()).bind("system", system.name())
                .mapTo(Long.class).one();
        CtReading.insertValues(handle, readId, read.grid());
    }

    /** One audit line per recorded column, as an event added on the case page gets ({@code adverse_event.7.grade}). */
    private void auditAdverseEvent(Handle handle, long studyId, long caseId, long eventId, AdverseEvent event, String actor)
    {
        StoredAdverseEvent.of(eventId, caseId, event).fields().forEach((column, value) -> {
            if (value != null) {
                audit.append(handle, new AuditTrail.Change(actor, studyId, Cases.ENTITY, caseId, 1, StoredAdverseEvent.auditField(eventId, column),
                        null, value, "import from " + event.source()));
            }
        });
    }

    private static long insertAdverseEvent(Handle handle, long caseId, AdverseEvent event)
    {
        return AdverseEvents.insert(handle, StoredAdverseEvent.of(0, caseId, event));
    }
}
